// Deleting a function in an 80x24 terminal: X asks for the function's name to be
// typed; a wrong name is refused and nothing is sent; the right name deletes it
// and the list no longer shows it; Esc cancels; read-only mode refuses.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {GetFunctionCommand} from '@aws-sdk/client-lambda';
import {localLambdaForSuite} from '../support/configuration-tab.js';
import {createNodeFunction} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

/** Moves the list's selection to the function's row. */
async function select(ui: UiTerminal, name: string): Promise<void> {
	await ui.waitForText(name, 10_000);
	const rowOfName = (): number => ui.screen().split('\n').findIndex((line) => line.startsWith(`${name} `));
	for (let presses = 0; !ui.cell(rowOfName(), 0).inverse; presses++) {
		assert.ok(presses < 40 && rowOfName() >= 0, `no ${name} in the list:\n${ui.screen()}`);
		const selected = ui.screen().split('\n').findIndex((_, row) => ui.cell(row, 0).inverse);
		// eslint-disable-next-line no-await-in-loop
		await ui.press(selected > rowOfName() ? 'k' : 'j');
	}
}

describe('deleting a function in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	test('a wrong name is refused and nothing is deleted; Esc cancels; the right name deletes it', async () => {
		await createNodeFunction(local(), 'doomed-fn', 'export const handler = async () => "bye";\n');
		const ui = UiTerminal.start(local().session);
		await select(ui, 'doomed-fn');
		await ui.press('X');
		await ui.waitForText('Delete function');
		assert.match(ui.screen(), /Delete doomed-fn\?/);
		assert.match(ui.screen(), /To confirm, type the function's name: doomed-fn/);

		ui.type('doomed');
		await ui.quiet();
		await ui.press(keys.enter);
		await ui.waitForText('That is not the name: type doomed-fn exactly');
		assert.match(ui.screen(), /Nothing was deleted\./);
		assert.match(ui.screen(), /> doomed/, 'what was typed is kept');
		const still = await local().clients.lambda.send(new GetFunctionCommand({FunctionName: 'doomed-fn'}));
		assert.equal(still.Configuration?.FunctionName, 'doomed-fn');

		await ui.press(keys.escape);
		await ui.waitForNoText('Delete function');
		assert.ok(ui.rowOf('doomed-fn') >= 0, 'cancelled: the function is still listed');

		await ui.press('X');
		await ui.waitForText('Delete function');
		ui.type('doomed-fn');
		await ui.quiet();
		await ui.press(keys.enter);
		await ui.waitForText('Deleted doomed-fn.');
		await ui.waitForNoText('Delete function');
		await ui.waitFor((screen) => !screen.split('\n').some((line) => line.startsWith('doomed-fn ')), 'the list without doomed-fn');
		await assert.rejects(local().clients.lambda.send(new GetFunctionCommand({FunctionName: 'doomed-fn'})), {name: 'ResourceNotFoundException'});
		await ui.quit();
	});

	test('from the function detail, the deletion goes back to the list', async () => {
		await createNodeFunction(local(), 'doomed-detail', 'export const handler = async () => "bye";\n');
		const ui = UiTerminal.start(local().session);
		await select(ui, 'doomed-detail');
		await ui.press(keys.enter);
		await ui.waitForText('5 Configuration');
		await ui.press('X');
		await ui.waitForText('Delete function');
		ui.type('doomed-detail');
		await ui.quiet();
		await ui.press(keys.enter);
		await ui.waitForText('Deleted doomed-detail.');
		await ui.waitForText(/^Functions \(\d+\)/m);
		await ui.waitFor((screen) => !screen.includes('doomed-detail '), 'the list without doomed-detail');
		await ui.quit();
	});

	test('read-only mode refuses to delete', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await select(ui, 'web-app-node');
		await ui.press('X');
		await ui.waitForText('Read-only mode: deleting is off');
		assert.ok(!ui.screen().includes('Delete function'), 'no dialog opens');
		const still = await local().clients.lambda.send(new GetFunctionCommand({FunctionName: 'web-app-node'}));
		assert.equal(still.Configuration?.FunctionName, 'web-app-node');
		await ui.quit();
	});
});
