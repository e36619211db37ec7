// The Test tab in an 80x24 terminal, against the local Lambda: an event made
// from a template and edited, invalid JSON kept and explained, invocations of
// Node.js and Python demo functions succeeding and failing, the session's
// history, a large response scrolled, the bad inputs of the issue, shareable
// events in the schema registry, and read-only mode.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {listSharedEvents} from '../../source/aws/shared-test-events.js';
import {localLambdaForSuite} from '../support/configuration-tab.js';
import {createNodeFunction, editorWriting, openTestTab, pickTemplate, rightPane, saveTemplateEvent} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const ctrlS = '\u0013';

describe('the Test tab in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	test('an event from a template: invalid JSON is explained with its line and column and kept; saved, it invokes a Node.js function', async () => {
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'web-app-node');
		await ui.waitForText('No saved events yet.');
		await ui.press('n');
		await pickTemplate(ui, 'API Gateway HTTP API');
		await ui.waitForText('Save the new event');
		await ui.press(keys.enter);
		await ui.waitForText(/Editing \S+ \(private\)/);
		assert.match(ui.screen(), /"version": "2\.0"/);

		// A stray character at the very start: nothing is saved, the message says where, the text stays.
		await ui.press('x', ctrlS);
		await ui.waitForText(/Line 1, column 1: Unexpected character 'x'/);
		assert.match(ui.screen(), /x\{/, 'what was typed is still there');
		// The cursor went to the mistake: Ctrl-D deletes it.
		await ui.press('\u0004', ctrlS);
		await ui.waitForNoText('Editing');
		await ui.waitForText('Private (1)');

		await ui.press(keys.enter);
		await ui.waitForText('✔ Succeeded (200)', 15_000);
		const screen = ui.screen();
		assert.match(screen, /Billed +\d+ ms/);
		assert.match(screen, /Memory +\d+ MB used of 128 MB/);
		assert.match(screen, /Init +[\d.]+ ms \(cold start\)/);
		assert.match(screen, /Version +\$LATEST/);
		// The demo shop has no /carts route: the function answered, with its own 404.
		assert.match(screen, /"statusCode": 404/);
		await ui.quit();
	});

	test('a Python function that fails shows its error type, message and stack; an $EDITOR\'s invalid JSON comes back explained', async () => {
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'file-processor-python');
		await saveTemplateEvent(ui, 'S3 Put');
		await ui.waitForText('Private (1)');

		let restore = editorWriting('\n');
		try {
			await ui.press('E');
			await ui.waitForText('Line 1, column 1: The event is empty: write a JSON value, such as {}');
			await ui.press(keys.escape);
			await ui.waitForText('Discard your changes');
			await ui.press('y');
		} finally {
			restore();
		}
		restore = editorWriting('{\n  "Records": [1, 2,]\n}\n');
		try {
			await ui.press('E');
			await ui.waitForText(/Line 2, column 19: Trailing comma before '\]'/);
			assert.match(ui.screen(), /"Records": \[1, 2,\]/, 'the editor\'s text is kept');
			await ui.press(keys.escape);
			await ui.waitForText('Discard your changes');
			await ui.press('y');
		} finally {
			restore();
		}
		restore = editorWriting(
			JSON.stringify({Records: [{eventSource: 'aws:s3', s3: {bucket: {name: 'lambdash-demo-uploads'}, object: {key: '../../../etc/passwd.json'}}}]}, null, 2),
		);
		try {
			await ui.press('E');
			await ui.waitForText(/Saved \S+ \(private\)\./);
		} finally {
			restore();
		}
		await ui.press(keys.enter);
		await ui.waitForText('✘ Failed: MalformedObjectError', 15_000);
		assert.match(rightPane(ui), /MalformedObjectError — Refusing key outside the bucket: \.\.\/\.\.\/\.\.\/etc\/passwd\.json/);
		await ui.press('l', 'G');
		await ui.waitForText('raise MalformedObjectError');
		assert.match(rightPane(ui), /path = object_path\(bucket, key\)/, 'the Python stack, frame by frame');
		await ui.quit();
	});

	test('the history lists this session\'s invocations, and Enter shows an earlier one', async () => {
		await createNodeFunction(local(), 'echo-count', 'let calls = 0;\nexport const handler = async (event) => ({calls: ++calls, got: event});\n');
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'echo-count');
		await saveTemplateEvent(ui, 'Hello world');
		await ui.press(keys.enter);
		await ui.waitForText('"calls": 1', 15_000);
		await ui.press(keys.enter);
		await ui.waitForText('"calls": 2', 15_000);
		// Asynchronous: Lambda queues the event and answers 202 at once.
		await ui.press('o');
		await ui.waitForText('Invocation type');
		await ui.press(' ', keys.enter);
		await ui.press(keys.enter);
		await ui.waitForText('✔ Queued (202): Lambda accepted the event', 15_000);
		await ui.press('H');
		await ui.waitForText("This session's invocations (3)");
		assert.match(ui.screen(), /#3 .* ✔ queued/);
		assert.match(ui.screen(), /#2 .* ✔ ok/);
		assert.match(ui.screen(), /#1 .* ✔ ok/);
		await ui.press('j', 'j', keys.enter);
		await ui.waitForText('Result #1');
		assert.match(ui.screen(), /"calls": 1/);
		await ui.quit();
	});

	test('after a save the saved event is selected, and the selection then moves freely', async () => {
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'stream-processor-node');
		await saveTemplateEvent(ui, 'Hello world');
		await saveTemplateEvent(ui, 'SQS messages');
		await ui.waitForText('Private (2)');
		assert.match(ui.screen(), /> sqs-messages/);
		await ui.press('k');
		await ui.waitForText('> hello-world');
		await ui.press(keys.enter);
		await ui.waitForText(/Event +hello-world/, 15_000);
		await ui.quit();
	});

	test('a large response is paged: only what is in view is drawn, and it scrolls to its end', async () => {
		await createNodeFunction(local(), 'big-answer', 'export const handler = async () => Array.from({length: 5000}, (_, i) => ({item: i, name: `item-${i}`}));\n');
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'big-answer');
		await saveTemplateEvent(ui, 'Hello world');
		await ui.press(keys.enter);
		await ui.waitForText('✔ Succeeded (200)', 15_000);
		await ui.waitForText(/lines 1–\d+ of \d+/);
		const total = Number(/of (\d+)/.exec(ui.screen())?.[1]);
		assert.ok(total > 20_000, `every item has its lines (${total})`);
		await ui.press('l', 'G');
		await ui.waitForText('"name": "item-4999"');
		await ui.press(keys.pageUp);
		assert.doesNotMatch(ui.screen(), /item-4999/);
		await ui.press('g');
		await ui.waitForText('✔ Succeeded (200)');
		await ui.quit();
	});

	test('bad input and faults: too large for an asynchronous invoke, a timeout, a crash, a 6 MB answer; the console keeps answering', async () => {
		await createNodeFunction(local(), 'sleepy', 'export const handler = async () => { await new Promise((r) => setTimeout(r, 5000)); return "late"; };\n', {timeout: 1});
		await createNodeFunction(local(), 'crasher', 'export const handler = async () => { process.exit(3); };\n');
		await createNodeFunction(local(), 'too-much', 'export const handler = async () => "x".repeat(7 * 1024 * 1024);\n', {memorySize: 512});
		const big = JSON.stringify({data: 'y'.repeat(1_100_000)});
		const ui = UiTerminal.start(local().session);

		await openTestTab(ui, 'sleepy');
		await saveTemplateEvent(ui, 'Hello world');
		const restore = editorWriting(big);
		try {
			await ui.press('E');
			await ui.waitForText('hello-world · private · 1100011 bytes');
		} finally {
			restore();
		}
		// Asynchronous: 1 MB at most, refused before anything is sent.
		await ui.press('o');
		await ui.waitForText('Invocation type');
		await ui.press(' ', keys.enter);
		await ui.waitForText('Invoke asynchronously');
		await ui.press(keys.enter);
		await ui.waitForText('✘ Not invoked: nothing was sent');
		assert.match(rightPane(ui), /The event is 1100011 bytes \(1\.0 MB\): an asynchronous invocation takes at most 1048576 bytes \(1\.0 MB\)\./);
		await ui.press('o', ' ', keys.enter);
		await ui.waitForText('Invoke synchronously');
		await ui.press(keys.enter);
		await ui.waitForText('✘ Failed: Sandbox.Timedout', 15_000);
		assert.match(rightPane(ui), /Task timed out after 1\.00 seconds/);

		for (const [name, verdict] of [
			['crasher', /✘ Failed: Runtime\.ExitError/],
			['too-much', /✘ Failed: Function\.ResponseSizeTooLarge/],
		] as const) {
			await ui.press(keys.escape);
			await ui.waitForText(/Functions \(\d+/);
			await openTestTab(ui, name);
			await saveTemplateEvent(ui, 'Hello world');
			await ui.press(keys.enter);
			// While it runs, keys still answer: the history opens and closes.
			await ui.press('H');
			await ui.waitForText("This session's invocations");
			await ui.press(keys.escape);
			await ui.waitForText(verdict, 20_000);
		}
		await ui.quit();
	});

	test('a terminal made too small and large again keeps the editor and what was typed in it', async () => {
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'web-app-python');
		await ui.press('n');
		await pickTemplate(ui, 'Hello world');
		await ui.press(keys.enter);
		await ui.waitForText(/Editing hello-world/);
		await ui.press('[', '1', ',');
		ui.resize(30, 8);
		await ui.waitForText('Terminal too small');
		await ui.press('z', keys.escape);
		ui.resize(80, 24);
		await ui.waitForText(/Editing hello-world/);
		assert.match(ui.screen(), /\[1,\{/, 'what was typed is still there, and nothing typed while hidden reached it');
		await ui.press(keys.escape);
		await ui.waitForText('Discard your changes to hello-world?');
		await ui.press('y');
		await ui.waitForText('Private (1)');
		await ui.quit();
	});

	test('a shareable event is kept in the schema registry: saved, renamed and deleted there', async () => {
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'mobile-backend-node');
		await ui.press('n');
		await pickTemplate(ui, 'Hello world');
		await ui.waitForText('Save the new event');
		ui.type('\u0015');
		await ui.quiet();
		ui.type('team-event');
		await ui.quiet();
		await ui.press(keys.tab, ' ', keys.enter);
		await ui.waitForText(/Editing team-event \(shareable\)/, 10_000);
		await ui.press(keys.escape);
		await ui.waitForText('Shareable (1)');
		const schemas = await local().clients.schemas();
		assert.deepEqual((await listSharedEvents(schemas, 'mobile-backend-node')).map((event) => event.name), ['team-event']);

		await ui.press('R');
		await ui.waitForText('Rename team-event');
		ui.type('\u0015');
		await ui.quiet();
		ui.type('team-renamed');
		await ui.press(keys.enter);
		await ui.waitForText('Saved team-renamed (shareable).', 10_000);
		assert.deepEqual((await listSharedEvents(schemas, 'mobile-backend-node')).map((event) => event.name), ['team-renamed']);

		await ui.press('d');
		await ui.waitForText('Delete the shareable event team-renamed?');
		await ui.press('y');
		await ui.waitForText('Deleted team-renamed.', 10_000);
		assert.deepEqual(await listSharedEvents(schemas, 'mobile-backend-node'), []);
		await ui.quit();
	});

	test('private events are kept on this machine: they are there when the console starts again; read-only mode does not invoke', async () => {
		const first = UiTerminal.start(local().session);
		await openTestTab(first, 'iot-backend-python');
		await saveTemplateEvent(first, 'Hello world');
		await first.waitForText('Private (1)');
		await first.quit();

		const again = UiTerminal.start(local().readOnlySession, {configDir: first.configDir});
		await openTestTab(again, 'iot-backend-python');
		await again.waitForText('Private (1)');
		await again.press(keys.enter);
		await again.waitForText('✘ Not invoked: nothing was sent');
		assert.match(rightPane(again), /Read-only mode: invoking runs the function/);
		await again.press('H');
		await again.waitForText("This session's invocations (0)");
		await again.quit();
	});
});
