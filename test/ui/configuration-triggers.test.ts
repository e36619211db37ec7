// The Configuration tab's Triggers section in an 80x24 terminal, against the
// local Lambda: adding an SQS trigger (a batch size over the limit refused
// first, with the limit named and what was typed kept) and seeing it settle
// to Enabled; editing it; disabling it with x after a question; adding an S3
// push trigger and finding its statement with GetPolicy; deleting both after
// a question; read-only mode; and adding an Amazon MQ trigger, refused
// without the secret of its credentials (what was typed kept), then with it.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {GetFunctionCommand, GetPolicyCommand, ListEventSourceMappingsCommand} from '@aws-sdk/client-lambda';
import {errorName} from '../../source/aws/errors.js';
import {localLambdaForSuite, openSection, replace} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the Triggers section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	const mappings = async (name: string) =>
		(await local().clients.lambda.send(new ListEventSourceMappingsCommand({FunctionName: name}))).EventSourceMappings ?? [];
	const getPolicy = (name: string) => local().clients.lambda.send(new GetPolicyCommand({FunctionName: name}));
	/** The screen's lines, trimmed and joined by spaces: text wrapped over several lines reads as one. */
	const joined = (screen: string): string =>
		screen
			.split('\n')
			.map((line) => line.trim())
			.join(' ');

	test('adds an SQS trigger and an S3 push trigger, disables, edits and deletes them', async () => {
		const fn = await local().clients.lambda.send(new GetFunctionCommand({FunctionName: 'web-app-node'}));
		const [, , , region, account] = (fn.Configuration?.FunctionArn ?? '').split(':');
		const queueArn = `arn:aws:sqs:${region ?? ''}:${account ?? ''}:orders-queue`;

		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Triggers', {listTimeoutMs: 10_000, paneText: 'Triggers (0)'});
		assert.match(ui.screen(), /No triggers: a adds one/);

		// a: the source first, then its form.
		await ui.press('a');
		await ui.waitForText('Add a trigger to web-app-node');
		assert.match(ui.screen(), /Amazon SQS/);
		await ui.press(keys.enter);
		await ui.waitForText('Add trigger: Amazon SQS');
		await ui.press(queueArn, keys.tab, '20000', keys.tab, '5', keys.enter);
		const refused = 'Batch size 20000 is over the limit of 10000 for Amazon SQS: use 1 to 10000 (default 10).';
		await ui.waitFor((screen) => joined(screen).includes(refused), 'the batch size refused, with the limit named');
		assert.match(ui.screen(), /Not sent: Batch size 20000 is over the limit/);
		assert.match(ui.screen(), /Add trigger: Amazon SQS/, 'the form stays open');
		assert.match(ui.screen(), /Batch size +20000/, 'what was typed is still there');
		assert.match(ui.screen(), /Source ARN +arn:aws:sqs:/);
		assert.deepEqual(await mappings('web-app-node'), [], 'nothing was sent');

		// Back to the batch size (from the window), a size within the limit, and save: Creating, then Enabled.
		await ui.press(keys.shiftTab);
		await replace(ui, '5');
		await ui.press(keys.enter);
		await ui.waitForText('Saved trigger SQS orders-queue for web-app-node.', 10_000);
		await ui.waitForText('SQS orders-queue · Enabled · batch 5');
		await ui.waitForText('Triggers (1)');
		assert.match(ui.screen(), /Source ARN +arn:aws:sqs:/, 'the trigger under the cursor, written out');
		assert.match(ui.screen(), /Batching window +5 s/);
		const [created] = await mappings('web-app-node');
		assert.equal(created?.EventSourceArn, queueArn);
		assert.equal(created?.BatchSize, 5);
		assert.equal(created?.State, 'Enabled');

		// Inside the list: x disables it, after a question; n first keeps it.
		await ui.press('x');
		await ui.waitForText('Enter goes into the triggers');
		await ui.press(keys.enter, 'x');
		await ui.waitForText('Disable the trigger SQS orders-queue?');
		await ui.press('n');
		await ui.waitForNoText('Disable the trigger');
		assert.equal((await mappings('web-app-node'))[0]?.State, 'Enabled', 'no: nothing changed');
		await ui.press('x');
		await ui.waitForText('Disable the trigger SQS orders-queue?');
		await ui.press('y');
		await ui.waitForText('SQS orders-queue · Disabled · batch 5', 10_000);
		assert.equal((await mappings('web-app-node'))[0]?.State, 'Disabled');

		// e edits it: the batch size, checked with its limit first.
		await ui.press('e');
		await ui.waitForText('Edit trigger SQS orders-queue');
		assert.match(ui.screen(), /Batch size +5/);
		await replace(ui, '8');
		await ui.press(keys.enter);
		await ui.waitForText('SQS orders-queue · Disabled · batch 8', 10_000);
		assert.equal((await mappings('web-app-node'))[0]?.BatchSize, 8);

		// An S3 push trigger: AddPermission for s3.amazonaws.com with the bucket as source.
		await ui.press('a');
		await ui.waitForText('Add a trigger to web-app-node');
		for (let step = 0; step < 7; step++) await ui.press('j');
		await ui.press(keys.enter);
		await ui.waitForText('Add trigger: Amazon S3');
		assert.match(ui.screen(), /Statement ID +lambda-[0-9a-f-]{8}/, 'the statement ID the console would give');
		await ui.press('arn:aws:s3:::uploads', keys.tab, account ?? '', keys.enter);
		await ui.waitForText('Saved trigger S3 uploads for web-app-node.', 10_000);
		await ui.waitForText('S3 uploads · push');
		await ui.waitForText('Triggers (2)');
		const document = JSON.parse((await getPolicy('web-app-node')).Policy ?? '{}') as {Statement: Array<Record<string, unknown>>};
		assert.equal(document.Statement.length, 1);
		const [statement] = document.Statement;
		assert.match(String(statement?.['Sid']), /^lambda-[0-9a-f-]{36}$/);
		assert.deepEqual(statement?.['Principal'], {Service: 's3.amazonaws.com'});
		assert.equal(statement?.['Action'], 'lambda:InvokeFunction');
		assert.deepEqual(statement?.['Condition'], {StringEquals: {'AWS:SourceAccount': account}, ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::uploads'}});

		// d deletes the SQS trigger (the cursor is on it), after a question; it goes through Deleting.
		await ui.press('d');
		await ui.waitForText('Delete the trigger SQS orders-queue?');
		await ui.press('y');
		await ui.waitForText('Triggers (1)', 10_000);
		await ui.waitForNoText('SQS orders-queue ·');
		assert.match(ui.screen(), /Saved deleting trigger SQS orders-queue for web-app-node\./);
		assert.deepEqual(await mappings('web-app-node'), []);

		// Then the S3 trigger: RemovePermission.
		await ui.press('d');
		await ui.waitForText('Delete the trigger S3 uploads?');
		await ui.press('y');
		await ui.waitForText('Triggers (0)', 10_000);
		await assert.rejects(getPolicy('web-app-node'), (error) => errorName(error) === 'ResourceNotFoundException', 'GetPolicy: no policy left');
		await ui.quit();
	});

	test('read-only mode: adding is refused before the source is asked for', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openSection(ui, 'web-app-python', 'Triggers', {listTimeoutMs: 10_000, paneText: 'Triggers (0)'});
		await ui.press('a');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('Add a trigger to web-app-python'));
		await ui.quit();
	});

	test('adds an Amazon MQ trigger with the secret of its credentials, refused first without it', async () => {
		const fn = await local().clients.lambda.send(new GetFunctionCommand({FunctionName: 'web-app-python'}));
		const [, , , region, account] = (fn.Configuration?.FunctionArn ?? '').split(':');
		const brokerArn = `arn:aws:mq:${region ?? ''}:${account ?? ''}:broker:jobs:b-1234`;
		const secretArn = `arn:aws:secretsmanager:${region ?? ''}:${account ?? ''}:secret:mq-creds`;

		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-python', 'Triggers', {listTimeoutMs: 10_000, paneText: 'Triggers (0)'});
		await ui.press('a');
		await ui.waitForText('Add a trigger to web-app-python');
		for (let step = 0; step < 5; step++) await ui.press('j');
		await ui.press(keys.enter);
		await ui.waitForText('Add trigger: Amazon MQ');
		assert.match(ui.screen(), /Secret ARN +/, 'the form asks for the secret');
		assert.match(ui.screen(), /BASIC_AUTH: arn:aws:secretsmanager:<region>:<account>:secret:<name>/);

		// Without the secret: refused before anything is sent, naming what is needed; what was typed stays.
		await ui.press(brokerArn, keys.tab, 'jobs', keys.enter);
		await ui.waitFor((screen) => joined(screen).includes('Not sent: Give the Secret ARN of the credentials'), 'refused without the secret');
		assert.match(joined(ui.screen()), /Give the Secret ARN of the credentials: Amazon MQ needs BASIC_AUTH/);
		assert.match(ui.screen(), /Add trigger: Amazon MQ/, 'the form stays open');
		assert.match(ui.screen(), /Source ARN +arn:aws:mq:/, 'what was typed is still there');
		assert.match(ui.screen(), /Queue +jobs/);
		assert.deepEqual(await mappings('web-app-python'), [], 'nothing was sent');

		// A secret that is not a secret's ARN: refused, with the shape.
		await ui.press(keys.tab, 'hunter2', keys.enter);
		await ui.waitFor((screen) => joined(screen).includes("Not sent: 'hunter2' is not a Secret ARN"), 'refused: not a secret ARN');
		assert.deepEqual(await mappings('web-app-python'), [], 'nothing was sent');

		await replace(ui, secretArn);
		await ui.press(keys.enter);
		await ui.waitForText('Saved trigger Amazon MQ jobs for web-app-python.', 10_000);
		await ui.waitForText('Amazon MQ jobs · Enabled · batch 100');
		assert.match(ui.screen(), /Auth +BASIC_AUTH \(secret mq-creds\)/, 'the detail shows the authentication');
		assert.match(ui.screen(), /Queue +jobs/);
		const [created] = await mappings('web-app-python');
		assert.equal(created?.EventSourceArn, brokerArn);
		assert.deepEqual(created?.Queues, ['jobs']);
		assert.deepEqual(created?.SourceAccessConfigurations, [{Type: 'BASIC_AUTH', URI: secretArn}]);
		await ui.quit();
	});
});
