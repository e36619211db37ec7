// What the Configuration tab's UI tests share: a local Lambda for the suite,
// opening a function's Configuration tab from the function list and a section
// of it, and replacing the text of a form's field.
import assert from 'node:assert/strict';
import {after, before} from 'node:test';
import {startTestLambda, type TestLambda} from './local-lambda.js';
import {keys, type UiTerminal} from './ui-terminal.js';

/** Starts a local Lambda before the suite's tests and stops it after them; the function returned gives it. */
export function localLambdaForSuite(): () => TestLambda {
	let local: TestLambda | undefined;
	before(async () => {
		local = await startTestLambda();
	});
	after(async () => {
		await local?.stop();
	});
	return () => {
		assert.ok(local !== undefined, 'the local Lambda is started before the tests');
		return local;
	};
}

/** Chooses the function in the list, opens it and its Configuration tab (the General section first). */
export async function openConfiguration(ui: UiTerminal, name: string, listTimeoutMs?: number): Promise<void> {
	await ui.waitForText('web-app-python', listTimeoutMs);
	while (!ui.cell(ui.rowOf(name), 0).inverse) await ui.press('j');
	await ui.press(keys.enter);
	await ui.waitForText('5 Configuration');
	await ui.press('5');
	await ui.waitForText('General configuration');
}

/**
 * Opens a function's Configuration tab and moves to a section by its title in
 * the list of sections (the pane's title may say it too, further right); then
 * waits for `paneText`, when given.
 */
export async function openSection(ui: UiTerminal, name: string, title: string, {listTimeoutMs, paneText}: {listTimeoutMs?: number; paneText?: string} = {}): Promise<void> {
	await openConfiguration(ui, name, listTimeoutMs);
	const rowOfSection = (): number => ui.screen().split('\n').findIndex((line) => line.slice(0, 18).trim() === title);
	assert.ok(rowOfSection() >= 0, `the section ${title} is listed`);
	for (let presses = 0; !ui.cell(rowOfSection(), 1).inverse; presses++) {
		assert.ok(presses < 30, `no ${title} section:\n${ui.screen()}`);
		// eslint-disable-next-line no-await-in-loop
		await ui.press('j');
	}
	if (paneText !== undefined) await ui.waitForText(paneText);
}

/** Clears the focused text field (Ctrl-U) and types a value into it. */
export async function replace(ui: UiTerminal, text: string): Promise<void> {
	ui.type('\u0015');
	await ui.quiet();
	ui.type(text);
	await ui.quiet();
}
