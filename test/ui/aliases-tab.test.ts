// The Aliases tab in an 80x24 terminal, against the local Lambda: an alias
// `live` created on version 1 with 20% routed to version 2 (the bar reads
// 80% / 20%, and GetAlias has the RoutingConfig), a weight of 1.5 refused with
// the range named before anything is sent and the form kept as typed, an edit
// to 50%, the configuration the alias points to, deleting it after a question,
// and read-only mode.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	CreateAliasCommand,
	GetAliasCommand,
	ListAliasesCommand,
	PublishVersionCommand,
	UpdateFunctionConfigurationCommand,
	waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import {localLambdaForSuite, replace} from '../support/configuration-tab.js';
import {createNodeFunction, openTab} from '../support/test-tab.js';
import type {TestLambda} from '../support/local-lambda.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const code = 'export const handler = async () => ({ok: true});\n';

/** A function with two published versions (the second with more memory). */
async function functionWithTwoVersions(local: TestLambda, name: string): Promise<void> {
	await createNodeFunction(local, name, code);
	await local.clients.lambda.send(new PublishVersionCommand({FunctionName: name, Description: 'one'}));
	await local.clients.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: name, MemorySize: 256}));
	await waitUntilFunctionUpdatedV2({client: local.clients.lambda, maxWaitTime: 20}, {FunctionName: name});
	await local.clients.lambda.send(new PublishVersionCommand({FunctionName: name, Description: 'two'}));
}

describe('the Aliases tab in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	const aliasOf = async (name: string, alias: string) =>
		local().clients.lambda.send(new GetAliasCommand({FunctionName: name, Name: alias})).then(
			(output) => output,
			(error: unknown) => {
				assert.equal(error instanceof Error ? error.name : String(error), 'ResourceNotFoundException');
				return undefined;
			},
		);

	test('creates live on version 1 with 20% to version 2, refuses a weight of 1.5, edits it to 50% and deletes it', async () => {
		await functionWithTwoVersions(local(), 'orders');
		const ui = UiTerminal.start(local().session);
		try {
			await openTab(ui, 'orders', '6');
			await ui.waitForText('No aliases. a creates one');

			await ui.press('a');
			await ui.waitForText('Create an alias of orders');
			assert.match(ui.screen(), /Version +2 /, 'the newest version is offered');
			ui.type('live');
			await ui.quiet();
			await ui.press(keys.tab);
			ui.type('production');
			await ui.quiet();
			await ui.press(keys.tab);
			await replace(ui, '1');
			await ui.press(keys.tab);
			ui.type('2');
			await ui.quiet();
			await ui.press(keys.tab);
			ui.type('1.5');
			await ui.quiet();
			await ui.press(keys.enter);
			await ui.waitForText('Out of range: a weight is 0.0 to 1.0, or 0% to 100%');
			const refused = ui.screen();
			assert.match(refused, /Name +live/, 'what was typed is still there');
			assert.match(refused, /Description +production/);
			assert.match(refused, /Version +1 /);
			assert.match(refused, /Second version +2 /);
			assert.match(refused, /Its weight +1\.5/);
			const listed = await local().clients.lambda.send(new ListAliasesCommand({FunctionName: 'orders'}));
			assert.deepEqual(listed.Aliases, [], 'nothing was sent');

			// The focus is on the weight: 20% is in range.
			await replace(ui, '20%');
			await ui.press(keys.enter);
			await ui.waitForText('Created alias live of orders: 1 + 2 (20%).');
			await ui.waitForNoText('Create an alias');
			await ui.waitForText('v1 ████████████████░░░░ v2 80% / 20%');
			const shown = ui.screen();
			assert.match(shown, /^live +1 \+ 2 \(20%\) +v1 █+░+ v2 80% \/ 20% +production/m, `the row:\n${shown}`);
			assert.match(shown, /Description +production/);
			const created = await aliasOf('orders', 'live');
			assert.equal(created?.FunctionVersion, '1');
			assert.equal(created?.Description, 'production');
			assert.deepEqual(created?.RoutingConfig?.AdditionalVersionWeights, {'2': 0.2});

			// Editing: the form holds the alias's values; 50% goes to version 2.
			await ui.press('e');
			await ui.waitForText('Edit alias live of orders');
			const editing = ui.screen();
			assert.match(editing, /Version +1 /);
			assert.match(editing, /Second version +2 /);
			assert.match(editing, /Its weight +20%/);
			assert.doesNotMatch(editing, /│ Name /, 'the name is not edited');
			await ui.press(keys.tab, keys.tab, keys.tab);
			await replace(ui, '0.5');
			await ui.press(keys.enter);
			await ui.waitForText('Saved alias live of orders: 1 + 2 (50%).');
			await ui.waitForText('v1 ██████████░░░░░░░░░░ v2 50% / 50%');
			const edited = await aliasOf('orders', 'live');
			assert.deepEqual(edited?.RoutingConfig?.AdditionalVersionWeights, {'2': 0.5});
			assert.notEqual(edited?.RevisionId, created?.RevisionId);

			// Enter: the configuration the alias points to, with its routing.
			await ui.press(keys.enter);
			await ui.waitForText('orders:live · alias → version 1 · read-only');
			await ui.waitForText('Function URL');
			const opened = ui.screen();
			assert.match(opened, /Routing +v1 ██████████░░░░░░░░░░ v2 50% \/ 50%/);
			assert.match(opened, /Function URL +none/);
			assert.match(opened, /Version 1/);
			assert.match(opened, /Memory +128 MB/);
			await ui.press(keys.escape);
			await ui.waitForText('a create · e edit · d delete');

			// Deleting, after a question.
			await ui.press('d');
			await ui.waitForText('Delete alias live of orders?');
			await ui.press('y');
			await ui.waitForText('Deleted alias live of orders.');
			await ui.waitForText('No aliases. a creates one');
			assert.equal(await aliasOf('orders', 'live'), undefined);
		} finally {
			await ui.quit();
		}
	});

	test('refuses weighted routing with $LATEST and a second version equal to the first, before sending', async () => {
		await functionWithTwoVersions(local(), 'payments');
		const ui = UiTerminal.start(local().session);
		try {
			await openTab(ui, 'payments', '6');
			await ui.waitForText('No aliases. a creates one');
			await ui.press('a');
			await ui.waitForText('Create an alias of payments');
			ui.type('12');
			await ui.quiet();
			await ui.press(keys.tab, keys.tab);
			await replace(ui, '$LATEST');
			await ui.press(keys.tab);
			ui.type('1');
			await ui.quiet();
			await ui.press(keys.tab);
			ui.type('10%');
			await ui.quiet();
			await ui.press(keys.enter);
			await ui.waitForText('Not only digits (that reads as a version number)');
			await replace(ui, 'canary');
			await ui.press(keys.enter);
			await ui.waitForText('Weighted routing is between two published versions, never $LATEST');
			await ui.press(keys.up);
			await replace(ui, '1');
			await ui.press(keys.enter);
			await ui.waitForText('The second version must differ from the first (1)');
			const listed = await local().clients.lambda.send(new ListAliasesCommand({FunctionName: 'payments'}));
			assert.deepEqual(listed.Aliases, [], 'nothing was sent');
			await ui.press(keys.escape);
			await ui.waitForNoText('Create an alias');
		} finally {
			await ui.quit();
		}
	});

	test('read-only mode refuses creating, editing and deleting, and still opens an alias', async () => {
		await functionWithTwoVersions(local(), 'billing');
		await local().clients.lambda.send(
			new CreateAliasCommand({FunctionName: 'billing', Name: 'live', FunctionVersion: '2', RoutingConfig: {AdditionalVersionWeights: {'1': 0.25}}}),
		);
		const ui = UiTerminal.start(local().readOnlySession);
		try {
			await openTab(ui, 'billing', '6');
			await ui.waitForText('v2 ███████████████░░░░░ v1 75% / 25%');
			for (const key of ['a', 'e', 'd']) {
				// eslint-disable-next-line no-await-in-loop
				await ui.press(key);
				// eslint-disable-next-line no-await-in-loop
				await ui.waitForText('Read-only mode: changes are off.');
				assert.doesNotMatch(ui.screen(), /Create an alias|Edit alias|Delete alias/);
			}
			assert.ok((await aliasOf('billing', 'live')) !== undefined);
			await ui.press(keys.enter);
			await ui.waitForText('billing:live · alias → version 2 · read-only');
		} finally {
			await ui.quit();
		}
	});
});
