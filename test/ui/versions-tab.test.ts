// The Versions tab in an 80x24 terminal, against the local Lambda: publishing
// two versions with descriptions (and being told when nothing changed, or
// when $LATEST changed since it was read), seeing them listed, opening one's
// configuration (variable names, never values), deleting a version (refused,
// and explained, while an alias points to it), and read-only mode.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	CreateAliasCommand,
	DeleteAliasCommand,
	ListVersionsByFunctionCommand,
	PublishVersionCommand,
	UpdateFunctionConfigurationCommand,
	waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import {localLambdaForSuite} from '../support/configuration-tab.js';
import {createNodeFunction, openTab} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const code = 'export const handler = async () => ({ok: true});\n';

/** The row of the versions table whose first column is `version`. */
function rowOf(screen: string, version: string): string | undefined {
	return screen.split('\n').find((line) => line.startsWith(`${version} `));
}

describe('the Versions tab in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	const versionsOf = async (name: string): Promise<Array<{version: string; description: string}>> => {
		const output = await local().clients.lambda.send(new ListVersionsByFunctionCommand({FunctionName: name}));
		return (output.Versions ?? []).map((entry) => ({version: entry.Version ?? '', description: entry.Description ?? ''}));
	};

	/** Moves the cursor to the row of `version`. */
	const select = async (ui: UiTerminal, version: string): Promise<void> => {
		const row = (): number => ui.screen().split('\n').findIndex((line) => line.startsWith(`${version} `));
		for (let presses = 0; !ui.cell(row(), 0).inverse; presses++) {
			assert.ok(presses < 20 && row() >= 0, `no version ${version}:\n${ui.screen()}`);
			const selected = ui.screen().split('\n').findIndex((_, index) => ui.cell(index, 0).inverse);
			// eslint-disable-next-line no-await-in-loop
			await ui.press(selected > row() ? 'k' : 'j');
		}
	};

	test('publishes two versions with descriptions, lists them, opens one and deletes one', async () => {
		await createNodeFunction(local(), 'shop', code);
		const ui = UiTerminal.start(local().session);
		try {
			await openTab(ui, 'shop', '7');
			await ui.waitForText('No version published yet');
			assert.match(rowOf(ui.screen(), '$LATEST') ?? '', /^\$LATEST +- +(now|\d+m ago) +\S{7} +nodejs22\.x +128 Active +-/);

			// The first version, with a description.
			await ui.press('p');
			await ui.waitForText('Publish a new version of shop from $LATEST');
			ui.type('first release');
			await ui.quiet();
			await ui.press(keys.enter);
			await ui.waitForText('Published version 1 of shop.');
			await ui.waitForNoText('Publish a new version');
			await ui.waitFor((screen) => rowOf(screen, '1')?.includes('first release') === true, 'version 1 listed');

			// Nothing changed since: Lambda gives version 1 back, and the console says so.
			await ui.press('p');
			await ui.waitForText('Publish a new version of shop from $LATEST');
			await ui.press(keys.enter);
			await ui.waitForText('Nothing changed since version 1: Lambda gave that one back');
			assert.deepEqual(
				(await versionsOf('shop')).map((entry) => entry.version),
				['$LATEST', '1'],
			);

			// $LATEST changes behind the console's back: publishing what was read is refused, the form kept.
			await local().clients.lambda.send(
				new UpdateFunctionConfigurationCommand({FunctionName: 'shop', MemorySize: 256, Environment: {Variables: {SECRET_TOKEN: 'hunter2'}}}),
			);
			await waitUntilFunctionUpdatedV2({client: local().clients.lambda, maxWaitTime: 20}, {FunctionName: 'shop'});
			await ui.press('p');
			await ui.waitForText('Publish a new version of shop from $LATEST');
			ui.type('second release');
			await ui.quiet();
			await ui.press(keys.enter);
			await ui.waitForText('$LATEST changed since it was read: nothing published.');
			assert.match(ui.screen(), /Version description +second release/, 'what was typed is kept');
			assert.deepEqual(
				(await versionsOf('shop')).map((entry) => entry.version),
				['$LATEST', '1'],
			);
			// The fresh $LATEST is loaded: Enter publishes it.
			await ui.waitFor((screen) => / 256 /.test(rowOf(screen, '$LATEST') ?? ''), 'the fresh $LATEST read');
			await ui.press(keys.enter);
			await ui.waitForText('Published version 2 of shop.');
			await ui.waitFor((screen) => rowOf(screen, '2')?.includes('second release') === true, 'version 2 listed');
			const listed = ui.screen();
			assert.match(rowOf(listed, '1') ?? '', /^1 +first release +(now|\d+m ago) +[0-9a-zA-Z+/]{7} +nodejs22\.x +128 Active/);
			assert.match(rowOf(listed, '2') ?? '', /^2 +second release +(now|\d+m ago) +[0-9a-zA-Z+/]{7} +nodejs22\.x +256 Active/);
			assert.deepEqual(await versionsOf('shop'), [
				{version: '$LATEST', description: ''},
				{version: '1', description: 'first release'},
				{version: '2', description: 'second release'},
			]);

			// Opening version 2: its configuration, read-only; variable names, never values.
			await select(ui, '2');
			await ui.press(keys.enter);
			await ui.waitForText('shop:2 · version 2 · read-only');
			await ui.waitForText('Runtime');
			const opened = ui.screen();
			assert.match(opened, /Description +second release/);
			assert.match(opened, /Runtime +nodejs22\.x/);
			assert.match(opened, /Handler +index\.handler/);
			assert.match(opened, /Memory +256 MB/);
			assert.match(opened, /Timeout +3 s/);
			assert.match(opened, /Code SHA-256 +[0-9a-zA-Z+/]{43}=/);
			assert.match(opened, /Environment +SECRET_TOKEN/);
			assert.match(opened, /Layers +none/);
			assert.doesNotMatch(opened, /hunter2/);
			await ui.press(keys.escape);
			await ui.waitForText('p publish $LATEST');
			assert.match(ui.screen(), /5 Configuration/, 'Esc came back to the list, still in the function');

			// An alias made elsewhere points to version 1: Lambda refuses to delete it, and the console says why.
			await local().clients.lambda.send(new CreateAliasCommand({FunctionName: 'shop', Name: 'live', FunctionVersion: '1'}));
			await select(ui, '1');
			await ui.press('d');
			await ui.waitForText('Delete version 1 of shop?');
			await ui.press('y');
			await ui.waitForText('Lambda refused: alias live points to version 1. Repoint or delete first');
			// The list is read again: the alias is shown, and d now explains before asking.
			await ui.waitFor((screen) => rowOf(screen, '1')?.includes('live') === true, 'the alias listed on version 1');
			await ui.press('d');
			await ui.waitForText('Alias live points to version 1: repoint it (6 Aliases, e) or delete it first.');
			assert.doesNotMatch(ui.screen(), /Delete version 1 of shop\?/);

			// Without the alias it is deleted, after a question: n keeps it, y deletes it.
			await local().clients.lambda.send(new DeleteAliasCommand({FunctionName: 'shop', Name: 'live'}));
			await ui.press('r');
			await ui.waitFor((screen) => rowOf(screen, '1')?.includes('live') === false, 'the alias gone from the list');
			await ui.press('d');
			await ui.waitForText('Delete version 1 of shop?');
			await ui.press('n');
			await ui.waitForText('Nothing deleted.');
			await ui.press('d');
			await ui.waitForText('Delete version 1 of shop?');
			await ui.press('y');
			await ui.waitForText('Deleted version 1 of shop.');
			await ui.waitFor((screen) => rowOf(screen, '1') === undefined, 'version 1 gone from the list');
			assert.deepEqual(
				(await versionsOf('shop')).map((entry) => entry.version),
				['$LATEST', '2'],
			);

			// $LATEST is the function: d does not delete it.
			await select(ui, '$LATEST');
			await ui.press('d');
			await ui.waitForText('$LATEST is the function itself and is not deleted alone');
		} finally {
			await ui.quit();
		}
	});

	test('read-only mode refuses publishing and deleting, and still opens a version', async () => {
		await createNodeFunction(local(), 'catalog', code);
		await local().clients.lambda.send(new PublishVersionCommand({FunctionName: 'catalog', Description: 'frozen'}));
		const ui = UiTerminal.start(local().readOnlySession);
		try {
			await openTab(ui, 'catalog', '7');
			await ui.waitFor((screen) => rowOf(screen, '1')?.includes('frozen') === true, 'version 1 listed');
			await ui.press('p');
			await ui.waitForText('Read-only mode: changes are off.');
			assert.doesNotMatch(ui.screen(), /Publish a new version/);
			await ui.press('d');
			await ui.waitForText('Read-only mode: changes are off.');
			assert.doesNotMatch(ui.screen(), /Delete version/);
			assert.deepEqual(
				(await versionsOf('catalog')).map((entry) => entry.version),
				['$LATEST', '1'],
			);
			await ui.press(keys.enter);
			await ui.waitForText(/catalog:(\$LATEST|1) · version/);
		} finally {
			await ui.quit();
		}
	});
});
