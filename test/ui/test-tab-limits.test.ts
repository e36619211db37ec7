// The Test tab at its limits, in an 80x24 terminal against the local Lambda: a
// response of 200,000 short lines shown and paged (it once overflowed the
// stack and ended the console), an event over the 6 MB synchronous limit
// refused before anything is sent, and the ten private events a function keeps
// told when a new event is begun, with a shareable one still allowed.
import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {openPrivateTestEvents} from '../../source/config/test-events.js';
import {privateScope} from '../../source/ui/hooks/useTestEvents.js';
import {localLambdaForSuite} from '../support/configuration-tab.js';
import {createNodeFunction, editorWriting, openTestTab, pickTemplate, rightPane, saveTemplateEvent} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the Test tab at its limits, in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	test('a response of 200,000 short lines is shown and paged, and the console keeps answering', async () => {
		await createNodeFunction(local(), 'many-lines', 'export const handler = async () => Array(200000).fill(1);\n');
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'many-lines');
		await saveTemplateEvent(ui, 'Hello world');
		await ui.press(keys.enter);
		await ui.waitForText('✔ Succeeded (200)', 20_000);
		await ui.waitForText(/Response \(\d+(\.\d+)? KB\)/);
		const total = Number(/lines 1–\d+ of (\d+)/.exec(ui.screen())?.[1]);
		assert.ok(total > 200_000, `every item has its line (${total})`);
		assert.match(ui.screen(), /^ *\[ *$/m);

		// PgDn pages through the items; G goes to the end, where the log tail is.
		await ui.press('l', keys.pageDown);
		await ui.waitForText(/lines 18–35 of \d+/);
		assert.match(ui.screen(), /^.{29} {2}1, *$/m);
		await ui.press('G');
		await ui.waitForText('REPORT RequestId: ');
		assert.match(ui.screen(), new RegExp(`lines ${total - 17}–${total} of ${total}`));
		// Above the log tail (its length varies with the figures), the array's end: its last item has no comma.
		for (let presses = 0; !/^.{29} {2}1 *$/m.test(ui.screen()); presses++) {
			assert.ok(presses < 20, `no last item:\n${ui.screen()}`);
			// eslint-disable-next-line no-await-in-loop
			await ui.press('k');
		}
		assert.match(ui.screen(), /^.{29} {2}1,\n.{29} {2}1 *\n.{29}\] *$/m);
		const end = Number(/lines \d+–(\d+) of/.exec(ui.screen())?.[1]);
		await ui.press(keys.pageUp);
		await ui.waitForText(`lines ${end - 34}–${end - 17} of ${total}`);
		assert.match(ui.screen(), /^.{29} {2}1, *$/m);
		assert.doesNotMatch(ui.screen(), /REPORT/);

		// Still alive: the history opens and closes, and g goes back to the top.
		await ui.press('H');
		await ui.waitForText("This session's invocations (1)");
		assert.match(ui.screen(), /#1 .* hello-world .* ✔ ok/);
		await ui.press(keys.escape);
		await ui.waitForText(/Result #1 · lines/);
		await ui.press('l', 'g');
		await ui.waitForText(/lines 1–18 of/);
		assert.match(ui.screen(), /✔ Succeeded \(200\)/);
		await ui.quit();
	});

	test('an event over 6 MB is refused before a synchronous invoke: the limit is named, and nothing is sent', async () => {
		const ui = UiTerminal.start(local().session);
		await openTestTab(ui, 'web-app-node');
		await saveTemplateEvent(ui, 'Hello world');
		const big = JSON.stringify({data: 'z'.repeat(6_500_000)});
		const restore = editorWriting(big);
		try {
			await ui.press('E');
			await ui.waitForText('hello-world · private · 6500011 bytes', 10_000);
		} finally {
			restore();
		}
		await ui.waitForText('Invoke synchronously');
		await ui.press(keys.enter);
		await ui.waitForText('✘ Not invoked: nothing was sent');
		assert.match(rightPane(ui), /The event is 6500011 bytes \(6\.2 MB\): a synchronous invocation takes at most 6291456 bytes \(6\.0 MB\)\./);
		assert.match(ui.screen(), /Not invoked: nothing was sent \(the reason is on the right\)\./);
		await ui.press('H');
		await ui.waitForText("This session's invocations (0)");
		assert.match(ui.screen(), /None yet: Enter invokes the selected event\./);
		await ui.quit();
	});

	test('with ten private events a new one is made shareable, told before its template and name are asked for', async () => {
		const name = 'iot-backend-node';
		const configDir = mkdtempSync(join(tmpdir(), 'lambdash-config-'));
		const store = await openPrivateTestEvents(configDir);
		const scope = privateScope(local().session, {name, arn: ''});
		for (let index = 0; index < 10; index++) store.save(scope, {name: `saved-${index}`, json: `{"n": ${index}}`});

		const ui = UiTerminal.start(local().session, {configDir});
		await openTestTab(ui, name);
		await ui.waitForText('Private (10)');
		await ui.press('n');
		await ui.waitForText('10 private events is the most: this new one is made shareable');
		await pickTemplate(ui, 'Hello world');
		await ui.waitForText('Save the new event');
		assert.match(ui.screen(), /Sharing +‹ shareable ›/);

		// Private is refused in the form, the whole message in view at 80 columns, and nothing typed is lost.
		await ui.press(keys.tab, ' ');
		await ui.waitForText('‹ private ›');
		await ui.press(keys.enter);
		await ui.waitForText('10 private events is the most: delete one, or make this one shareable.');
		assert.match(ui.screen(), /Event name +hello-world/);
		await ui.press(' ', keys.enter);
		await ui.waitForText(/Editing hello-world \(shareable\)/, 10_000);
		await ui.press(keys.escape);
		await ui.waitForText('Shareable (1)');
		assert.match(ui.screen(), /Private \(10\)/);

		// Moving the shareable one to private is refused the same way, in the form.
		await ui.waitForText('> hello-world');
		await ui.press('R');
		await ui.waitForText('Rename hello-world');
		await ui.press(keys.tab, ' ', keys.enter);
		await ui.waitForText('10 private events is the most: delete one, or make this one shareable.');
		await ui.press(keys.escape);
		await ui.waitForNoText('Rename hello-world');
		await ui.quit();

		// Read-only mode saves no shareable event: n says so at once, and opens nothing.
		const readOnly = UiTerminal.start(local().readOnlySession, {configDir});
		await openTestTab(readOnly, name);
		await readOnly.waitForText('Private (10)');
		await readOnly.press('n');
		await readOnly.waitForText('Read-only mode saves no shareable event; 10 private is the most: delete one.');
		assert.doesNotMatch(readOnly.screen(), /New event from a template/);
		await readOnly.quit();
	});
});
