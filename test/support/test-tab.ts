// What the Test tab's UI tests share: opening a function's Test tab from the
// list, choosing a template in the picker, an $EDITOR that writes given text,
// and functions made for a test (a big response, a timeout, a crash).
import assert from 'node:assert/strict';
import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {waitUntilFunctionActiveV2} from '@aws-sdk/client-lambda';
import {zipFiles} from '../../source/domain/code-package.js';
import type {TestLambda} from './local-lambda.js';
import {keys, type UiTerminal} from './ui-terminal.js';

/** The right pane's text (right of the event list), its lines joined by spaces: a wrapped sentence reads as one. */
export function rightPane(ui: UiTerminal): string {
	return ui
		.screen()
		.split('\n')
		.map((line) => line.slice(29).trim())
		.join(' ')
		.replace(/\s+/g, ' ');
}

/** Chooses the function in the list, opens it and its Test tab. */
export async function openTestTab(ui: UiTerminal, name: string): Promise<void> {
	await openTab(ui, name, '3');
	await ui.waitForText('Saved events');
	await ui.waitForNoText('Reading saved events');
}

/** Chooses the function in the list, opens it, and presses the tab's number. */
export async function openTab(ui: UiTerminal, name: string, tab: string): Promise<void> {
	await ui.waitForText('web-app-python', 10_000);
	const rowOfName = (): number => ui.screen().split('\n').findIndex((line) => line.startsWith(`${name} `));
	for (let presses = 0; !ui.cell(rowOfName(), 0).inverse; presses++) {
		assert.ok(presses < 40 && rowOfName() >= 0, `no ${name} in the list:\n${ui.screen()}`);
		const selected = ui.screen().split('\n').findIndex((_, row) => ui.cell(row, 0).inverse);
		// eslint-disable-next-line no-await-in-loop
		await ui.press(selected > rowOfName() ? 'k' : 'j');
	}
	await ui.press(keys.enter);
	await ui.waitForText('5 Configuration');
	await ui.press(tab);
}

/** In the template picker (n), moves to the template whose title contains `title` and takes it. */
export async function pickTemplate(ui: UiTerminal, title: string): Promise<void> {
	await ui.waitForText('New event from a template');
	const selected = (): boolean => {
		const row = ui.rowOf(title);
		if (row < 0) return false;
		const column = ui.screen().split('\n')[row]?.indexOf(title) ?? -1;
		return ui.cell(row, column).inverse;
	};
	for (let presses = 0; !selected(); presses++) {
		assert.ok(presses < 40, `no template ${title}:\n${ui.screen()}`);
		// eslint-disable-next-line no-await-in-loop
		await ui.press('j');
	}
	await ui.press(keys.enter);
}

/** Saves a new private event from a template under the template's name, and closes the editor it opens. */
export async function saveTemplateEvent(ui: UiTerminal, title: string): Promise<void> {
	await ui.press('n');
	await pickTemplate(ui, title);
	await ui.waitForText('Save the new event');
	await ui.press(keys.enter);
	await ui.waitForText(/Editing \S+ \(private\)/);
	await ui.press(keys.escape);
	await ui.waitForNoText('Editing');
}

/** Points $VISUAL at a script that replaces the edited file with `text` (restore with the function returned). */
export function editorWriting(text: string): () => void {
	const directory = mkdtempSync(join(tmpdir(), 'lambdash-editor-'));
	const content = join(directory, 'content');
	writeFileSync(content, text);
	const script = join(directory, 'editor.sh');
	writeFileSync(script, `#!/bin/sh\ncat "${content}" > "$1"\n`);
	chmodSync(script, 0o755);
	const before = process.env.VISUAL;
	process.env.VISUAL = script;
	return () => {
		if (before === undefined) delete process.env.VISUAL;
		else process.env.VISUAL = before;
	};
}

/** Creates a Node.js function from one index.mjs and waits until it is Active. */
export async function createNodeFunction(local: TestLambda, name: string, code: string, settings: {timeout?: number; memorySize?: number} = {}): Promise<void> {
	await local.lambda.createFunction({
		FunctionName: name,
		Runtime: 'nodejs22.x',
		Role: 'arn:aws:iam::123456789012:role/lambdash-test',
		Handler: 'index.handler',
		Timeout: settings.timeout ?? 3,
		MemorySize: settings.memorySize ?? 128,
		Code: {ZipFile: Buffer.from(zipFiles({'index.mjs': code})).toString('base64')},
	});
	await waitUntilFunctionActiveV2({client: local.clients.lambda, maxWaitTime: 20}, {FunctionName: name});
}
