// The console's aws/event-invoke-config module through the real
// @aws-sdk/client-lambda against the local Lambda: a function without a
// configuration reads as Lambda's defaults (not an error), put replaces,
// update changes only what it is given, a change is a Put when there is no
// configuration yet, delete goes back to the defaults, and Lambda's refusals
// reach the caller as SDK errors with Lambda's names.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {CreateFunctionCommand, GetFunctionEventInvokeConfigCommand, waitUntilFunctionActiveV2} from '@aws-sdk/client-lambda';
import {createClients, type Clients} from '../../source/aws/clients.js';
import {
	changeEventInvokeConfig,
	deleteEventInvokeConfig,
	getEventInvokeConfig,
	putEventInvokeConfig,
	updateEventInvokeConfig,
} from '../../source/aws/event-invoke-config.js';
import {localSession} from '../../source/session.js';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const queueArn = 'arn:aws:sqs:us-east-1:123456789012:orders-failed';
const busArn = 'arn:aws:events:us-east-1:123456789012:event-bus/default';
const bucketArn = 'arn:aws:s3:::orders-failures';

describe('aws/event-invoke-config through the SDK', () => {
	let harness: Harness;
	let clients: Clients;

	const create = async (name: string): Promise<void> => {
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	before(async () => {
		harness = await startHarness({transitionDelayMs: 50});
		clients = createClients(localSession(harness.server.endpoint, harness.dataDir, 'us-east-1', false));
		await create('orders');
		await create('billing');
	});
	after(async () => {
		clients.destroy();
		await harness.close();
	});

	it('reads a function without a configuration as Lambda\'s defaults, not as an error', async () => {
		const config = await getEventInvokeConfig(clients, 'orders');
		assert.deepEqual(config, {configured: false, settings: {}, lastModified: undefined});
	});

	it('puts, reads back and updates only what it is given', async () => {
		const put = await putEventInvokeConfig(clients, 'orders', {maximumRetryAttempts: 0, maximumEventAgeInSeconds: 3600, onFailure: queueArn});
		assert.equal(put.configured, true);
		assert.deepEqual(put.settings, {maximumRetryAttempts: 0, maximumEventAgeInSeconds: 3600, onFailure: queueArn});
		assert.ok(put.lastModified instanceof Date);

		const read = await getEventInvokeConfig(clients, 'orders');
		assert.deepEqual(read.settings, {maximumRetryAttempts: 0, maximumEventAgeInSeconds: 3600, onFailure: queueArn});

		const updated = await updateEventInvokeConfig(clients, 'orders', {onSuccess: busArn});
		assert.deepEqual(updated.settings, {maximumRetryAttempts: 0, maximumEventAgeInSeconds: 3600, onSuccess: busArn, onFailure: queueArn});

		const cleared = await updateEventInvokeConfig(clients, 'orders', {onFailure: '', maximumRetryAttempts: 2});
		assert.deepEqual(cleared.settings, {maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600, onSuccess: busArn});
		const sdk = await harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders'}));
		assert.deepEqual(sdk.DestinationConfig, {OnSuccess: {Destination: busArn}, OnFailure: {}});
	});

	it('put replaces the whole configuration: what it leaves out goes back to the default', async () => {
		const put = await putEventInvokeConfig(clients, 'orders', {maximumEventAgeInSeconds: 60, onSuccess: ''});
		assert.deepEqual(put.settings, {maximumEventAgeInSeconds: 60});
		assert.deepEqual((await getEventInvokeConfig(clients, 'orders')).settings, {maximumEventAgeInSeconds: 60});
	});

	it('a change is an Update when there is a configuration, and a Put when there is none', async () => {
		const changed = await changeEventInvokeConfig(clients, 'orders', {onFailure: bucketArn});
		assert.deepEqual(changed.settings, {maximumEventAgeInSeconds: 60, onFailure: bucketArn}, 'the age put before is kept');

		const first = await changeEventInvokeConfig(clients, 'billing', {maximumRetryAttempts: 1});
		assert.deepEqual(first.settings, {maximumRetryAttempts: 1}, 'the rest keeps Lambda\'s defaults');
		assert.deepEqual((await getEventInvokeConfig(clients, 'billing')).settings, {maximumRetryAttempts: 1});
	});

	it('delete goes back to the defaults; deleting again says there is nothing to delete', async () => {
		await deleteEventInvokeConfig(clients, 'billing');
		assert.equal((await getEventInvokeConfig(clients, 'billing')).configured, false);
		await rejectsWith(
			deleteEventInvokeConfig(clients, 'billing'),
			'ResourceNotFoundException',
			"The function arn:aws:lambda:us-east-1:123456789012:function:billing:$LATEST doesn't have an EventInvokeConfig",
			404,
		);
		const none = await changeEventInvokeConfig(clients, 'billing', {onSuccess: ''});
		assert.equal(none.configured, false, 'removing a destination of no configuration leaves the defaults');
	});

	it('passes Lambda\'s refusals on: out of range, S3 on success, an unknown function', async () => {
		await rejectsWith(
			changeEventInvokeConfig(clients, 'orders', {maximumEventAgeInSeconds: 30}),
			'ValidationException',
			/Value '30' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60/,
		);
		await rejectsWith(
			changeEventInvokeConfig(clients, 'orders', {onSuccess: bucketArn}),
			'InvalidParameterValueException',
			/The provided destination config DestinationConfig\(onSuccess=OnSuccess\(destination=arn:aws:s3:::orders-failures\)/,
		);
		await rejectsWith(changeEventInvokeConfig(clients, 'ghost', {maximumRetryAttempts: 1}), 'ResourceNotFoundException', /doesn't exist/);
		assert.deepEqual((await getEventInvokeConfig(clients, 'orders')).settings, {maximumEventAgeInSeconds: 60, onFailure: bucketArn}, 'nothing changed');
	});
});
