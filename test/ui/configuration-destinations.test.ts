// The Configuration tab's Destinations section in an 80x24 terminal, against
// the local Lambda: adding an on-success SQS and an on-failure SNS
// destination for asynchronous invocation (read back through the SDK), a FIFO
// queue refused with the reason and what was typed kept, an on-failure
// destination for a Kinesis mapping (on success refused for it), each listed
// on one line with the chosen one's ARN below, and removing one after a
// question.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	CreateEventSourceMappingCommand,
	GetEventSourceMappingCommand,
	GetFunctionEventInvokeConfigCommand,
	PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import {localLambdaForSuite, openSection, replace} from '../support/configuration-tab.js';
import {keys, UiTerminal} from '../support/ui-terminal.js';

describe('the Configuration tab\'s Destinations section in an 80x24 terminal', () => {
	const local = localLambdaForSuite();
	const arn = (service: string, resource: string): string => `arn:aws:${service}:${local().lambda.region}:${local().lambda.accountId}:${resource}`;

	test('adds on-success SQS and on-failure SNS destinations for asynchronous invocation, refusing a FIFO queue first', async () => {
		const queue = arn('sqs', 'orders-done');
		const topic = arn('sns', 'alerts');
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'web-app-node', 'Destinations', {paneText: 'No destinations. a adds one'});

		await ui.press('a');
		await ui.waitForText('Add destination: web-app-node');
		assert.match(ui.screen(), /Source +‹ Asynchronous invocation ›/);
		assert.match(ui.screen(), /Condition +‹ On failure ›/);
		// Condition: On success; type: SQS queue (the first); the ARN of a FIFO queue.
		await ui.press(keys.tab, keys.tab, keys.left, keys.tab, keys.tab, `${queue}.fifo`, keys.enter);
		await ui.waitForText('A FIFO queue cannot be a destination: use a standard queue');
		assert.match(ui.screen(), /Add destination: web-app-node/, 'the form stays open');
		assert.match(ui.screen(), /Condition +‹ On success ›/, 'what was chosen is kept');
		assert.ok(ui.screen().includes(`${queue}.fifo`), 'what was typed is kept');
		const none = await local()
			.clients.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'web-app-node'}))
			.then(
				() => 'configured',
				() => 'none',
			);
		assert.equal(none, 'none', 'nothing was sent');

		// The cursor stays on the ARN: take ".fifo" off, and save.
		await ui.press('\u007F', '\u007F', '\u007F', '\u007F', '\u007F', keys.enter);
		await ui.waitForText('Saved on-success destination for web-app-node.', 10_000);
		await ui.waitForNoText('Add destination');
		await ui.waitForText('Asynchronous · on success → SQS orders-done');

		// On failure (the default condition), type SNS topic.
		await ui.press('a');
		await ui.waitForText('Add destination: web-app-node');
		await ui.press(keys.tab, keys.tab, keys.tab, keys.right, keys.tab, topic, keys.enter);
		await ui.waitForText('Saved on-failure destination for web-app-node.', 10_000);
		await ui.waitForText('Asynchronous · on failure → SNS alerts');
		assert.match(ui.screen(), /Destinations \(2\)/);

		const config = await local().clients.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'web-app-node'}));
		assert.deepEqual(config.DestinationConfig, {OnSuccess: {Destination: queue}, OnFailure: {Destination: topic}});

		// Inside the list, the chosen one's ARN is written out below it.
		await ui.press(keys.enter, 'j');
		await ui.waitForText(`  ${topic}`);
		await ui.quit();
	});

	test('adds an on-failure destination to a Kinesis mapping, and removes it after a question', async () => {
		const topic = arn('sns', 'click-failures');
		const mapping = await local().clients.lambda.send(
			new CreateEventSourceMappingCommand({FunctionName: 'iot-backend-node', EventSourceArn: arn('kinesis', 'stream/clicks'), StartingPosition: 'LATEST'}),
		);
		const uuid = mapping.UUID ?? '';
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'iot-backend-node', 'Destinations', {paneText: 'No destinations. a adds one'});

		await ui.press('a');
		await ui.waitForText('Add destination: iot-backend-node');
		await ui.press(keys.right);
		assert.match(ui.screen(), /Source +‹ Event source mapping invocation ›/);
		assert.match(ui.screen(), /Mapping +‹ Kinesis clicks ›/, 'the stream mapping is offered by its source');
		// On success is refused for a mapping, with what to choose.
		await ui.press(keys.tab, keys.tab, keys.left, keys.tab, keys.right, keys.tab, topic, keys.enter);
		await ui.waitForText('A mapping sends only failed batches: choose On failure');
		assert.ok(ui.screen().includes(topic), 'what was typed is kept');
		await ui.press(keys.right, keys.enter);
		await ui.waitForText('Saved on-failure destination of Kinesis clicks for iot-backend-node.', 10_000);
		await ui.waitForText('Kinesis clicks · on failure → SNS click-failures');
		const added = await local().clients.lambda.send(new GetEventSourceMappingCommand({UUID: uuid}));
		assert.equal(added.DestinationConfig?.OnFailure?.Destination, topic);

		// d removes it after a question: n keeps it, y removes it.
		await ui.press(keys.enter, 'd');
		await ui.waitForText('Remove this destination?');
		assert.match(ui.screen(), /│ Kinesis clicks · on failure → SNS click-failures +│/, 'the question names it');
		await ui.press('n');
		await ui.waitForNoText('Remove this destination?');
		assert.match(ui.screen(), /Kinesis clicks · on failure → SNS click-failures/);
		await ui.press('d');
		await ui.waitForText('Remove this destination?');
		await ui.press('y');
		await ui.waitForText('Saved no on-failure destination of Kinesis clicks for iot-backend-node.', 10_000);
		await ui.waitForText('No destinations. a adds one');
		const removed = await local().clients.lambda.send(new GetEventSourceMappingCommand({UUID: uuid}));
		assert.equal(removed.DestinationConfig?.OnFailure?.Destination, undefined);
		await ui.quit();
	});

	test('e changes the chosen destination\'s ARN, refusing one its condition does not take; read-only refuses a', async () => {
		const bus = arn('events', 'event-bus/default');
		const queue = arn('sqs', 'mobile-failures');
		await local().clients.lambda.send(
			new PutFunctionEventInvokeConfigCommand({FunctionName: 'mobile-backend-node', DestinationConfig: {OnSuccess: {Destination: bus}, OnFailure: {Destination: queue}}}),
		);
		const ui = UiTerminal.start(local().session);
		await openSection(ui, 'mobile-backend-node', 'Destinations', {paneText: 'Destinations (2)'});
		assert.match(ui.screen(), /Asynchronous · on success → EventBridge default\n/);
		assert.match(ui.screen(), /Asynchronous · on failure → SQS mobile-failures\n/);

		await ui.press('e');
		await ui.waitForText('Enter goes into the destinations; e then edits the one chosen.');
		await ui.press(keys.enter, 'e');
		await ui.waitForText('Edit destination: Asynchronous · on success');
		await replace(ui, 'arn:aws:s3:::mobile-archive');
		await ui.press(keys.enter);
		await ui.waitForText('S3 is only for on failure: give another ARN');
		assert.match(ui.screen(), /Destination +arn:aws:s3:::mobile-archive/, 'what was typed is kept');
		await ui.press(keys.escape);
		await ui.waitForNoText('Edit destination');

		await ui.press('j', 'e');
		await ui.waitForText('Edit destination: Asynchronous · on failure');
		await replace(ui, 'arn:aws:s3:::mobile-archive');
		await ui.press(keys.enter);
		await ui.waitForText('Saved on-failure destination for mobile-backend-node.', 10_000);
		await ui.waitForText('Asynchronous · on failure → S3 mobile-archive');
		const config = await local().clients.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'mobile-backend-node'}));
		assert.deepEqual(config.DestinationConfig, {OnSuccess: {Destination: bus}, OnFailure: {Destination: 'arn:aws:s3:::mobile-archive'}});
		await ui.quit();

		const readOnly = UiTerminal.start(local().readOnlySession);
		await openSection(readOnly, 'mobile-backend-node', 'Destinations', {paneText: 'Destinations (2)'});
		await readOnly.press('a');
		await readOnly.waitForText('Read-only mode: changes are off.');
		assert.doesNotMatch(readOnly.screen(), /Add destination/);
		await readOnly.quit();
	});
});
