// The Configuration tab in an 80x24 terminal, against the local Lambda:
// reading each section, editing through forms, bad input refused with the
// allowed range named and what was typed kept, a change someone else made
// first, $EDITOR, and read-only mode.
import assert from 'node:assert/strict';
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, test} from 'node:test';
import {GetFunctionCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2} from '@aws-sdk/client-lambda';
import {runtimeChoices} from '../../source/domain/general-settings.js';
import {localLambdaForSuite, openConfiguration, openSection} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the Configuration tab in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	const scratch = mkdtempSync(join(tmpdir(), 'lambdash-config-ui-'));
	after(() => {
		rmSync(scratch, {recursive: true, force: true});
	});

	const configuration = async (name: string) => (await local().clients.lambda.send(new GetFunctionCommand({FunctionName: name}))).Configuration;

	test('General: shows the settings; a memory out of range is refused with the range named and the input kept; a good one is saved', async () => {
		const ui = UiTerminal.start(local().session);
		await openConfiguration(ui, 'iot-backend-node');
		const screen = ui.screen();
		assert.match(screen, /Memory +128 MB/);
		assert.match(screen, /Timeout +3 s/);
		assert.match(screen, /Handler +index\.handler/);
		assert.match(screen, /Architecture +x86_64/);

		await ui.press('e');
		await ui.waitForText('Edit general configuration');
		await ui.press(keys.down);
		ui.type('\u0015');
		await ui.press('9', '9', '9', '9', '9', keys.enter);
		await ui.waitForText('Memory must be a whole number of MB from 128 to 10240');
		assert.match(ui.screen(), /Memory \(MB\) +99999/, 'what was typed is still there');
		assert.equal((await configuration('iot-backend-node'))?.MemorySize, 128, 'nothing was sent');

		ui.type('\u0015');
		await ui.press('2', '5', '6', keys.tab, keys.tab);
		ui.type('\u0015');
		await ui.press('1', 'm', '3', '0', 's', keys.enter);
		await ui.waitForText('Saved memory 256 MB, timeout 90 s for iot-backend-node.', 10_000);
		await ui.waitForText(/Memory +256 MB/);
		await ui.waitForText(/Timeout +1 min 30 s/);
		const saved = await configuration('iot-backend-node');
		assert.equal(saved?.MemorySize, 256);
		assert.equal(saved?.Timeout, 90);

		await ui.press('1');
		await ui.waitForText(/Memory +256 MB · ephemeral storage 512 MB · timeout 1 min 30 s/);
		await ui.press(keys.escape);
		await ui.waitForText(/iot-backend-node +nodejs22\.x +256 +90s/);
		await ui.quit();
	});

	test('General: the runtime is chosen from the SDK\'s list, deprecated ones marked', async () => {
		const ui = UiTerminal.start(local().session);
		await openConfiguration(ui, 'stream-processor-node');
		await ui.press('e');
		await ui.waitForText('Edit general configuration');
		await ui.press(keys.up);
		await ui.waitForText(/Runtime +‹ nodejs22\.x ›/);
		await ui.press(keys.right);
		await ui.waitForText(/Runtime +‹ nodejs24\.x ›/);
		// Before nodejs22.x in the SDK's list: the runtime the form offers there, deprecated ones marked.
		const choices = runtimeChoices('nodejs22.x');
		const before = choices[choices.indexOf('nodejs22.x') - 1] ?? '';
		await ui.press(keys.left, keys.left);
		await ui.waitForText(`Runtime         ‹ ${before} ›`);
		await ui.press(keys.right, keys.right, keys.enter);
		await ui.waitForText('Saved runtime nodejs24.x for stream-processor-node.', 10_000);
		assert.equal((await configuration('stream-processor-node'))?.Runtime, 'nodejs24.x');
		await ui.quit();
	});

	test('General: a change someone else made first is shown beside the user\'s, and the user chooses', async () => {
		const ui = UiTerminal.start(local().session);
		await openConfiguration(ui, 'iot-backend-python');
		await ui.press('e');
		await ui.waitForText('Edit general configuration');
		// Someone else changes the memory while the form is open.
		await local().clients.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'iot-backend-python', MemorySize: 1024}));
		await waitUntilFunctionUpdatedV2({client: local().clients.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'iot-backend-python'});
		await ui.press(keys.down);
		ui.type('\u0015');
		await ui.press('5', '1', '2', keys.enter);
		await ui.waitForText('Someone else changed iot-backend-python after you opened it.', 10_000);
		assert.match(ui.screen(), /Memory +512 MB +1024 MB/);
		await ui.press('n');
		await ui.waitForText('Kept the values someone else saved', 10_000);
		assert.equal((await configuration('iot-backend-python'))?.MemorySize, 1024, 'theirs was kept');

		await ui.press('e');
		await ui.waitForText('Edit general configuration');
		assert.match(ui.screen(), /Memory \(MB\) +1024/, 'the form starts from the fresh values');
		await local().clients.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'iot-backend-python', Description: 'changed elsewhere'}));
		await waitUntilFunctionUpdatedV2({client: local().clients.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'iot-backend-python'});
		await ui.press(keys.down);
		ui.type('\u0015');
		await ui.press('7', '6', '8', keys.enter);
		await ui.waitForText('Someone else changed', 10_000);
		await ui.press('y');
		await ui.waitForText('Saved memory 768 MB for iot-backend-python.', 10_000);
		const final = await configuration('iot-backend-python');
		assert.equal(final?.MemorySize, 768, 'yours was applied');
		assert.equal(final?.Description, 'changed elsewhere', 'what you did not change stays as they left it');
		await ui.quit();
	});

	test('Environment: values hidden until asked for; bad names refused; add, edit in $EDITOR, delete', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Environment');
		await ui.waitForText(/Environment variables \(3\)/);
		assert.match(ui.screen(), /LOG_LEVEL +••••••••/);
		assert.match(ui.screen(), /\[█[█░]{9}\] \d+ of 4096 bytes/);
		await ui.press(keys.enter, 'v');
		await ui.waitForText(/APP_NAME +Demo coffee shop/);
		assert.match(ui.screen(), /LOG_LEVEL +••••••••/, 'only the chosen one is shown');
		await ui.press('V');
		await ui.waitForText(/LOG_LEVEL +INFO/);

		await ui.press('a');
		await ui.waitForText('Add an environment variable');
		await ui.press('A', 'W', 'S', '_', 'R', 'E', 'G', 'I', 'O', 'N', keys.enter);
		await ui.waitForText('AWS_REGION is set by Lambda itself and cannot be set here');
		ui.type('\u0015');
		await ui.press('C', 'A', 'C', 'H', 'E', '_', 'T', 'T', 'L', keys.tab, '6', '0', keys.enter);
		await ui.waitForText('Saved variable CACHE_TTL for web-app-node.', 10_000);
		assert.equal((await configuration('web-app-node'))?.Environment?.Variables?.['CACHE_TTL'], '60');

		// $EDITOR: a script stands in for the user's editor and rewrites the file.
		const editor = join(scratch, 'editor.sh');
		writeFileSync(editor, '#!/bin/sh\nprintf "# edited\\nCACHE_TTL=120\\nGREETING=hello=world\\n" > "$1"\n');
		chmodSync(editor, 0o755);
		const bad = join(scratch, 'bad-editor.sh');
		writeFileSync(bad, '#!/bin/sh\nprintf "1BAD=x\\nOK_ONE=1\\n" > "$1"\n');
		chmodSync(bad, 0o755);
		const saved = process.env['VISUAL'];
		try {
			process.env['VISUAL'] = bad;
			await ui.press('E');
			await ui.waitForText("Not saved: Line 1: '1BAD' is not a valid variable name", 10_000);
			assert.equal((await configuration('web-app-node'))?.Environment?.Variables?.['OK_ONE'], undefined, 'nothing was sent');
			process.env['VISUAL'] = editor;
			await ui.press('E');
			await ui.waitForText('Saved environment variables for web-app-node.', 10_000);
		} finally {
			if (saved === undefined) delete process.env['VISUAL'];
			else process.env['VISUAL'] = saved;
		}
		assert.deepEqual((await configuration('web-app-node'))?.Environment?.Variables, {CACHE_TTL: '120', GREETING: 'hello=world'});
		await ui.waitForText(/Environment variables \(2\)/);

		await ui.press('d');
		await ui.waitForText('Delete CACHE_TTL from web-app-node?');
		await ui.press('y');
		await ui.waitForText('Saved deleting CACHE_TTL for web-app-node.', 10_000);
		assert.deepEqual((await configuration('web-app-node'))?.Environment?.Variables, {GREETING: 'hello=world'});
		await ui.quit();
	});

	test('Tags: add, refuse the aws: prefix, edit and delete', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'mobile-backend-node', 'Tags');
		await ui.waitForText(/Tags \(\d+ of 50\)/);
		await ui.press('a');
		await ui.waitForText('Add a tag');
		await ui.press('a', 'w', 's', ':', 'x', keys.enter);
		await ui.waitForText('Keys starting with aws: are reserved for AWS');
		ui.type('\u0015');
		await ui.press('t', 'e', 'a', 'm', keys.tab, 'p', 'a', 'y', 's', keys.enter);
		await ui.waitForText('Saved tag team for mobile-backend-node.', 10_000);
		await ui.waitForText(/team +pays/);
		const tags = (await local().clients.lambda.send(new GetFunctionCommand({FunctionName: 'mobile-backend-node'}))).Tags;
		assert.equal(tags?.['team'], 'pays');
		await ui.quit();
	});

	test('? in the Configuration tab lists its keys', async () => {
		const ui = UiTerminal.start(local().session);
		await openConfiguration(ui, 'web-app-python');
		await ui.press('?');
		await ui.waitForText('Configuration tab');
		assert.match(ui.screen(), /E +Every variable in \$EDITOR, as KEY=VALUE \(asks first\)/);
		// Longer than the screen: it scrolls to the keys that work everywhere.
		await ui.press('G');
		for (let presses = 0; presses < 20 && !ui.screen().includes('Everywhere'); presses++) await ui.press('j');
		assert.match(ui.screen(), /Everywhere/);
		assert.match(ui.screen(), /Reading a long text/);
		await ui.press(keys.escape);
		await ui.waitForNoText('Everywhere');
		await ui.quit();
	});

	test('read-only mode: every change is refused with the reason, before any form opens', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openConfiguration(ui, 'web-app-python');
		await ui.press('e');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('Edit general configuration'));
		// Down the sections to Environment.
		const environmentRow = (): number => ui.screen().split('\n').findIndex((line) => line.slice(0, 18).trim() === 'Environment');
		for (let presses = 0; presses < 20 && !ui.cell(environmentRow(), 1).inverse; presses++) await ui.press('j');
		await ui.waitForText(/Environment variables \(\d+\)/);
		await ui.press('a');
		assert.ok(!ui.screen().includes('Add an environment variable'));
		await ui.quit();
	});
});
