// The Code tab in an 80x24 terminal, against the local Lambda: the package's
// file tree with sizes, a file shown highlighted and scrolled (a large one
// paged, a binary one not opened), a file edited in $EDITOR and deployed (the
// new SHA-256 shown, and an invocation returning what the new code does),
// someone else's change caught by the RevisionId, deploying from a local
// directory, a package over 50 MB refused before upload, discarding changes,
// read-only mode and NO_COLOR.
import assert from 'node:assert/strict';
import {mkdtempSync, truncateSync, writeFileSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {CreateFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2} from '@aws-sdk/client-lambda';
import {strToU8, zipSync} from 'fflate';
import {localLambdaForSuite, replace} from '../support/configuration-tab.js';
import type {TestLambda} from '../support/local-lambda.js';
import {editorWriting, openTab} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const greet = 'export function greet(name) {\n\t// Says hello.\n\treturn `Hello, ${name}`;\n}\n';
const index = "import {greet} from './lib/greet.mjs';\n\nexport const handler = async (event) => ({message: greet(event.name ?? 'world')});\n";
const bigLines = Array.from({length: 30_000}, (_, line) => `line ${line + 1} of a large log file, kept in the package for the test`);

/** Creates a Node.js function from several files and waits until it is Active. */
async function createPackageFunction(local: TestLambda, name: string, files: Record<string, Uint8Array>): Promise<void> {
	await local.lambda.createFunction({
		FunctionName: name,
		Runtime: 'nodejs22.x',
		Role: 'arn:aws:iam::123456789012:role/lambdash-test',
		Handler: 'index.handler',
		Code: {ZipFile: Buffer.from(zipSync(files)).toString('base64')},
	});
	await waitUntilFunctionActiveV2({client: local.clients.lambda, maxWaitTime: 20}, {FunctionName: name});
}

const basicFiles = (): Record<string, Uint8Array> => ({
	'index.mjs': strToU8(index),
	'lib/greet.mjs': strToU8(greet),
});

async function codeSha256(local: TestLambda, name: string): Promise<string> {
	const configuration = await local.clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
	return configuration.CodeSha256 ?? '';
}

async function invoke(local: TestLambda, name: string, event: unknown): Promise<unknown> {
	const output = await local.clients.lambda.send(new InvokeCommand({FunctionName: name, Payload: Buffer.from(JSON.stringify(event))}));
	return JSON.parse(Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8'));
}

/** Moves the tree's cursor (the inverse row, under the header and above the status lines) to the row containing `text`. */
async function select(ui: UiTerminal, text: string): Promise<void> {
	const selectedRow = (): number => ui.screen().split('\n').findIndex((_, row) => row > 3 && row < 21 && ui.cell(row, 0).inverse);
	for (let presses = 0; ; presses++) {
		const target = ui.rowOf(text);
		assert.ok(presses < 40 && target >= 0, `no ${text} in the tree:\n${ui.screen()}`);
		const at = selectedRow();
		if (at === target) return;
		// eslint-disable-next-line no-await-in-loop
		await ui.press(at > target ? 'k' : 'j');
	}
}

async function openCodeTab(ui: UiTerminal, name: string): Promise<void> {
	await openTab(ui, name, '2');
	await ui.waitForText('SHA-256', 10_000);
}

describe('the Code tab in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	test('the tree with sizes; a file highlighted and scrolled, a large one paged, a binary one not opened', async () => {
		await createPackageFunction(local(), 'code-tree', {
			...basicFiles(),
			'assets/logo.bin': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
			'big.log': strToU8(`${bigLines.join('\n')}\n`),
		});
		const sha = await codeSha256(local(), 'code-tree');
		const ui = UiTerminal.start(local().session);
		await openCodeTab(ui, 'code-tree');
		assert.ok(ui.screen().includes(sha), `the SHA-256 is shown:\n${ui.screen()}`);
		assert.match(ui.screen(), /Code size\s+\S+ \S+ zipped · 4 files, [\d.]+ MB unzipped/);
		// Folders first (closed), then files, each with its size.
		const rows = ui.screen().split('\n');
		const order = ['▸ assets/', '▸ lib/', 'big.log', 'index.mjs'].map((text) => rows.findIndex((line) => line.includes(text)));
		assert.ok(order.every((row, at) => row >= 0 && (at === 0 || row > order[at - 1]!)), `the tree's order:\n${ui.screen()}`);
		assert.match(rows[order[3]!] ?? '', /index\.mjs\s+\d+ B$/);
		assert.match(rows[order[1]!] ?? '', /lib\/\s+\d+ B$/);

		// Open the folder, then the file in it: highlighted, with line numbers.
		await select(ui, 'lib/');
		await ui.press(keys.enter);
		await ui.waitForText('▾ lib/');
		await select(ui, 'greet.mjs');
		await ui.press(keys.enter);
		await ui.waitForText('lib/greet.mjs ·');
		assert.match(ui.screen(), /lines 1-\d+ of 5/);
		const exportRow = ui.rowOf('1  export function greet');
		assert.ok(exportRow >= 0, ui.screen());
		const exportColumn = ui.screen().split('\n')[exportRow]!.indexOf('export');
		assert.ok(!ui.cell(exportRow, exportColumn).fgDefault, 'a keyword is coloured');
		const commentRow = ui.rowOf('// Says hello.');
		const commentColumn = ui.screen().split('\n')[commentRow]!.indexOf('//');
		assert.notEqual(ui.cell(commentRow, commentColumn).fg, ui.cell(exportRow, exportColumn).fg, 'a comment is in another colour');
		await ui.press(keys.escape);
		await ui.waitForText('▾ lib/');
		assert.ok(ui.screen().includes('5 Configuration'), 'Esc closed the file, not the function');

		// h closes the folder the cursor is in.
		await select(ui, 'greet.mjs');
		await ui.press('h');
		await ui.waitForText('▸ lib/');
		assert.equal(ui.rowOf('greet.mjs'), -1);

		// A binary file is not opened as text.
		await select(ui, 'assets/');
		await ui.press(keys.enter);
		await select(ui, 'logo.bin');
		await ui.press(keys.enter);
		await ui.waitForText('assets/logo.bin: binary, 8 bytes');
		assert.equal(ui.rowOf('lines 1-'), -1);

		// A file over 1 MB opens paged, without highlighting, and G goes to its end.
		await select(ui, 'big.log');
		await ui.press(keys.enter);
		await ui.waitForText('over 1 MB: not highlighted');
		assert.match(ui.screen(), /lines 1-\d+ of 30001/);
		await ui.press('G');
		await ui.waitForText('line 30000 of a large log file');
		await ui.press(keys.pageUp);
		await ui.waitForNoText('line 30000 of a large log file');
		await ui.press(keys.escape);
		await ui.quit();
	});

	test('a file edited in $EDITOR is marked, deployed with UpdateFunctionCode, and the invocation returns what it now does', async () => {
		await createPackageFunction(local(), 'code-edit', basicFiles());
		const before = await codeSha256(local(), 'code-edit');
		assert.deepEqual(await invoke(local(), 'code-edit', {name: 'Ada'}), {message: 'Hello, Ada'});
		const ui = UiTerminal.start(local().session);
		await openCodeTab(ui, 'code-edit');
		await select(ui, 'lib/');
		await ui.press(keys.enter);
		await select(ui, 'greet.mjs');
		await ui.press('u');
		await ui.waitForText('Nothing changed to deploy');

		const restore = editorWriting(greet.replace('Hello', 'Bonjour'));
		try {
			await ui.press('e');
			await ui.waitForText('1 file changed: u deploys, x discards');
		} finally {
			restore();
		}
		assert.match(ui.screen(), /greet\.mjs ●/);
		assert.match(ui.screen(), /lib\/ ●/);
		// The viewer shows the edited text.
		await ui.press(keys.enter);
		await ui.waitForText('changed, not deployed');
		assert.ok(ui.screen().includes('Bonjour'));
		await ui.press(keys.escape);

		// The edits outlive a visit to another tab.
		await ui.press('1');
		await ui.press('2');
		await ui.waitForText('1 file changed: u deploys, x discards', 10_000);

		await ui.press('u');
		await ui.waitForText('Deploy 1 changed file to code-edit?');
		assert.ok(ui.screen().includes('● lib/greet.mjs'));
		await ui.press('y');
		await ui.waitForText('Deployed 1 file to code-edit', 15_000);
		const after = await codeSha256(local(), 'code-edit');
		assert.notEqual(after, before);
		await ui.waitForText(`SHA-256   ${after}`, 10_000);
		assert.ok(ui.screen().includes('Deployed 1 file to code-edit: LastUpdateStatus Successful.'), ui.screen());
		await ui.waitForNoText('●');
		assert.deepEqual(await invoke(local(), 'code-edit', {name: 'Ada'}), {message: 'Bonjour, Ada'});
		await ui.quit();
	});

	test('someone else\'s change first: nothing is deployed, the edits stay, and the next deploy carries the fresh RevisionId', async () => {
		await createPackageFunction(local(), 'code-conflict', basicFiles());
		const ui = UiTerminal.start(local().session);
		await openCodeTab(ui, 'code-conflict');
		await select(ui, 'index.mjs');
		const restore = editorWriting("export const handler = async () => 'second';\n");
		try {
			await ui.press('e');
			await ui.waitForText('1 file changed');
		} finally {
			restore();
		}
		await local().clients.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'code-conflict', Description: 'changed elsewhere'}));
		await waitUntilFunctionUpdatedV2({client: local().clients.lambda, maxWaitTime: 20}, {FunctionName: 'code-conflict'});
		await ui.press('u', 'y');
		await ui.waitForText('Someone else changed code-conflict first', 10_000);
		assert.match(ui.screen(), /index\.mjs ●/);
		await ui.press('u', 'y');
		await ui.waitForText('Deployed 1 file to code-conflict', 15_000);
		assert.equal(await invoke(local(), 'code-conflict', {}), 'second');
		await ui.quit();
	});

	test('x discards the changes; U deploys a local directory, and refuses a .zip over 50 MB before uploading', async () => {
		await createPackageFunction(local(), 'code-local', basicFiles());
		const sha = await codeSha256(local(), 'code-local');
		const ui = UiTerminal.start(local().session);
		await openCodeTab(ui, 'code-local');
		await select(ui, 'index.mjs');
		const restore = editorWriting("export const handler = async () => 'edited';\n");
		try {
			await ui.press('e');
			await ui.waitForText('1 file changed');
		} finally {
			restore();
		}
		await ui.press('x');
		await ui.waitForText('Discard 1 file changed?');
		await ui.press('y');
		await ui.waitForNoText('1 file changed');
		assert.doesNotMatch(ui.screen(), /●/);

		const scratch = mkdtempSync(join(tmpdir(), 'lambdash-code-tab-'));
		const big = join(scratch, 'big.zip');
		writeFileSync(big, '');
		truncateSync(big, 52_428_800 + 1);
		await ui.press('U');
		await ui.waitForText('Deploy to code-local from this machine');
		await replace(ui, join(scratch, 'missing'));
		await ui.press(keys.enter);
		await ui.waitForText('There is no');
		await replace(ui, big);
		await ui.press(keys.enter);
		await ui.waitForText('Lambda takes at most 50 MB');
		assert.equal(await codeSha256(local(), 'code-local'), sha, 'nothing was uploaded');

		const directory = join(scratch, 'function');
		mkdirSync(join(directory, 'lib'), {recursive: true});
		writeFileSync(join(directory, 'index.mjs'), "import {where} from './lib/where.mjs';\nexport const handler = async () => where;\n");
		writeFileSync(join(directory, 'lib', 'where.mjs'), "export const where = 'from a directory';\n");
		await replace(ui, directory);
		await ui.press(keys.enter);
		await ui.waitForText("Replace code-local's code with this directory?");
		assert.ok(ui.screen().includes('2 files'), ui.screen());
		await ui.press('y');
		await ui.waitForText('Deployed', 15_000);
		assert.equal(await invoke(local(), 'code-local', {}), 'from a directory');
		// The tree shows the new package.
		await ui.waitForText(await codeSha256(local(), 'code-local'), 10_000);
		await select(ui, 'lib/');
		await ui.press(keys.enter);
		await ui.waitForText('where.mjs');
		await ui.quit();
	});

	test('a container image function shows its image and its configuration instead of a tree, and e explains why not', async () => {
		const imageUri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:2024-06';
		await local().clients.lambda.send(
			new CreateFunctionCommand({
				FunctionName: 'imaged',
				Role: 'arn:aws:iam::123456789012:role/lambdash-test',
				PackageType: 'Image',
				Code: {ImageUri: imageUri},
				ImageConfig: {Command: ['app.handler'], EntryPoint: ['/lambda-entrypoint.sh'], WorkingDirectory: '/var/task'},
			}),
		);
		await waitUntilFunctionActiveV2({client: local().clients.lambda, maxWaitTime: 20}, {FunctionName: 'imaged'});
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'imaged', '2');
		await ui.waitForText('Container image');
		const screen = ui.screen();
		assert.match(screen, new RegExp(`Image URI +${imageUri.replace(/\./g, '\\.')}`));
		assert.match(screen, /Entry point +\["\/lambda-entrypoint\.sh"\]/);
		assert.match(screen, /Command +\["app\.handler"\]/);
		assert.match(screen, /Working directory +\/var\/task/);
		assert.match(screen, /The code is in the image/);
		await ui.press('e');
		await ui.waitForText('imaged runs a container image: push a new image to change its code.');
		await ui.quit();
	});

	test('read-only mode refuses editing and deploying; with NO_COLOR the file is plain text', async () => {
		const ui = UiTerminal.start(local().readOnlySession, {env: {NO_COLOR: '1'}});
		await openCodeTab(ui, 'web-app-node');
		await select(ui, 'index.mjs');
		for (const key of ['e', 'u', 'U']) {
			// eslint-disable-next-line no-await-in-loop
			await ui.press(key);
			// eslint-disable-next-line no-await-in-loop
			await ui.waitForText('Read-only mode: changes are off');
		}
		assert.equal(ui.rowOf('Deploy to'), -1);
		await ui.press(keys.enter);
		await ui.waitForText('index.mjs ·');
		const row = ui.rowOf('const ');
		assert.ok(row >= 0, ui.screen());
		assert.ok(ui.cell(row, ui.screen().split('\n')[row]!.indexOf('const ')).fgDefault, 'no colour with NO_COLOR');
		await ui.press('e');
		await ui.waitForText('Read-only mode: changes are off');
		await ui.quit();
	});
});
