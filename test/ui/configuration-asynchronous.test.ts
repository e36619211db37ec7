// The Configuration tab's Asynchronous section in an 80x24 terminal, against
// the local Lambda: Lambda's defaults shown for a function without an
// EventInvokeConfig, a configured event age read as "1 h 30 min", one form
// for retries, event age, dead-letter queue and destinations (saved and read
// back through the SDK), bad input refused with what is allowed named and
// what was typed kept, Lambda's own refusal in the message row with the form
// kept open, and read-only mode.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	GetFunctionConfigurationCommand,
	GetFunctionEventInvokeConfigCommand,
	PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import {localLambdaForSuite, openSection, replace} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

const queueArn = 'arn:aws:sqs:us-east-1:123456789012:orders-dlq';
const busArn = 'arn:aws:events:us-east-1:123456789012:event-bus/default';
const auditArn = 'arn:aws:lambda:us-east-1:123456789012:function:stream-processor-python';

describe('the Configuration tab\'s Asynchronous section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();

	const eventInvokeConfig = async (name: string) =>
		local().clients.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: name})).then(
			(config) => config,
			() => undefined,
		);

	test('shows Lambda\'s defaults, edits everything in one form and reads it back through the SDK', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'stream-processor-node', 'Asynchronous', {paneText: 'Asynchronous invocation'});
		await ui.waitForText(/Retry attempts +2 \(Lambda's default\)/);
		const screen = ui.screen();
		assert.match(screen, /Maximum age +6 h \(Lambda's default\)/);
		assert.match(screen, /Dead-letter +none/);
		assert.match(screen, /On success +none/);
		assert.match(screen, /On failure +none/);

		await ui.press('e');
		await ui.waitForText('Edit asynchronous invocation: stream-processor-node');
		assert.match(ui.screen(), /Retry attempts +‹ 2 ›/);
		assert.match(ui.screen(), /Maximum event age +6h/);
		await ui.press(keys.left, keys.left);
		assert.match(ui.screen(), /Retry attempts +‹ 0 ›/);
		await ui.press(keys.tab);
		await replace(ui, '90m');
		await ui.press(keys.tab);
		await replace(ui, queueArn);
		await ui.press(keys.tab);
		await replace(ui, busArn);
		await ui.press(keys.tab);
		await replace(ui, auditArn);
		await ui.press(keys.enter);
		await ui.waitForText('Saved retries 0, maximum event age 1 h 30 min, on-success destination', 10_000);
		await ui.waitForNoText('Edit asynchronous invocation');
		await ui.waitForText(/Retry attempts +0\s*\n/);
		const shown = ui.screen();
		assert.match(shown, /Maximum age +1 h 30 min\s*\n/);
		assert.match(shown, /Dead-letter +SQS queue orders-dlq\s*\n.* {16}arn:aws:sqs:us-east-1:123456789012:orders-dlq/);
		assert.match(shown, /On success +EventBridge bus default\s*\n.* {16}arn:aws:events:.*event-bus\/default/);
		assert.match(shown, /On failure +Lambda function stream-processor-python\s*\n.* {16}arn:aws:lambda:.*processor-python/);

		const config = await eventInvokeConfig('stream-processor-node');
		assert.equal(config?.MaximumRetryAttempts, 0);
		assert.equal(config?.MaximumEventAgeInSeconds, 5400);
		assert.deepEqual(config?.DestinationConfig, {OnSuccess: {Destination: busArn}, OnFailure: {Destination: auditArn}});
		const configuration = await local().clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'stream-processor-node'}));
		assert.equal(configuration.DeadLetterConfig?.TargetArn, queueArn);

		// Only what changed is sent: removing the on-success destination keeps the rest as it is.
		await ui.press('e');
		await ui.waitForText('Edit asynchronous invocation');
		await ui.press(keys.tab, keys.tab, keys.tab);
		await replace(ui, '');
		await ui.press(keys.enter);
		await ui.waitForText('Saved no on-success destination for stream-processor-node.', 10_000);
		const later = await eventInvokeConfig('stream-processor-node');
		assert.equal(later?.MaximumRetryAttempts, 0);
		assert.equal(later?.MaximumEventAgeInSeconds, 5400);
		assert.deepEqual(later?.DestinationConfig, {OnSuccess: {}, OnFailure: {Destination: auditArn}});
		await ui.waitForText(/On success +none/);
		await ui.quit();
	});

	test('reads a configured event age as hours and minutes', async () => {
		await local().clients.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'file-processor-node', MaximumEventAgeInSeconds: 3725}));
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'file-processor-node', 'Asynchronous', {paneText: 'Asynchronous invocation'});
		await ui.waitForText(/Maximum age +1 h 2 min 5 s\s*\n/);
		assert.match(ui.screen(), /Retry attempts +2 \(Lambda's default\)/);
		await ui.quit();
	});

	test('refuses an event age of 30 s, a dead-letter queue that is not SQS or SNS and S3 on success, naming what is allowed and keeping the input', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Asynchronous', {paneText: 'Asynchronous invocation'});
		await ui.waitForText(/Retry attempts +2/);
		await ui.press('e');
		await ui.waitForText('Edit asynchronous invocation');
		await ui.press(keys.tab);
		await replace(ui, '30');
		await ui.press(keys.tab);
		await replace(ui, 'arn:aws:lambda:us-east-1:123456789012:function:x');
		await ui.press(keys.tab);
		await replace(ui, 'arn:aws:s3:::orders-archive');
		await ui.press(keys.enter);
		await ui.waitForText('Event age is 1 min to 6 h (60-21600 s); 30 s is too short');
		const screen = ui.screen();
		assert.match(screen, /Maximum event age +30/, 'what was typed is still there');
		assert.match(screen, /Use an SQS queue or SNS topic ARN: arn:aws:sqs:REGION:ACCOUNT:NAME/);
		assert.match(screen, /Dead-letter queue +arn:aws:lambda:us-east-1:123456789012:function:x/);
		assert.match(screen, /Use an SQS, SNS, EventBridge or Lambda ARN \(S3: on failure only\)/);
		assert.match(screen, /On success +arn:aws:s3:::orders-archive/);

		await replace(ui, 'an hour');
		await ui.press(keys.enter);
		await ui.waitForText('Not a duration: write seconds, 90m, 6h or 1h30m; 1 min to 6 h (60-21600 s)');
		await replace(ui, '7h');
		await ui.press(keys.enter);
		await ui.waitForText('Event age is 1 min to 6 h (60-21600 s); 7 h is too long');

		assert.equal(await eventInvokeConfig('web-app-node'), undefined, 'nothing was sent');
		const configuration = await local().clients.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'web-app-node'}));
		assert.equal(configuration.DeadLetterConfig, undefined);
		await ui.press(keys.escape);
		await ui.waitForNoText('Edit asynchronous invocation');
		await ui.quit();
	});

	test('Lambda\'s own refusal (a destination function that does not exist) is shown in the message row, and the form stays open', async () => {
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'mobile-backend-node', 'Asynchronous', {paneText: 'Asynchronous invocation'});
		await ui.waitForText(/Retry attempts +2/);
		await ui.press('e');
		await ui.waitForText('Edit asynchronous invocation');
		await ui.press(keys.tab, keys.tab, keys.tab, keys.tab);
		await replace(ui, 'arn:aws:lambda:us-east-1:123456789012:function:ghost');
		await ui.press(keys.enter);
		await ui.waitForText('mobile-backend-node: fix the form, then Enter: The destination ARN arn:aws', 10_000);
		assert.match(ui.screen(), /On failure +arn:aws:lambda:us-east-1:123456789012:function:ghost/, 'the form is still open with the input');
		assert.equal(await eventInvokeConfig('mobile-backend-node'), undefined, 'nothing was saved');
		await ui.press(keys.escape);
		await ui.quit();
	});

	test('read-only mode refuses to edit, before any form opens', async () => {
		const ui = UiTerminal.start(local().readOnlySession);
		await openSection(ui, 'iot-backend-node', 'Asynchronous', {paneText: 'Asynchronous invocation'});
		await ui.waitForText(/Retry attempts +2/);
		await ui.press('e');
		await ui.waitForText('Read-only mode: changes are off');
		assert.ok(!ui.screen().includes('Edit asynchronous invocation'));
		await ui.quit();
	});
});
