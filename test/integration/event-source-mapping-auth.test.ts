// How event source mappings reach their source, against the local Lambda
// through the real @aws-sdk/client-lambda and the console's own
// aws/event-source-mappings.ts: SourceAccessConfigurations (Amazon MQ and
// DocumentDB need BASIC_AUTH with a secret; self-managed Kafka's SASL/SCRAM
// and VPC), DocumentDBEventSourceConfig, and AT_TIMESTAMP; what Lambda
// refuses, with its exception names; and the shapes it answers with.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
	CreateEventSourceMappingCommand,
	CreateFunctionCommand,
	GetEventSourceMappingCommand,
	UpdateEventSourceMappingCommand,
	waitUntilFunctionActiveV2,
	type CreateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import {createMapping, listMappings} from '../../source/aws/event-source-mappings.js';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const brokerArn = 'arn:aws:mq:us-east-1:123456789012:broker:jobs:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9';
const docdbArn = 'arn:aws:rds:us-east-1:123456789012:cluster:catalog';
const streamArn = 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks';
const queueArn = 'arn:aws:sqs:us-east-1:123456789012:orders';
const mskArn = 'arn:aws:kafka:us-east-1:123456789012:cluster/events/abcd1234-ab12-cd34-ef56-abcdef123456-1';
const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:broker-creds-AbCdEf';

describe('event source mapping authentication, DocumentDB and AT_TIMESTAMP', () => {
	let harness: Harness;
	const clients = () => ({lambda: harness.lambda});
	const create = (input: Omit<CreateEventSourceMappingCommandInput, 'FunctionName'>) =>
		harness.lambda.send(new CreateEventSourceMappingCommand({FunctionName: 'orders', ...input}));

	before(async () => {
		harness = await startHarness({transitionDelayMs: 0});
		await harness.lambda.send(new CreateFunctionCommand({FunctionName: 'orders', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}));
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'orders'});
	});
	after(async () => {
		await harness.close();
	});

	it('creates an Amazon MQ mapping with BASIC_AUTH and a virtual host, and shows them as AWS does', async () => {
		const created = await createMapping(clients(), {
			functionName: 'orders',
			eventSourceArn: brokerArn,
			queue: 'jobs',
			sourceAccessConfigurations: [
				{type: 'BASIC_AUTH', uri: secret},
				{type: 'VIRTUAL_HOST', uri: '/'},
			],
		});
		assert.deepEqual(created.sourceAccess, [
			{type: 'BASIC_AUTH', uri: secret},
			{type: 'VIRTUAL_HOST', uri: '/'},
		]);
		assert.equal(created.documentDb, undefined);
		const raw = await harness.lambda.send(new GetEventSourceMappingCommand({UUID: created.uuid}));
		assert.deepEqual(raw.SourceAccessConfigurations, [
			{Type: 'BASIC_AUTH', URI: secret},
			{Type: 'VIRTUAL_HOST', URI: '/'},
		]);
		assert.deepEqual(raw.Queues, ['jobs']);
		// Taking BASIC_AUTH away on update is refused; a virtual host cannot be changed.
		await rejectsWith(
			harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.uuid, SourceAccessConfigurations: []})),
			'InvalidParameterValueException',
			/Amazon MQ event source mappings require a BASIC_AUTH source access configuration/,
			400,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.uuid, SourceAccessConfigurations: [{Type: 'BASIC_AUTH', URI: secret}, {Type: 'VIRTUAL_HOST', URI: '/other'}]})),
			'InvalidParameterValueException',
			/VIRTUAL_HOST cannot be changed/,
		);
	});

	it('creates a DocumentDB mapping with its database, collection, FullDocument, BASIC_AUTH and AT_TIMESTAMP', async () => {
		const at = new Date(Math.floor((Date.now() - 3_600_000) / 1000) * 1000);
		const created = await createMapping(clients(), {
			functionName: 'orders',
			eventSourceArn: docdbArn,
			startingPosition: 'AT_TIMESTAMP',
			startingPositionTimestamp: at,
			sourceAccessConfigurations: [{type: 'BASIC_AUTH', uri: secret}],
			documentDb: {databaseName: 'catalog', collectionName: 'products', fullDocument: 'UpdateLookup'},
		});
		assert.deepEqual(created.documentDb, {databaseName: 'catalog', collectionName: 'products', fullDocument: 'UpdateLookup'});
		assert.equal(created.startingPosition, 'AT_TIMESTAMP');
		assert.equal(created.startingPositionTimestamp?.toISOString(), at.toISOString());
		const raw = await harness.lambda.send(new GetEventSourceMappingCommand({UUID: created.uuid}));
		assert.deepEqual(raw.DocumentDBEventSourceConfig, {CollectionName: 'products', DatabaseName: 'catalog', FullDocument: 'UpdateLookup'});
		assert.deepEqual(raw.SourceAccessConfigurations, [{Type: 'BASIC_AUTH', URI: secret}]);
		// The database and collection are set for good; FullDocument may change.
		await rejectsWith(
			harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.uuid, DocumentDBEventSourceConfig: {DatabaseName: 'other', CollectionName: 'x'}})),
			'InvalidParameterValueException',
			'Invalid parameters: collectionName, databaseName',
			400,
		);
		await harness.lambda.send(new UpdateEventSourceMappingCommand({UUID: created.uuid, DocumentDBEventSourceConfig: {FullDocument: 'Default'}}));
		const listed = (await listMappings(clients(), 'orders')).find((mapping) => mapping.uuid === created.uuid);
		assert.deepEqual(listed?.documentDb, {databaseName: 'catalog', collectionName: 'products', fullDocument: 'Default'});
	});

	it('creates a self-managed Kafka mapping with SASL/SCRAM-256 in a VPC', async () => {
		const created = await createMapping(clients(), {
			functionName: 'orders',
			bootstrapServers: ['kafka-1.internal:9096'],
			topic: 'payments',
			startingPosition: 'TRIM_HORIZON',
			sourceAccessConfigurations: [
				{type: 'SASL_SCRAM_256_AUTH', uri: secret},
				{type: 'VPC_SUBNET', uri: 'subnet:subnet-0a1b2c3d'},
				{type: 'VPC_SECURITY_GROUP', uri: 'security_group:sg-0a1b2c3d'},
			],
		});
		assert.deepEqual(
			created.sourceAccess.map((entry) => entry.type),
			['SASL_SCRAM_256_AUTH', 'VPC_SUBNET', 'VPC_SECURITY_GROUP'],
		);
	});

	it('creates a Kinesis mapping at a timestamp', async () => {
		const at = new Date(Math.floor((Date.now() - 7_200_000) / 1000) * 1000);
		const created = await createMapping(clients(), {functionName: 'orders', eventSourceArn: streamArn, startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: at});
		assert.equal(created.startingPositionTimestamp?.toISOString(), at.toISOString());
	});

	it('refuses what Lambda refuses, before it stores anything', async () => {
		const cases: [Omit<CreateEventSourceMappingCommandInput, 'FunctionName'>, string, RegExp | string][] = [
			[{EventSourceArn: brokerArn, Queues: ['jobs']}, 'InvalidParameterValueException', /^Amazon MQ event source mappings require a BASIC_AUTH source access configuration/],
			[
				{EventSourceArn: docdbArn, StartingPosition: 'LATEST', DocumentDBEventSourceConfig: {DatabaseName: 'catalog'}},
				'InvalidParameterValueException',
				/^Amazon DocumentDB event source mappings require a BASIC_AUTH/,
			],
			[
				{EventSourceArn: docdbArn, StartingPosition: 'LATEST', SourceAccessConfigurations: [{Type: 'BASIC_AUTH', URI: secret}]},
				'InvalidParameterValueException',
				"Required 'DocumentDBEventSourceConfig.DatabaseName' parameter is missing.",
			],
			[
				{EventSourceArn: queueArn, SourceAccessConfigurations: [{Type: 'BASIC_AUTH', URI: secret}]},
				'InvalidParameterValueException',
				'Unsupported SourceAccessConfigurations parameter for given event source mapping type.',
			],
			[
				{EventSourceArn: streamArn, StartingPosition: 'LATEST', DocumentDBEventSourceConfig: {DatabaseName: 'x'}},
				'InvalidParameterValueException',
				'Unsupported DocumentDBEventSourceConfig parameter for given event source mapping type.',
			],
			[
				{EventSourceArn: brokerArn, Queues: ['jobs'], SourceAccessConfigurations: [{Type: 'SASL_SCRAM_512_AUTH', URI: secret}]},
				'InvalidParameterValueException',
				'Unsupported source access configuration type SASL_SCRAM_512_AUTH for Amazon MQ: use BASIC_AUTH, VIRTUAL_HOST.',
			],
			[
				{EventSourceArn: brokerArn, Queues: ['jobs'], SourceAccessConfigurations: [{Type: 'BASIC_AUTH', URI: 'my-password'}]},
				'InvalidParameterValueException',
				"The URI of BASIC_AUTH must be the ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>): 'my-password' is not one.",
			],
			[
				{
					EventSourceArn: mskArn,
					Topics: ['t1'],
					StartingPosition: 'LATEST',
					SourceAccessConfigurations: [{Type: 'SASL_SCRAM_512_AUTH', URI: secret}, {Type: 'CLIENT_CERTIFICATE_TLS_AUTH', URI: secret}],
				},
				'InvalidParameterValueException',
				'Only one authentication type may be given: SASL_SCRAM_512_AUTH, CLIENT_CERTIFICATE_TLS_AUTH were.',
			],
			[
				{
					SelfManagedEventSource: {Endpoints: {KAFKA_BOOTSTRAP_SERVERS: ['kafka-9.internal:9092']}},
					Topics: ['t1'],
					StartingPosition: 'LATEST',
					SourceAccessConfigurations: [{Type: 'VPC_SUBNET', URI: 'subnet:subnet-1'}],
				},
				'InvalidParameterValueException',
				'A VPC needs both VPC_SUBNET and VPC_SECURITY_GROUP source access configurations.',
			],
			[
				{EventSourceArn: brokerArn, Queues: ['jobs'], SourceAccessConfigurations: [{Type: 'BASIC_AUTH', URI: 'has spaces'}]},
				'ValidationException',
				"1 validation error detected: Value 'has spaces' at 'sourceAccessConfigurations.1.member.uRI' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-\\/*:_+=.@-]*",
			],
			[
				{EventSourceArn: docdbArn, StartingPosition: 'LATEST', SourceAccessConfigurations: [{Type: 'BASIC_AUTH', URI: secret}], DocumentDBEventSourceConfig: {DatabaseName: 'my db'}},
				'ValidationException',
				/Value 'my db' at 'documentDBEventSourceConfig.databaseName' failed to satisfy constraint/,
			],
			[
				{EventSourceArn: streamArn, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: new Date(Date.now() + 86_400_000)},
				'InvalidParameterValueException',
				'StartingPositionTimestamp cannot be in the future.',
			],
		];
		for (const [input, name, message] of cases) {
			await rejectsWith(create(input), name, message, 400);
		}
		const stored = await listMappings(clients(), 'orders');
		assert.equal(stored.length, 4, 'only the four mappings created above');
	});
});
