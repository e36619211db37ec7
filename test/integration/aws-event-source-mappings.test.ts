// The console's aws/event-source-mappings module through the real
// @aws-sdk/client-lambda against the local Lambda: a function's mappings
// listed as plain values (kind from the ARN, defaults, filters, destination),
// created, changed and deleted, and Lambda's refusals reaching the caller as
// SDK errors with Lambda's names.

import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {after, before, describe, it} from 'node:test';
import {CreateFunctionCommand, waitUntilFunctionActiveV2} from '@aws-sdk/client-lambda';
import {createClients, type Clients} from '../../source/aws/clients.js';
import {createMapping, deleteMapping, listMappings, updateMapping, type EventSourceMapping} from '../../source/aws/event-source-mappings.js';
import {localSession} from '../../source/session.js';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const queueArn = 'arn:aws:sqs:us-east-1:123456789012:orders';
const streamArn = 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks';
const dlqArn = 'arn:aws:sqs:us-east-1:123456789012:clicks-failed';

describe('aws/event-source-mappings through the SDK', () => {
	let harness: Harness;
	let clients: Clients;

	/** The function's mappings once none is in a transition. */
	const settled = async (functionName: string): Promise<EventSourceMapping[]> => {
		for (let attempt = 0; attempt < 1000; attempt += 1) {
			const mappings = await listMappings(clients, functionName);
			if (mappings.every((mapping) => ['Enabled', 'Disabled'].includes(mapping.state))) return mappings;
			await sleep(10);
		}
		throw new Error('the mappings never settled');
	};

	before(async () => {
		harness = await startHarness({transitionDelayMs: 20});
		clients = createClients(localSession(harness.server.endpoint, harness.dataDir, 'us-east-1', false));
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: 'orders', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'orders'});
	});
	after(async () => {
		clients.destroy();
		await harness.close();
	});

	it('lists nothing for a function without mappings', async () => {
		assert.deepEqual(await listMappings(clients, 'orders'), []);
	});

	it('creates mappings and lists them as plain values', async () => {
		const queue = await createMapping(clients, {functionName: 'orders', eventSourceArn: queueArn, batchSize: 5, reportBatchItemFailures: true});
		assert.equal(queue.state, 'Creating');
		assert.equal(queue.kind, 'sqs');
		assert.equal(queue.enabled, undefined);
		await createMapping(clients, {
			functionName: 'orders',
			eventSourceArn: streamArn,
			startingPosition: 'LATEST',
			filters: ['{"data":{"kind":["click"]}}'],
			onFailureDestination: dlqArn,
			enabled: false,
		});
		const [sqs, kinesis] = await settled('orders');
		assert.ok(sqs !== undefined && kinesis !== undefined);
		assert.deepEqual(
			{kind: sqs.kind, state: sqs.state, enabled: sqs.enabled, batchSize: sqs.batchSize, window: sqs.batchingWindowSeconds, report: sqs.reportBatchItemFailures},
			{kind: 'sqs', state: 'Enabled', enabled: true, batchSize: 5, window: 0, report: true},
		);
		assert.equal(sqs.lastProcessingResult, undefined);
		assert.deepEqual(
			{
				kind: kinesis.kind,
				state: kinesis.state,
				enabled: kinesis.enabled,
				batchSize: kinesis.batchSize,
				startingPosition: kinesis.startingPosition,
				filters: kinesis.filters,
				onFailure: kinesis.onFailureDestination,
				retries: kinesis.maximumRetryAttempts,
				lastProcessingResult: kinesis.lastProcessingResult,
			},
			{
				kind: 'kinesis',
				state: 'Disabled',
				enabled: false,
				batchSize: 100,
				startingPosition: 'LATEST',
				filters: ['{"data":{"kind":["click"]}}'],
				onFailure: dlqArn,
				retries: -1,
				lastProcessingResult: 'No records processed',
			},
		);
		assert.ok(kinesis.lastModified instanceof Date);
	});

	it('changes only what it is given, and removes filters and the destination', async () => {
		const kinesis = (await settled('orders')).find((mapping) => mapping.kind === 'kinesis');
		assert.ok(kinesis !== undefined);
		const changed = await updateMapping(clients, kinesis.uuid, {enabled: true, batchSize: 250, filters: [], onFailureDestination: ''});
		assert.equal(changed.state, 'Enabling');
		assert.equal(changed.enabled, true);
		assert.equal(changed.batchSize, 250);
		assert.deepEqual(changed.filters, []);
		assert.equal(changed.onFailureDestination, undefined);
		assert.equal(changed.startingPosition, 'LATEST');
	});

	it("passes Lambda's refusals on as SDK errors", async () => {
		await rejectsWith(createMapping(clients, {functionName: 'orders', eventSourceArn: queueArn}), 'ResourceConflictException', /already exists/);
		await rejectsWith(
			createMapping(clients, {functionName: 'orders', eventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:other', startingPosition: 'LATEST'}),
			'InvalidParameterValueException',
			'StartingPosition is not valid for SQS event sources.',
		);
		await rejectsWith(createMapping(clients, {functionName: 'nobody', eventSourceArn: queueArn}), 'ResourceNotFoundException', /Function not found/);
	});

	it('deletes a mapping: Deleting, then gone', async () => {
		const before = await settled('orders');
		const first = before[0];
		assert.ok(first !== undefined);
		const deleting = await deleteMapping(clients, first.uuid);
		assert.equal(deleting.state, 'Deleting');
		const after = await settled('orders');
		assert.deepEqual(
			after.map((mapping) => mapping.uuid),
			before.slice(1).map((mapping) => mapping.uuid),
		);
	});
});
