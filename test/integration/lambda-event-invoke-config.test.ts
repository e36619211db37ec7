// Asynchronous invocation configuration of the local Lambda through the real
// @aws-sdk/client-lambda: Put (replaces), Update (merges), Get, Delete and
// List of EventInvokeConfig for $LATEST, a version and an alias, Lambda's
// validation messages, and that the configurations survive a restart.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CreateAliasCommand,
	CreateFunctionCommand,
	DeleteAliasCommand,
	DeleteFunctionEventInvokeConfigCommand,
	GetFunctionEventInvokeConfigCommand,
	ListFunctionEventInvokeConfigsCommand,
	PublishVersionCommand,
	PutFunctionEventInvokeConfigCommand,
	UpdateFunctionEventInvokeConfigCommand,
	paginateListFunctionEventInvokeConfigs,
	waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const arn = 'arn:aws:lambda:us-east-1:123456789012:function:orders';
const auditArn = 'arn:aws:lambda:us-east-1:123456789012:function:audit';
const queueArn = 'arn:aws:sqs:us-east-1:123456789012:orders-failed';
const topicArn = 'arn:aws:sns:us-east-1:123456789012:orders-done';
const busArn = 'arn:aws:events:us-east-1:123456789012:event-bus/default';
const bucketArn = 'arn:aws:s3:::orders-failures';

describe('EventInvokeConfig through the SDK', () => {
	let harness: Harness;
	let dataDir: string;

	const create = async (name: string): Promise<void> => {
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-eic-'));
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		await create('orders');
		await create('audit');
		await harness.lambda.send(new PublishVersionCommand({FunctionName: 'orders'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1'}));
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('has no configuration until one is put', async () => {
		await rejectsWith(
			harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders'})),
			'ResourceNotFoundException',
			`The function ${arn}:$LATEST doesn't have an EventInvokeConfig`,
			404,
		);
		const listed = await harness.lambda.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: 'orders'}));
		assert.deepEqual(listed.FunctionEventInvokeConfigs, []);
		assert.equal(listed.NextMarker, undefined);
	});

	it('puts the unqualified function as $LATEST, and answers with what was put', async () => {
		const before = Date.now();
		const put = await harness.lambda.send(
			new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 3600}),
		);
		const afterPut = Date.now();
		assert.equal(put.$metadata.httpStatusCode, 200);
		assert.equal(put.FunctionArn, `${arn}:$LATEST`);
		assert.equal(put.MaximumRetryAttempts, 0);
		assert.equal(put.MaximumEventAgeInSeconds, 3600);
		assert.deepEqual(put.DestinationConfig, {OnSuccess: {}, OnFailure: {}});
		assert.ok(put.LastModified instanceof Date);
		assert.ok(put.LastModified.getTime() >= before - 1 && put.LastModified.getTime() <= afterPut, 'LastModified is when it was put');
		const got = await harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: '$LATEST'}));
		assert.equal(got.FunctionArn, `${arn}:$LATEST`);
		assert.equal(got.MaximumRetryAttempts, 0);
		assert.equal(got.MaximumEventAgeInSeconds, 3600);
		assert.equal(got.LastModified?.getTime(), put.LastModified.getTime());
		const byArn = await harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: arn}));
		assert.equal(byArn.MaximumEventAgeInSeconds, 3600);
	});

	it('put replaces the whole configuration: what is left out is removed', async () => {
		const put = await harness.lambda.send(
			new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', MaximumRetryAttempts: 1, DestinationConfig: {OnFailure: {Destination: queueArn}}}),
		);
		assert.equal(put.MaximumRetryAttempts, 1);
		assert.equal(put.MaximumEventAgeInSeconds, undefined);
		assert.deepEqual(put.DestinationConfig, {OnSuccess: {}, OnFailure: {Destination: queueArn}});
		const got = await harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders'}));
		assert.equal(got.MaximumEventAgeInSeconds, undefined);
		assert.deepEqual(got.DestinationConfig, {OnSuccess: {}, OnFailure: {Destination: queueArn}});
	});

	it('update changes only what it is given', async () => {
		const aged = await harness.lambda.send(new UpdateFunctionEventInvokeConfigCommand({FunctionName: 'orders', MaximumEventAgeInSeconds: 120}));
		assert.equal(aged.MaximumRetryAttempts, 1);
		assert.equal(aged.MaximumEventAgeInSeconds, 120);
		assert.deepEqual(aged.DestinationConfig, {OnSuccess: {}, OnFailure: {Destination: queueArn}});
		const success = await harness.lambda.send(
			new UpdateFunctionEventInvokeConfigCommand({FunctionName: 'orders', DestinationConfig: {OnSuccess: {Destination: auditArn}}}),
		);
		assert.deepEqual(success.DestinationConfig, {OnSuccess: {Destination: auditArn}, OnFailure: {Destination: queueArn}});
		assert.equal(success.MaximumRetryAttempts, 1);
		assert.ok((success.LastModified?.getTime() ?? 0) >= (aged.LastModified?.getTime() ?? Infinity));
		const cleared = await harness.lambda.send(
			new UpdateFunctionEventInvokeConfigCommand({FunctionName: 'orders', DestinationConfig: {OnFailure: {Destination: ''}}}),
		);
		assert.deepEqual(cleared.DestinationConfig, {OnSuccess: {Destination: auditArn}, OnFailure: {}});
	});

	it('update needs a configuration to change', async () => {
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: 'live', MaximumRetryAttempts: 2})),
			'ResourceNotFoundException',
			`The function ${arn}:live doesn't have an EventInvokeConfig`,
			404,
		);
	});

	it('checks the ranges of the model, all at once', async () => {
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 59})),
			'ValidationException',
			"2 validation errors detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2; " +
				"Value '59' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
			400,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionEventInvokeConfigCommand({FunctionName: 'orders', MaximumEventAgeInSeconds: 21601})),
			'ValidationException',
			"1 validation error detected: Value '21601' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 21600",
			400,
		);
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', MaximumRetryAttempts: -1})),
			'ValidationException',
			"1 validation error detected: Value '-1' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value greater than or equal to 0",
		);
	});

	it('refuses a destination that is not an ARN, with the model pattern', async () => {
		await rejectsWith(
			harness.lambda.send(
				new PutFunctionEventInvokeConfigCommand({
					FunctionName: 'orders',
					DestinationConfig: {OnFailure: {Destination: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders-failed'}},
				}),
			),
			'ValidationException',
			"1 validation error detected: Value 'https://sqs.us-east-1.amazonaws.com/123456789012/orders-failed' at 'destinationConfig.onFailure.destination' " +
				'failed to satisfy constraint: Member must satisfy regular expression pattern: ' +
				'$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)',
			400,
		);
	});

	it('refuses destinations asynchronous invocation does not send to, and S3 on success', async () => {
		const table = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', DestinationConfig: {OnFailure: {Destination: table}}})),
			'InvalidParameterValueException',
			`The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=${table})) is invalid.`,
			400,
		);
		await rejectsWith(
			harness.lambda.send(
				new PutFunctionEventInvokeConfigCommand({
					FunctionName: 'orders',
					DestinationConfig: {OnSuccess: {Destination: bucketArn}, OnFailure: {Destination: queueArn}},
				}),
			),
			'InvalidParameterValueException',
			`The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=${bucketArn}), onFailure=OnFailure(destination=${queueArn})) is invalid.`,
		);
		const onFailure = await harness.lambda.send(
			new PutFunctionEventInvokeConfigCommand({
				FunctionName: 'orders',
				Qualifier: '1',
				DestinationConfig: {OnSuccess: {Destination: topicArn}, OnFailure: {Destination: bucketArn}},
			}),
		);
		assert.deepEqual(onFailure.DestinationConfig, {OnSuccess: {Destination: topicArn}, OnFailure: {Destination: bucketArn}});
		const bus = await harness.lambda.send(
			new UpdateFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: '1', DestinationConfig: {OnSuccess: {Destination: busArn}}}),
		);
		assert.deepEqual(bus.DestinationConfig, {OnSuccess: {Destination: busArn}, OnFailure: {Destination: bucketArn}});
	});

	it('a Lambda destination must exist here and cannot be the function itself', async () => {
		const missing = 'arn:aws:lambda:us-east-1:123456789012:function:nobody';
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', DestinationConfig: {OnSuccess: {Destination: missing}}})),
			'InvalidParameterValueException',
			`The destination ARN ${missing} is invalid.`,
			400,
		);
		await rejectsWith(
			harness.lambda.send(
				new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', DestinationConfig: {OnFailure: {Destination: `${auditArn}:nope`}}}),
			),
			'InvalidParameterValueException',
			`The destination ARN ${auditArn}:nope is invalid.`,
		);
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', DestinationConfig: {OnFailure: {Destination: arn}}})),
			'InvalidParameterValueException',
			"You can't specify the function as a destination for itself.",
		);
	});

	it('needs at least one setting, and a function, version or alias that exists', async () => {
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders'})),
			'InvalidParameterValueException',
			'You must specify at least one of error handling or destination setting.',
			400,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionEventInvokeConfigCommand({FunctionName: 'orders'})),
			'InvalidParameterValueException',
			'You must specify at least one of error handling or destination setting.',
		);
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'nobody', MaximumRetryAttempts: 1})),
			'ResourceNotFoundException',
			"The function doesn't exist.",
			404,
		);
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: 'staging', MaximumRetryAttempts: 1})),
			'ResourceNotFoundException',
			"The function doesn't exist.",
			404,
		);
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: '7', MaximumRetryAttempts: 1})),
			'ResourceNotFoundException',
			"The function doesn't exist.",
		);
		await rejectsWith(
			harness.lambda.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: 'nobody'})),
			'ResourceNotFoundException',
			"The function doesn't exist.",
			404,
		);
		await rejectsWith(
			harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'nobody'})),
			'ResourceNotFoundException',
			"The function arn:aws:lambda:us-east-1:123456789012:function:nobody:$LATEST doesn't have an EventInvokeConfig",
		);
	});

	it('checks the qualifier, also against the one in the function name', async () => {
		await rejectsWith(
			harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: 'no!'})),
			'ValidationException',
			"1 validation error detected: Value 'no!' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)",
			400,
		);
		await rejectsWith(
			harness.lambda.send(new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders:live', Qualifier: '1', MaximumRetryAttempts: 1})),
			'InvalidParameterValueException',
			'The derived qualifier from the function name does not match the specified qualifier.',
		);
	});

	it('keeps one configuration per version and alias, and lists them all with paging', async () => {
		const alias = await harness.lambda.send(
			new PutFunctionEventInvokeConfigCommand({FunctionName: 'orders:live', MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60}),
		);
		assert.equal(alias.FunctionArn, `${arn}:live`);
		const fromName = await harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: 'live'}));
		assert.equal(fromName.MaximumEventAgeInSeconds, 60);
		const version = await harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: `${arn}:1`}));
		assert.equal(version.FunctionArn, `${arn}:1`);
		assert.equal(version.MaximumRetryAttempts, undefined);

		const listed = await harness.lambda.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: 'orders'}));
		assert.deepEqual(
			listed.FunctionEventInvokeConfigs?.map((config) => config.FunctionArn),
			[`${arn}:$LATEST`, `${arn}:1`, `${arn}:live`],
		);
		const live = listed.FunctionEventInvokeConfigs?.[2];
		assert.equal(live?.MaximumRetryAttempts, 2);
		assert.deepEqual(live?.DestinationConfig, {OnSuccess: {}, OnFailure: {}});

		const first = await harness.lambda.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: 'orders', MaxItems: 2}));
		assert.equal(first.FunctionEventInvokeConfigs?.length, 2);
		assert.ok(first.NextMarker);
		const rest = await harness.lambda.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: 'orders', MaxItems: 2, Marker: first.NextMarker}));
		assert.deepEqual(rest.FunctionEventInvokeConfigs?.map((config) => config.FunctionArn), [`${arn}:live`]);
		assert.equal(rest.NextMarker, undefined);

		const paged: string[] = [];
		for await (const page of paginateListFunctionEventInvokeConfigs({client: harness.lambda, pageSize: 1}, {FunctionName: 'orders'})) {
			for (const config of page.FunctionEventInvokeConfigs ?? []) paged.push(config.FunctionArn ?? '');
		}
		assert.deepEqual(paged, [`${arn}:$LATEST`, `${arn}:1`, `${arn}:live`]);

		await rejectsWith(
			harness.lambda.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: 'orders', MaxItems: 51})),
			'ValidationException',
			"1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 50",
			400,
		);
	});

	it('keeps the configurations across a restart', async () => {
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		const latest = await harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders'}));
		assert.equal(latest.MaximumRetryAttempts, 1);
		assert.equal(latest.MaximumEventAgeInSeconds, 120);
		assert.deepEqual(latest.DestinationConfig, {OnSuccess: {Destination: auditArn}, OnFailure: {}});
		const listed = await harness.lambda.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: 'orders'}));
		assert.equal(listed.FunctionEventInvokeConfigs?.length, 3);
	});

	it('deletes a configuration, after which it is gone', async () => {
		const deleted = await harness.lambda.send(new DeleteFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: '1'}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);
		await rejectsWith(
			harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: '1'})),
			'ResourceNotFoundException',
			`The function ${arn}:1 doesn't have an EventInvokeConfig`,
			404,
		);
		await rejectsWith(
			harness.lambda.send(new DeleteFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: '1'})),
			'ResourceNotFoundException',
			`The function ${arn}:1 doesn't have an EventInvokeConfig`,
			404,
		);
		const listed = await harness.lambda.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: 'orders'}));
		assert.deepEqual(listed.FunctionEventInvokeConfigs?.map((config) => config.FunctionArn), [`${arn}:$LATEST`, `${arn}:live`]);
	});

	it('an alias that is deleted takes its configuration with it', async () => {
		await harness.lambda.send(new DeleteAliasCommand({FunctionName: 'orders', Name: 'live'}));
		await rejectsWith(
			harness.lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: 'live'})),
			'ResourceNotFoundException',
			`The function ${arn}:live doesn't have an EventInvokeConfig`,
		);
		const listed = await harness.lambda.send(new ListFunctionEventInvokeConfigsCommand({FunctionName: 'orders'}));
		assert.deepEqual(listed.FunctionEventInvokeConfigs?.map((config) => config.FunctionArn), [`${arn}:$LATEST`]);
	});
});
