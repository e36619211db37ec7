// Event source mappings of the local Lambda through the real
// @aws-sdk/client-lambda: Create, Get, Update, Delete and List for SQS,
// Kinesis, DynamoDB Streams, Amazon MSK, self-managed Kafka, Amazon MQ and
// DocumentDB; Lambda's validation with its exception names; the state
// transitions; paging; and that mappings survive a restart.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {after, before, describe, it} from 'node:test';
import {
	CreateAliasCommand,
	CreateEventSourceMappingCommand,
	CreateFunctionCommand,
	DeleteEventSourceMappingCommand,
	GetEventSourceMappingCommand,
	ListEventSourceMappingsCommand,
	PublishVersionCommand,
	UpdateEventSourceMappingCommand,
	paginateListEventSourceMappings,
	waitUntilFunctionActiveV2,
	type CreateEventSourceMappingCommandInput,
	type EventSourceMappingConfiguration,
	type LambdaClient,
} from '@aws-sdk/client-lambda';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:orders';
const queueArn = 'arn:aws:sqs:us-east-1:123456789012:orders';
const fifoArn = 'arn:aws:sqs:us-east-1:123456789012:orders.fifo';
const streamArn = 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks';
const tableStreamArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000';
const mskArn = 'arn:aws:kafka:us-east-1:123456789012:cluster/events/abcd1234-ab12-cd34-ef56-abcdef123456-1';
const brokerArn = 'arn:aws:mq:us-east-1:123456789012:broker:jobs:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9';
const docdbArn = 'arn:aws:rds:us-east-1:123456789012:cluster:catalog';
const dlqArn = 'arn:aws:sqs:us-east-1:123456789012:clicks-failed';

async function createFunction(client: LambdaClient, name: string): Promise<void> {
	await client.send(new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}));
	await waitUntilFunctionActiveV2({client, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
}

const transitional = new Set(['Creating', 'Updating', 'Enabling', 'Disabling', 'Deleting']);

/** Reads the mapping until its transition has ended: its state then, or 'gone'. */
async function settledState(client: LambdaClient, uuid: string): Promise<string> {
	for (let attempt = 0; attempt < 1000; attempt += 1) {
		try {
			const mapping = await client.send(new GetEventSourceMappingCommand({UUID: uuid}));
			if (!transitional.has(mapping.State ?? '')) return mapping.State ?? '';
		} catch (error) {
			if (error instanceof Error && error.name === 'ResourceNotFoundException') return 'gone';
			throw error;
		}
		await sleep(10);
	}
	throw new Error(`mapping ${uuid} never left its transitional state`);
}

describe('event source mappings through the SDK', () => {
	let harness: Harness;
	let dataDir: string;
	const create = (input: Omit<CreateEventSourceMappingCommandInput, 'FunctionName'> & {FunctionName?: string}): Promise<EventSourceMappingConfiguration> =>
		harness.lambda.send(new CreateEventSourceMappingCommand({FunctionName: 'orders', ...input}));

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-esm-'));
		harness = await startHarness({dataDir, transitionDelayMs: 0});
		await createFunction(harness.lambda, 'orders');
		await createFunction(harness.lambda, 'audit');
		await harness.lambda.send(new PublishVersionCommand({FunctionName: 'orders'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1'}));
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('creates an SQS mapping in state Creating with the SQS defaults, then reads it Enabled', async () => {
		const created = await create({EventSourceArn: queueArn});
		assert.match(created.UUID ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		assert.equal(created.State, 'Creating');
		assert.equal(created.StateTransitionReason, 'USER_INITIATED');
		assert.equal(created.BatchSize, 10);
		assert.equal(created.MaximumBatchingWindowInSeconds, 0);
		assert.equal(created.EventSourceArn, queueArn);
		assert.equal(created.FunctionArn, functionArn);
		assert.deepEqual(created.FunctionResponseTypes, []);
		assert.equal(created.StartingPosition, undefined);
		assert.equal(created.EventSourceMappingArn, `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${created.UUID ?? ''}`);
		assert.ok(created.LastModified instanceof Date);
		const read = await harness.lambda.send(new GetEventSourceMappingCommand({UUID: created.UUID}));
		assert.equal(read.State, 'Enabled');
		assert.equal(read.BatchSize, 10);
		await harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: created.UUID}));
	});

	it('creates a Kinesis mapping with the stream settings and their defaults', async () => {
		const since = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
		const created = await create({
			EventSourceArn: streamArn,
			StartingPosition: 'AT_TIMESTAMP',
			StartingPositionTimestamp: since,
			BatchSize: 500,
			FilterCriteria: {Filters: [{Pattern: '{"data":{"kind":["click"]}}'}]},
			DestinationConfig: {OnFailure: {Destination: dlqArn}},
			ParallelizationFactor: 4,
			MaximumRetryAttempts: 3,
			FunctionResponseTypes: ['ReportBatchItemFailures'],
		});
		assert.equal(created.StartingPosition, 'AT_TIMESTAMP');
		assert.equal(created.StartingPositionTimestamp?.getTime(), since.getTime());
		assert.equal(created.BatchSize, 500);
		assert.equal(created.ParallelizationFactor, 4);
		assert.equal(created.MaximumRetryAttempts, 3);
		assert.equal(created.MaximumRecordAgeInSeconds, -1);
		assert.equal(created.BisectBatchOnFunctionError, false);
		assert.equal(created.TumblingWindowInSeconds, 0);
		assert.equal(created.LastProcessingResult, 'No records processed');
		assert.deepEqual(created.DestinationConfig, {OnFailure: {Destination: dlqArn}});
		assert.deepEqual(created.FilterCriteria, {Filters: [{Pattern: '{"data":{"kind":["click"]}}'}]});
		assert.deepEqual(created.FunctionResponseTypes, ['ReportBatchItemFailures']);
		await harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: created.UUID}));
	});

	it('creates mappings for DynamoDB Streams, MSK, self-managed Kafka, Amazon MQ and DocumentDB', async () => {
		const dynamo = await create({EventSourceArn: tableStreamArn, StartingPosition: 'TRIM_HORIZON'});
		assert.equal(dynamo.BatchSize, 100);
		assert.deepEqual(dynamo.DestinationConfig, {OnFailure: {}});
		const msk = await create({EventSourceArn: mskArn, StartingPosition: 'LATEST', Topics: ['orders']});
		assert.deepEqual(msk.Topics, ['orders']);
		assert.equal(msk.ParallelizationFactor, undefined);
		const kafka = await create({
			SelfManagedEventSource: {Endpoints: {KAFKA_BOOTSTRAP_SERVERS: ['kafka-1.internal:9092', 'kafka-2.internal:9092']}},
			Topics: ['payments'],
			StartingPosition: 'TRIM_HORIZON',
			SourceAccessConfigurations: [{Type: 'SASL_SCRAM_512_AUTH', URI: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka'}],
		});
		assert.equal(kafka.EventSourceArn, undefined);
		assert.deepEqual(kafka.SelfManagedEventSource, {Endpoints: {KAFKA_BOOTSTRAP_SERVERS: ['kafka-1.internal:9092', 'kafka-2.internal:9092']}});
		assert.deepEqual(kafka.SourceAccessConfigurations, [{Type: 'SASL_SCRAM_512_AUTH', URI: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka'}]);
		const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:broker-creds';
		const mq = await create({EventSourceArn: brokerArn, Queues: ['jobs'], SourceAccessConfigurations: [{Type: 'BASIC_AUTH', URI: secret}]});
		assert.deepEqual(mq.Queues, ['jobs']);
		assert.equal(mq.StartingPosition, undefined);
		const docdb = await create({
			EventSourceArn: docdbArn,
			StartingPosition: 'LATEST',
			SourceAccessConfigurations: [{Type: 'BASIC_AUTH', URI: secret}],
			DocumentDBEventSourceConfig: {DatabaseName: 'catalog'},
		});
		assert.equal(docdb.BatchSize, 100);
		for (const mapping of [dynamo, msk, kafka, mq, docdb]) await harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: mapping.UUID}));
	});

	it('maps a version or an alias, and shows its qualified ARN', async () => {
		const created = await create({FunctionName: 'orders:live', EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:live-orders'});
		assert.equal(created.FunctionArn, `${functionArn}:live`);
		await harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: created.UUID}));
	});

	it('refuses a function that does not exist (ResourceNotFoundException)', async () => {
		await rejectsWith(create({FunctionName: 'nobody', EventSourceArn: queueArn}), 'ResourceNotFoundException', /Function not found: .*function:nobody/, 404);
		await rejectsWith(create({FunctionName: 'orders:9', EventSourceArn: queueArn}), 'ResourceNotFoundException', /Function not found/, 404);
	});

	it('refuses a second mapping of the same source to the same function (ResourceConflictException)', async () => {
		const first = await create({EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:twice'});
		await rejectsWith(
			create({EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:twice'}),
			'ResourceConflictException',
			`An event source mapping with SQS arn (" arn:aws:sqs:us-east-1:123456789012:twice ") and function (" orders ") already exists. Please update or delete the existing mapping with UUID ${first.UUID ?? ''}`,
			409,
		);
		const stream = await create({EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/twice', StartingPosition: 'LATEST'});
		await rejectsWith(
			create({EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/twice', StartingPosition: 'TRIM_HORIZON'}),
			'ResourceConflictException',
			`The event source arn (" arn:aws:kinesis:us-east-1:123456789012:stream/twice ") and function (" orders ") provided mapping already exists. Please update or delete the existing mapping with UUID ${stream.UUID ?? ''}`,
		);
		// The same source for another function is fine.
		const other = await create({FunctionName: 'audit', EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:twice'});
		for (const mapping of [first, stream, other]) await harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: mapping.UUID}));
	});

	it("checks the model's constraints first, all at once (ValidationException)", async () => {
		await rejectsWith(
			create({EventSourceArn: streamArn, StartingPosition: 'LATEST', BatchSize: 0, MaximumBatchingWindowInSeconds: 301, ParallelizationFactor: 11}),
			'ValidationException',
			"3 validation errors detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value '301' at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 300; " +
				"Value '11' at 'parallelizationFactor' failed to satisfy constraint: Member must have value less than or equal to 10",
			400,
		);
		await rejectsWith(
			create({EventSourceArn: 'not-an-arn'}),
			'ValidationException',
			/Value 'not-an-arn' at 'eventSourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
		);
		await rejectsWith(
			// A value outside the enum, as another client could send it.
			harness.lambda.send(new CreateEventSourceMappingCommand({FunctionName: 'orders', EventSourceArn: streamArn, StartingPosition: 'FIRST' as 'LATEST'})),
			'ValidationException',
			"1 validation error detected: Value 'FIRST' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]",
		);
	});

	it("applies Lambda's rules per kind of source (InvalidParameterValueException)", async () => {
		const cases: [Omit<CreateEventSourceMappingCommandInput, 'FunctionName'>, string][] = [
			[{EventSourceArn: queueArn, StartingPosition: 'LATEST'}, 'StartingPosition is not valid for SQS event sources.'],
			[{EventSourceArn: streamArn}, "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null."],
			[{EventSourceArn: tableStreamArn, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: new Date(0)}, `Unsupported starting position for arn type: ${tableStreamArn}`],
			[{EventSourceArn: streamArn, StartingPosition: 'LATEST', StartingPositionTimestamp: new Date(0)}, 'Timestamp only valid with StartingPosition AT_TIMESTAMP'],
			[{EventSourceArn: streamArn, StartingPosition: 'AT_TIMESTAMP'}, 'Need to specify a timestamp'],
			[{EventSourceArn: queueArn, BatchSize: 100}, 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10'],
			[{EventSourceArn: fifoArn, BatchSize: 11, MaximumBatchingWindowInSeconds: 1}, 'Maximum batch size must be between 1 and 10 inclusive'],
			[{EventSourceArn: fifoArn, MaximumBatchingWindowInSeconds: 5}, 'Batching window is not supported for FIFO queues'],
			[{EventSourceArn: queueArn, ParallelizationFactor: 2}, 'Unsupported ParallelizationFactor parameter for given event source mapping type.'],
			[{EventSourceArn: queueArn, DestinationConfig: {OnFailure: {Destination: dlqArn}}}, 'Unsupported DestinationConfig parameter for given event source mapping type.'],
			[{EventSourceArn: streamArn, StartingPosition: 'LATEST', DestinationConfig: {OnSuccess: {Destination: dlqArn}}}, 'Unsupported DestinationConfig parameter for given event source mapping type.'],
			[{EventSourceArn: mskArn, StartingPosition: 'LATEST'}, "Required 'topics' parameter is missing."],
			[{EventSourceArn: streamArn, StartingPosition: 'LATEST', MaximumRecordAgeInSeconds: 30}, 'MaximumRecordAgeInSeconds must be -1 (infinite) or between 60 and 604800.'],
			[{EventSourceArn: queueArn, FilterCriteria: {Filters: [{Pattern: 'not json'}]}}, 'Invalid filter pattern definition.'],
			[
				{EventSourceArn: queueArn, FilterCriteria: {Filters: Array.from({length: 6}, (_, index) => ({Pattern: `{"body":{"n":[${index}]}}`}))}},
				'The filter criteria can have at most 5 filters; this one has 6.',
			],
			[{EventSourceArn: 'arn:aws:s3:::bucket-of-things'}, 'Unrecognized event source.'],
		];
		for (const [input, message] of cases) {
			await rejectsWith(create(input), 'InvalidParameterValueException', message, 400);
		}
	});

	it('updates the settings given and keeps the others', async () => {
		const created = await create({EventSourceArn: streamArn, StartingPosition: 'LATEST', BatchSize: 200, MaximumRetryAttempts: 5});
		await settledState(harness.lambda, created.UUID ?? '');
		const updated = await harness.lambda.send(
			new UpdateEventSourceMappingCommand({
				UUID: created.UUID,
				BatchSize: 50,
				DestinationConfig: {OnFailure: {Destination: dlqArn}},
				FilterCriteria: {Filters: [{Pattern: '{"data":{"n":[{"numeric":[">",1]}]}}'}]},
			}),
		);
		assert.equal(updated.State, 'Updating');
		assert.equal(updated.BatchSize, 50);
		assert.equal(updated.MaximumRetryAttempts, 5);
		assert.equal(updated.StartingPosition, 'LATEST');
		assert.deepEqual(updated.DestinationConfig, {OnFailure: {Destination: dlqArn}});
		await settledState(harness.lambda, created.UUID ?? '');
		const cleared = await harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.UUID, DestinationConfig: {OnFailure: {}}, FilterCriteria: {}}));
		assert.deepEqual(cleared.DestinationConfig, {OnFailure: {}});
		assert.equal(cleared.FilterCriteria, undefined);
		await settledState(harness.lambda, created.UUID ?? '');
		await rejectsWith(
			harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.UUID, TumblingWindowInSeconds: 901})),
			'ValidationException',
			"1 validation error detected: Value '901' at 'tumblingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 900",
		);
		const moved = await harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.UUID, FunctionName: 'audit'}));
		assert.equal(moved.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:audit');
		await settledState(harness.lambda, created.UUID ?? '');
		await harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: created.UUID}));
	});

	it('refuses rules of the source kind on update too', async () => {
		const created = await create({EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:updates'});
		await settledState(harness.lambda, created.UUID ?? '');
		await rejectsWith(
			harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.UUID, BatchSize: 50})),
			'InvalidParameterValueException',
			'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
		);
		await rejectsWith(
			harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.UUID, MaximumRetryAttempts: 2})),
			'InvalidParameterValueException',
			'Unsupported MaximumRetryAttempts parameter for given event source mapping type.',
		);
		const batched = await harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.UUID, BatchSize: 50, MaximumBatchingWindowInSeconds: 2}));
		assert.equal(batched.BatchSize, 50);
		assert.equal(batched.MaximumBatchingWindowInSeconds, 2);
		await settledState(harness.lambda, created.UUID ?? '');
		await harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: created.UUID}));
	});

	it('answers ResourceNotFoundException for a mapping that does not exist', async () => {
		const missing = '00000000-0000-0000-0000-000000000000';
		const message = 'The resource you requested does not exist.';
		await rejectsWith(harness.lambda.send(new GetEventSourceMappingCommand({UUID: missing})), 'ResourceNotFoundException', message, 404);
		await rejectsWith(harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: missing, BatchSize: 5})), 'ResourceNotFoundException', message, 404);
		await rejectsWith(harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: missing})), 'ResourceNotFoundException', message, 404);
	});

	it('lists by function and by event source, a page at a time', async () => {
		const uuids: string[] = [];
		for (let index = 0; index < 7; index += 1) {
			const mapping = await create({FunctionName: 'audit', EventSourceArn: `arn:aws:sqs:us-east-1:123456789012:page-${index}`});
			uuids.push(mapping.UUID ?? '');
		}
		const first = await harness.lambda.send(new ListEventSourceMappingsCommand({FunctionName: 'audit', MaxItems: 3}));
		assert.equal(first.EventSourceMappings?.length, 3);
		assert.ok(first.NextMarker);
		const seen: string[] = [];
		for await (const page of paginateListEventSourceMappings({client: harness.lambda, pageSize: 3}, {FunctionName: 'audit'})) {
			for (const mapping of page.EventSourceMappings ?? []) seen.push(mapping.UUID ?? '');
		}
		assert.deepEqual(seen, uuids);
		const bySource = await harness.lambda.send(new ListEventSourceMappingsCommand({EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:page-4'}));
		assert.deepEqual(
			bySource.EventSourceMappings?.map((mapping) => mapping.UUID),
			[uuids[4]],
		);
		const byArn = await harness.lambda.send(new ListEventSourceMappingsCommand({FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:audit'}));
		assert.equal(byArn.EventSourceMappings?.length, 7);
		const all = await harness.lambda.send(new ListEventSourceMappingsCommand({}));
		assert.ok((all.EventSourceMappings?.length ?? 0) >= 7);
		await rejectsWith(
			harness.lambda.send(new ListEventSourceMappingsCommand({MaxItems: 0})),
			'ValidationException',
			"1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
		);
		for (const uuid of uuids) await harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: uuid}));
		for (const uuid of uuids) assert.equal(await settledState(harness.lambda, uuid), 'gone');
		const empty = await harness.lambda.send(new ListEventSourceMappingsCommand({FunctionName: 'audit'}));
		assert.deepEqual(empty.EventSourceMappings, []);
	});

	it('keeps the mappings across a restart', async () => {
		const kept = await create({EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 321, Enabled: false});
		assert.equal(await settledState(harness.lambda, kept.UUID ?? ''), 'Disabled');
		const before = await harness.lambda.send(new GetEventSourceMappingCommand({UUID: kept.UUID}));
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 0});
		const after = await harness.lambda.send(new GetEventSourceMappingCommand({UUID: kept.UUID}));
		assert.deepEqual({...after, $metadata: undefined}, {...before, $metadata: undefined});
		assert.equal(after.State, 'Disabled');
		assert.equal(after.BatchSize, 321);
	});
});

describe('event source mapping state transitions', () => {
	let harness: Harness;

	before(async () => {
		harness = await startHarness({transitionDelayMs: 50});
		await createFunction(harness.lambda, 'worker');
	});
	after(async () => {
		await harness.close();
	});

	it('goes Creating -> Enabled, Disabling -> Disabled, Updating -> Disabled, Enabling -> Enabled, Deleting -> gone', async () => {
		const client = harness.lambda;
		const created = await client.send(new CreateEventSourceMappingCommand({FunctionName: 'worker', EventSourceArn: queueArn}));
		const uuid = created.UUID ?? '';
		assert.equal(created.State, 'Creating');
		assert.equal(await settledState(client, uuid), 'Enabled');
		const disabling = await client.send(new UpdateEventSourceMappingCommand({UUID: uuid, Enabled: false}));
		assert.equal(disabling.State, 'Disabling');
		assert.equal(await settledState(client, uuid), 'Disabled');
		const updating = await client.send(new UpdateEventSourceMappingCommand({UUID: uuid, BatchSize: 5}));
		assert.equal(updating.State, 'Updating');
		assert.equal(await settledState(client, uuid), 'Disabled');
		const enabling = await client.send(new UpdateEventSourceMappingCommand({UUID: uuid, Enabled: true}));
		assert.equal(enabling.State, 'Enabling');
		const enabled = await client.send(new GetEventSourceMappingCommand({UUID: uuid}));
		assert.equal(await settledState(client, uuid), 'Enabled');
		const settled = await client.send(new GetEventSourceMappingCommand({UUID: uuid}));
		// LastModified moves when the state changes.
		assert.ok((settled.LastModified?.getTime() ?? 0) >= (enabled.LastModified?.getTime() ?? 0));
		const deleting = await client.send(new DeleteEventSourceMappingCommand({UUID: uuid}));
		assert.equal(deleting.State, 'Deleting');
		assert.equal(await settledState(client, uuid), 'gone');
	});

	it('starts Disabled when created with Enabled false', async () => {
		const created = await harness.lambda.send(new CreateEventSourceMappingCommand({FunctionName: 'worker', EventSourceArn: fifoArn, Enabled: false}));
		assert.equal(created.State, 'Creating');
		assert.equal(await settledState(harness.lambda, created.UUID ?? ''), 'Disabled');
	});
});

describe('event source mappings in a transition', () => {
	let harness: Harness;
	let dataDir: string;

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-esm-slow-'));
		harness = await startHarness({dataDir, transitionDelayMs: 600_000});
		// Pending for as long as the mapping is Creating: a mapping does not need the function Active.
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: 'slow', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}),
		);
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('refuses Update and Delete while the mapping is Creating (ResourceInUseException), also after a restart', async () => {
		const created = await harness.lambda.send(new CreateEventSourceMappingCommand({FunctionName: 'slow', EventSourceArn: queueArn}));
		await rejectsWith(
			harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.UUID, BatchSize: 5})),
			'ResourceInUseException',
			/Cannot update the event source mapping because it is in use\. Its state is Creating/,
			400,
		);
		await rejectsWith(
			harness.lambda.send(new DeleteEventSourceMappingCommand({UUID: created.UUID})),
			'ResourceInUseException',
			/Cannot delete the event source mapping because it is in use/,
		);
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 600_000});
		const read = await harness.lambda.send(new GetEventSourceMappingCommand({UUID: created.UUID}));
		assert.equal(read.State, 'Creating');
	});
});
