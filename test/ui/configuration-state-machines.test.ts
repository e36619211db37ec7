// The Configuration tab's State machines section in an 80x24 terminal, against
// the local Lambda's Step Functions API: a state machine created through the
// SDK that calls the function is listed with the states that call it, its ARN
// and where it came from below; Enter shows its definition over the tab (the
// lines naming the function in colour, scrolled with the keys), Esc closes it;
// the demo state machine is found for the demo function it calls; and a
// function no state machine calls says so.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {CreateStateMachineCommand} from '@aws-sdk/client-sfn';
import {localLambdaForSuite, openSection} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:mobile-backend-node';
const machineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:nightly-sync';

/** A state machine that calls mobile-backend-node twice (by its ARN, and through lambda:invoke in a Parallel branch), then waits through many states. */
function nightlySync(): string {
	const waits: Record<string, unknown> = {};
	for (let index = 1; index <= 30; index++) waits[`Wait ${index}`] = {Type: 'Pass', Next: index === 30 ? 'Finished' : `Wait ${index + 1}`};
	return JSON.stringify({
		StartAt: 'Sync',
		States: {
			Sync: {Type: 'Task', Resource: functionArn, Next: 'Both'},
			Both: {
				Type: 'Parallel',
				Branches: [{StartAt: 'Push', States: {Push: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: {FunctionName: 'mobile-backend-node:live'}, End: true}}}],
				Next: 'Wait 1',
			},
			...waits,
			Finished: {Type: 'Succeed'},
		},
	});
}

describe('the State machines section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	test('lists a state machine that calls the function, and shows its definition until Esc', async () => {
		const sfn = await local().clients.sfn();
		await sfn.send(new CreateStateMachineCommand({name: 'nightly-sync', definition: nightlySync(), roleArn: 'arn:aws:iam::123456789012:role/states'}));

		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'mobile-backend-node', 'State machines', {listTimeoutMs: 10_000, paneText: 'State machines calling mobile-backend-node (1)'});
		let screen = ui.screen();
		assert.match(screen, /nightly-sync +STANDARD +Sync, Both › branch 1 › Push/);
		assert.match(screen, /States +Sync, Both › branch 1 › Push\n/, 'the states that call it, in full');
		assert.match(screen, /ARN +arn:aws:states:us-east-1:123456789012:stateMachine:\n.* {9}nightly-sync\n/, 'the ARN of the one under the cursor');
		assert.match(screen, new RegExp(`From +the local Lambda at ${local().lambda.endpoint.replaceAll('.', '\\.')}`), 'where it came from, not a console page');

		await ui.press(keys.enter);
		await ui.waitForText('Enter the definition · Esc back');
		assert.ok(ui.cell(ui.rowOf('nightly-sync'), 20).inverse, 'the state machine is under the cursor');
		await ui.press(keys.enter);
		await ui.waitForText('nightly-sync · STANDARD · definition');
		screen = ui.screen();
		assert.match(screen, /lines 1-16 of \d+/);
		const resourceRow = ui.rowOf('"Resource": "arn:aws:lambda:');
		assert.ok(resourceRow > 0, `the function's ARN is in the definition:\n${screen}`);
		assert.match(`${screen.split('\n')[resourceRow]}${screen.split('\n')[resourceRow + 1]}`.replace(/\s+/g, ''), new RegExp(`"Resource":"${functionArn}",`));
		assert.ok(!ui.cell(resourceRow, 8).fgDefault, 'the line naming the function is in colour');
		const startRow = ui.rowOf('"StartAt": "Sync"');
		assert.ok(ui.cell(startRow, 4).fgDefault, 'other lines are not');

		await ui.press('G');
		await ui.waitForText('"Type": "Succeed"');
		assert.doesNotMatch(ui.screen(), /"StartAt": "Sync"/, 'scrolled to the end');
		await ui.press('g');
		await ui.waitForText('"StartAt": "Sync"');
		await ui.press(keys.pageDown);
		await ui.waitForText(/lines 16-31 of \d+/);
		const nameRow = ui.rowOf('"FunctionName": "mobile-backend-node:live"');
		assert.ok(nameRow > 0, 'lambda:invoke names the function');
		assert.ok(!ui.cell(nameRow, 20).fgDefault, 'in colour too');
		await ui.press('k');
		await ui.waitForText(/lines 15-30 of \d+/);

		await ui.press(keys.escape);
		await ui.waitForNoText('· definition');
		screen = ui.screen();
		assert.match(screen, /nightly-sync +STANDARD/);
		assert.match(screen, /Enter the definition · Esc back/, 'still inside the list');
		assert.match(screen, new RegExp(machineArn.split(':').slice(0, 5).join(':')));
		await ui.quit();
	});

	test('finds the demo state machine for the demo function it calls', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'State machines', {listTimeoutMs: 10_000, paneText: 'State machines calling web-app-node (1)'});
		assert.match(ui.screen(), /order-pipeline +STANDARD +Validate order/);
		await ui.quit();
	});

	test('says when no state machine calls the function', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'iot-backend-python', 'State machines', {listTimeoutMs: 10_000, paneText: 'No state machine calls this function.'});
		assert.match(ui.screen(), /State machines calling iot-backend-python \(0\)/);
		await ui.quit();
	});
});
