// The Overview tab's diagram in an 80x24 terminal, against the local Lambda:
// a function with two triggers (an SQS event source mapping and SNS through
// its resource-based policy) and two destinations (asynchronous, on success
// and on failure) drawn as boxes joined by arrows; a box chosen opens its
// section; at narrow width the same is a list; `a` and `d` open the forms
// that add a trigger and a destination.
import assert from 'node:assert/strict';
import {
	AddPermissionCommand,
	CreateEventSourceMappingCommand,
	GetFunctionCommand,
	PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import {before, describe, test} from 'node:test';
import {localLambdaForSuite} from '../support/configuration-tab.js';
import {createNodeFunction, openTab} from '../support/test-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const handler = 'export const handler = async () => ({ok: true});\n';

describe('the Overview diagram in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	let where = '';
	before(async () => {
		const {lambda} = local().clients;
		await createNodeFunction(local(), 'diagrammed', handler);
		await createNodeFunction(local(), 'plain', handler);
		await createNodeFunction(local(), 'bare', handler);
		const arn = (await lambda.send(new GetFunctionCommand({FunctionName: 'diagrammed'}))).Configuration?.FunctionArn ?? '';
		const [, , , region, account] = arn.split(':');
		where = `${region}:${account}`;
		await lambda.send(new CreateEventSourceMappingCommand({FunctionName: 'diagrammed', EventSourceArn: `arn:aws:sqs:${where}:orders`, BatchSize: 10}));
		await lambda.send(
			new AddPermissionCommand({
				FunctionName: 'diagrammed',
				StatementId: 'sns-alerts',
				Action: 'lambda:InvokeFunction',
				Principal: 'sns.amazonaws.com',
				SourceArn: `arn:aws:sns:${where}:alerts`,
			}),
		);
		await lambda.send(
			new PutFunctionEventInvokeConfigCommand({
				FunctionName: 'diagrammed',
				DestinationConfig: {OnSuccess: {Destination: `arn:aws:sqs:${where}:done`}, OnFailure: {Destination: `arn:aws:sns:${where}:failed`}},
			}),
		);
	});

	const rowStarting = (screen: string, text: string): number => screen.split('\n').findIndex((line) => line.includes(text));
	const columnOf = (screen: string, text: string): number => screen.split('\n')[rowStarting(screen, text)]?.indexOf(text) ?? -1;

	test('two triggers on the left, the function in the middle, two destinations on the right, joined by arrows', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'diagrammed', '1');
		// The mapping is created in the Creating state; the Overview reads again until it settles.
		await ui.waitForText('┌ SQS · Enabled', 10_000);
		const screen = ui.screen();
		assert.match(screen, /│ orders +│/);
		assert.match(screen, /┌ SNS ─/);
		assert.match(screen, /│ alerts +│/);
		assert.match(screen, /┌ diagrammed ─/);
		assert.match(screen, /┌ On success ─/);
		assert.match(screen, /│ SQS done +│/);
		assert.match(screen, /┌ On failure ─/);
		assert.match(screen, /│ SNS failed +│/);
		// Triggers at the left edge, destinations at the right, the function between them.
		assert.equal(columnOf(screen, '┌ SQS'), 0);
		assert.equal(columnOf(screen, '┌ SNS'), 0);
		const middle = columnOf(screen, '┌ diagrammed');
		assert.ok(middle > 20 && middle < 40, `the function's box is in the middle (column ${middle})`);
		assert.ok(columnOf(screen, '┌ On success') > middle + 20, 'the destinations are on the right');
		// Arrows: into the function from the triggers, and out of it to each destination.
		const arrows = screen.split('\n').filter((line) => line.includes('─▶'));
		assert.ok(arrows.length >= 3, `an arrow into the function and one to each destination:\n${screen}`);
		// The settings are still under the diagram.
		assert.match(screen, /State +Active/);
		assert.match(screen, /Concurrency +none reserved/);

		// The function's box is chosen first; j moves to the first destination, and says what it is.
		const titleRow = rowStarting(screen, '┌ diagrammed');
		assert.ok(ui.cell(titleRow, middle).inverse, 'the function is chosen');
		await ui.press('j');
		await ui.waitForText(`asynchronous invocations, on success: arn:aws:sqs:${where}:done`);
		assert.ok(ui.cell(rowStarting(ui.screen(), '┌ On success'), columnOf(ui.screen(), '┌ On success')).inverse, 'the destination is chosen');
		assert.ok(!ui.cell(titleRow, middle).inverse);
		// Enter opens the Configuration tab at its section.
		await ui.press(keys.enter);
		await ui.waitForText('State machines');
		const sections = ui.screen().split('\n');
		const destinations = sections.findIndex((line) => line.slice(0, 18).trim() === 'Destinations');
		assert.ok(destinations >= 0, 'the Destinations section is listed');
		// The focus is in its list, on the destination that was chosen.
		await ui.waitFor((screen) => {
			const row = screen.split('\n').findIndex((line) => line.includes('Asynchronous · on success → SQS done'));
			return row >= 0 && ui.cell(row, (screen.split('\n')[row] ?? '').indexOf('Asynchronous')).inverse;
		}, 'the on-success destination under the cursor');

		// Back on the Overview, k twice from the function reaches the first trigger.
		await ui.press('1');
		await ui.waitForText('┌ SQS · Enabled');
		await ui.press('k', 'k');
		await ui.waitForText(`SQS arn:aws:sqs:${where}:orders`);
		await ui.press('j');
		await ui.waitForText(`SNS arn:aws:sns:${where}:alerts`);
		// The second trigger: Enter opens Triggers with the focus on it, not on the first.
		await ui.press(keys.enter);
		await ui.waitForText('State machines');
		const triggers = ui.screen().split('\n').findIndex((line) => line.slice(0, 18).trim() === 'Triggers');
		assert.ok(triggers >= 0, 'the Triggers section is listed');
		const underCursor = (screen: string, text: string): boolean => {
			const row = screen.split('\n').findIndex((line) => line.includes(text));
			return row >= 0 && ui.cell(row, (screen.split('\n')[row] ?? '').indexOf(text)).inverse;
		};
		await ui.waitFor((screen) => underCursor(screen, 'SNS alerts · '), 'the SNS trigger under the cursor');
		assert.ok(!underCursor(ui.screen(), 'SQS orders · '), 'the SQS trigger is not');
		await ui.quit();
	});

	test('at narrow width the diagram is a list, and it is boxes again when there is room', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'diagrammed', '1');
		await ui.waitForText('┌ SQS · Enabled', 10_000);
		ui.resize(50, 24);
		await ui.waitForText('SQS · Enabled · orders');
		let screen = ui.screen();
		assert.doesNotMatch(screen, /┌/, 'no boxes');
		const lines = screen.split('\n');
		const row = (text: string): number => lines.findIndex((line) => line.trimEnd() === text || line.includes(text));
		assert.ok(row('Triggers') < row('SQS · Enabled · orders'));
		assert.ok(row('SNS · alerts') > row('Triggers'));
		assert.ok(row('λ diagrammed') > row('SNS · alerts'));
		assert.ok(row('Destinations') > row('λ diagrammed'));
		assert.ok(row('On success · SQS done') > row('Destinations'));
		assert.ok(row('On failure · SNS failed') > row('On success · SQS done'));
		// j still moves through the items, and the chosen one is said in full, on two rows when it needs them.
		await ui.press('j');
		await ui.waitFor((text) => text.replace(/\s*\n\s*/g, '').includes(`asynchronous invocations, on success: arn:aws:sqs:${where}:done`), 'the destination in full');

		ui.resize(80, 24);
		await ui.waitForText('┌ diagrammed');
		screen = ui.screen();
		assert.match(screen, /┌ On success ─/);
		await ui.quit();
	});

	test('a function without triggers or destinations offers to add them', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'bare', '1');
		await ui.waitForText('┌ + Add trigger');
		assert.match(ui.screen(), /┌ \+ Add destination/);
		assert.doesNotMatch(ui.screen(), /─▶/, 'no arrows to boxes that are not there');
		await ui.quit();
	});

	test('a adds a trigger and d a destination, from the Overview, and the diagram then shows them', async () => {
		const ui = UiTerminal.start(local().session);
		await openTab(ui, 'plain', '1');
		await ui.waitForText('┌ + Add trigger');
		await ui.press('a');
		await ui.waitForText('Add a trigger to plain');
		await ui.press(keys.enter);
		await ui.waitForText('Add trigger: Amazon SQS');
		await ui.press(`arn:aws:sqs:${where}:plain-jobs`, keys.enter);
		await ui.waitForText('Saved trigger SQS plain-jobs for plain.', 10_000);
		await ui.press('1');
		await ui.waitForText('│ plain-jobs', 10_000);
		assert.doesNotMatch(ui.screen(), /Add trigger/);

		await ui.press('d');
		await ui.waitForText('Add destination: plain');
		await ui.press(keys.tab, keys.tab, keys.left, keys.tab, keys.tab, `arn:aws:sqs:${where}:plain-done`, keys.enter);
		await ui.waitForText('Saved on-success destination for plain.', 10_000);
		await ui.press('1');
		await ui.waitForText('┌ On success');
		assert.match(ui.screen(), /│ SQS plain-done +│/);
		assert.ok(ui.screen().split('\n').some((line) => /plain-jobs +│──.*─▶ │ SQS plain-done/.test(line) || line.includes('─▶ │ SQS plain-done')), 'an arrow to the destination');
		await ui.quit();
	});

	test('read-only mode does not open the add forms', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openTab(ui, 'bare', '1');
		await ui.waitForText('┌ + Add trigger');
		await ui.press('a');
		await ui.waitForText('Read-only mode: changes are off');
		assert.match(ui.screen(), /1 Overview/);
		assert.doesNotMatch(ui.screen(), /State machines/, 'still on the Overview');
		await ui.quit();
	});
});
