// A function's triggers, pure: its mappings and push statements named as the
// console names them, the states' colours, and the Add and Edit trigger
// forms read into requests with every problem named with its limit.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {parsePolicy} from '../../source/domain/resource-policy.js';
import {accessLines, editFormFields, formFieldsMax, filtersText, generatedStatementId, mappingConflict, mappingFormFields, newMappingName, newPushName, parseFilters, pushFormFields, readEditForm, readMappingForm, readPushForm, statementConflict, triggerSourceOptions, type EditableMapping, type TriggerSourceOption} from '../../source/domain/trigger-form.js';
import {isPushStatement, pushServiceName, sourceNameOf, stateTone, triggersOf, type TriggerMapping} from '../../source/domain/triggers.js';

const queueArn = 'arn:aws:sqs:us-east-1:123456789012:orders';
const streamArn = 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks';
const now = Date.parse('2025-01-01T00:00:00Z');

function mapping(overrides: Partial<TriggerMapping> = {}): TriggerMapping {
	return {
		uuid: '11111111-2222-3333-4444-555555555555',
		kind: 'sqs',
		eventSourceArn: queueArn,
		bootstrapServers: [],
		state: 'Enabled',
		enabled: true,
		topics: [],
		queues: [],
		lastProcessingResult: undefined,
		...overrides,
	};
}

function editable(overrides: Partial<EditableMapping> = {}): EditableMapping {
	return {
		...mapping(),
		batchSize: 10,
		batchingWindowSeconds: 0,
		startingPosition: undefined,
		startingPositionTimestamp: undefined,
		filters: [],
		onFailureDestination: undefined,
		...overrides,
	};
}

const policy = (statements: unknown[]) => parsePolicy(JSON.stringify({Version: '2012-10-17', Id: 'default', Statement: statements}));
const fn = 'arn:aws:lambda:us-east-1:123456789012:function:orders';

function pushOption(id: string): Extract<TriggerSourceOption, {origin: 'permission'}> {
	const option = triggerSourceOptions.find((each) => each.id === id);
	assert.ok(option !== undefined && option.origin === 'permission');
	return option;
}

describe('triggersOf', () => {
	it('names each mapping by its service and source, with its State', () => {
		const triggers = triggersOf(
			[
				mapping(),
				mapping({uuid: 'b', kind: 'kinesis', eventSourceArn: `${streamArn}/consumer/app:1`, state: 'Creating', enabled: undefined}),
				mapping({uuid: 'c', kind: 'dynamodb', eventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000', state: 'Disabled', enabled: false}),
				mapping({uuid: 'd', kind: 'msk', eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/events/abcd-1234'}),
				mapping({uuid: 'e', kind: 'kafka', eventSourceArn: undefined, bootstrapServers: ['b-1.example.com:9092'], topics: ['payments']}),
				mapping({uuid: 'f', kind: 'mq', eventSourceArn: 'arn:aws:mq:us-east-1:123456789012:broker:jobs:b-1234'}),
				mapping({uuid: 'g', kind: 'docdb', eventSourceArn: 'arn:aws:rds:us-east-1:123456789012:cluster:catalog'}),
			],
			[],
		);
		assert.deepEqual(
			triggers.map((trigger) => [trigger.id, trigger.origin, trigger.service, trigger.name, trigger.state, trigger.enabled]),
			[
				['mapping:11111111-2222-3333-4444-555555555555', 'mapping', 'SQS', 'orders', 'Enabled', true],
				['mapping:b', 'mapping', 'Kinesis', 'clicks', 'Creating', undefined],
				['mapping:c', 'mapping', 'DynamoDB', 'users', 'Disabled', false],
				['mapping:d', 'mapping', 'MSK', 'events', 'Enabled', true],
				['mapping:e', 'mapping', 'Kafka', 'b-1.example.com:9092', 'Enabled', true],
				['mapping:f', 'mapping', 'Amazon MQ', 'jobs', 'Enabled', true],
				['mapping:g', 'mapping', 'DocumentDB', 'catalog', 'Enabled', true],
			],
		);
		assert.equal(triggers[0]?.arn, queueArn);
	});

	it('adds the push sources of the policy after the mappings, and leaves out accounts, function URLs and other actions', () => {
		const statements = policy([
			{Sid: 's3', Effect: 'Allow', Principal: {Service: 's3.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: fn, Condition: {ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::uploads'}}},
			{Sid: 'logs', Effect: 'Allow', Principal: {Service: 'logs.eu-west-1.amazonaws.com'}, Action: 'lambda:*', Resource: fn, Condition: {ArnLike: {'AWS:SourceArn': 'arn:aws:logs:eu-west-1:123456789012:log-group:/app/web:*'}}},
			{Sid: 'api', Effect: 'Allow', Principal: {Service: 'apigateway.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: fn, Condition: {ArnLike: {'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*/GET/hello'}}},
			{Sid: 'rule', Effect: 'Allow', Principal: {Service: 'events.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: fn, Condition: {ArnLike: {'AWS:SourceArn': 'arn:aws:events:us-east-1:123456789012:rule/bus/nightly'}}},
			{Sid: 'odd', Effect: 'Allow', Principal: {Service: 'example.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: fn, Condition: {StringEquals: {'AWS:SourceAccount': '123456789012'}}},
			{Sid: 'account', Effect: 'Allow', Principal: {AWS: 'arn:aws:iam::210987654321:root'}, Action: 'lambda:InvokeFunction', Resource: fn},
			{Sid: 'url', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: fn, Condition: {StringEquals: {'lambda:FunctionUrlAuthType': 'NONE'}}},
			{Sid: 'read', Effect: 'Allow', Principal: {Service: 's3.amazonaws.com'}, Action: 'lambda:GetFunction', Resource: fn},
			{Sid: 'deny', Effect: 'Deny', Principal: {Service: 'sns.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: fn},
		]);
		const triggers = triggersOf([mapping()], statements);
		assert.deepEqual(
			triggers.map((trigger) => [trigger.id, trigger.service, trigger.name, trigger.state, trigger.enabled]),
			[
				['mapping:11111111-2222-3333-4444-555555555555', 'SQS', 'orders', 'Enabled', true],
				['permission:s3', 'S3', 'uploads', undefined, undefined],
				['permission:logs', 'CloudWatch Logs', '/app/web', undefined, undefined],
				['permission:api', 'API Gateway', 'a1b2c3', undefined, undefined],
				['permission:rule', 'EventBridge', 'nightly', undefined, undefined],
				['permission:odd', 'example.amazonaws.com', 'account 123456789012', undefined, undefined],
			],
		);
		assert.equal(triggers[1]?.arn, 'arn:aws:s3:::uploads');
		assert.equal(triggers[1]?.origin, 'permission');
	});

	it('knows the console names of service principals and the short names of ARNs', () => {
		assert.equal(pushServiceName('sns.amazonaws.com'), 'SNS');
		assert.equal(pushServiceName('elasticloadbalancing.amazonaws.com'), 'ALB');
		assert.equal(pushServiceName('alexa-appkit.amazon.com'), 'Alexa');
		assert.equal(pushServiceName('cognito-idp.amazonaws.com'), 'Cognito');
		assert.equal(pushServiceName('iot.amazonaws.com'), 'AWS IoT');
		assert.equal(pushServiceName('made-up.example.com'), 'made-up.example.com');
		assert.equal(sourceNameOf('arn:aws:sns:us-east-1:123456789012:alerts'), 'alerts');
		assert.equal(sourceNameOf('arn:aws:iot:us-east-1:123456789012:rule/sensors'), 'sensors');
		assert.equal(sourceNameOf('arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067'), 'web');
		assert.equal(sourceNameOf('arn:aws:s3:::*'), 'arn:aws:s3:::*', 'nothing better than the ARN');
		assert.equal(sourceNameOf('not an arn'), 'not an arn');
	});

	it('isPushStatement takes only Allow statements of a service to invoke', () => {
		const [s3, account] = policy([
			{Sid: 'a', Effect: 'Allow', Principal: {Service: 's3.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: fn},
			{Sid: 'b', Effect: 'Allow', Principal: {AWS: '123456789012'}, Action: 'lambda:InvokeFunction', Resource: fn},
		]);
		assert.ok(s3 !== undefined && account !== undefined);
		assert.equal(isPushStatement(s3), true);
		assert.equal(isPushStatement(account), false);
	});
});

describe('a trigger on one line', () => {
	it('colours states by what they mean', () => {
		assert.equal(stateTone('Enabled'), 'success');
		assert.equal(stateTone('Disabled'), 'muted');
		for (const state of ['Creating', 'Enabling', 'Disabling', 'Updating', 'Deleting']) assert.equal(stateTone(state), 'warning');
		assert.equal(stateTone(undefined), 'plain');
	});
});

describe('the Add trigger form', () => {
	it('offers the mapping sources, then the push sources', () => {
		assert.deepEqual(
			triggerSourceOptions.map((option) => option.id),
			['sqs', 'kinesis', 'dynamodb', 'msk', 'kafka', 'mq', 'docdb', 's3', 'sns', 'events', 'apigateway', 'iot', 'logs', 'other'],
		);
	});

	it("has each source's fields, at most 8 so the form fits 80x24", () => {
		assert.deepEqual(mappingFormFields('sqs').map((field) => field.id), ['source', 'batchSize', 'window', 'filter', 'enabled']);
		assert.deepEqual(mappingFormFields('kinesis').map((field) => field.id), ['source', 'batchSize', 'window', 'startingPosition', 'timestamp', 'filter', 'onFailure', 'enabled']);
		assert.deepEqual(mappingFormFields('dynamodb').map((field) => field.id), ['source', 'batchSize', 'window', 'startingPosition', 'filter', 'onFailure', 'enabled']);
		// Where everything would not fit, the optional settings the edit form holds (window, filter, on-failure) are left out.
		assert.deepEqual(mappingFormFields('msk').map((field) => field.id), ['source', 'topic', 'batchSize', 'startingPosition', 'timestamp', 'filter', 'onFailure', 'enabled']);
		assert.deepEqual(mappingFormFields('kafka').map((field) => field.id), ['servers', 'topic', 'auth', 'secret', 'batchSize', 'startingPosition', 'timestamp', 'enabled']);
		assert.deepEqual(mappingFormFields('mq').map((field) => field.id), ['source', 'queue', 'secret', 'batchSize', 'window', 'filter', 'enabled']);
		assert.deepEqual(mappingFormFields('docdb').map((field) => field.id), ['source', 'database', 'collection', 'secret', 'batchSize', 'startingPosition', 'timestamp', 'enabled']);
		assert.equal(formFieldsMax, 8);
		for (const option of triggerSourceOptions) {
			const fields = option.origin === 'mapping' ? mappingFormFields(option.id) : pushFormFields(option, 'lambda-x');
			assert.ok(fields.length <= formFieldsMax, `${option.id}: ${fields.length} fields`);
		}
		assert.deepEqual(mappingFormFields('kinesis').find((field) => field.id === 'startingPosition')?.choices, ['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP']);
		assert.deepEqual(mappingFormFields('dynamodb').find((field) => field.id === 'startingPosition')?.choices, ['LATEST', 'TRIM_HORIZON'], 'DynamoDB Streams take no AT_TIMESTAMP');
		assert.deepEqual(pushFormFields(pushOption('s3'), 'lambda-1').map((field) => [field.id, field.value]), [
			['sourceArn', ''],
			['sourceAccount', ''],
			['sid', 'lambda-1'],
		]);
		assert.equal(pushFormFields(pushOption('other'), 'lambda-1')[0]?.id, 'principal');
		assert.match(mappingFormFields('sqs')[1]?.hint ?? '', /1-10000, empty: default 10/);
	});

	it('reads an SQS trigger into a request', () => {
		const reading = readMappingForm('sqs', {source: ` ${queueArn} `, batchSize: '5', window: '', filter: '{"body": {"type": ["order"]}}', enabled: 'no'}, 'orders', now);
		assert.deepEqual(reading.problems, []);
		assert.deepEqual(reading.request, {functionName: 'orders', eventSourceArn: queueArn, batchSize: 5, filters: ['{"body": {"type": ["order"]}}'], enabled: false});
		assert.equal(newMappingName('sqs', reading.request), 'SQS orders');
	});

	it('names the batch size limit, and what SQS needs above 10', () => {
		const over = readMappingForm('sqs', {source: queueArn, batchSize: '20000', window: '5', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(over.problems, ['Batch size 20000 is over the limit of 10000 for Amazon SQS: use 1 to 10000 (default 10).']);
		const fifo = readMappingForm('sqs', {source: `${queueArn}.fifo`, batchSize: '11', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(fifo.problems, ['Batch size 11 is over the limit of 10 for Amazon SQS FIFO queues: use 1 to 10 (default 10).']);
		const noWindow = readMappingForm('sqs', {source: queueArn, batchSize: '100', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(noWindow.problems, ['A batch size over 10 needs a batching window of at least 1 second for Amazon SQS: set one from 1 to 300.']);
		const words = readMappingForm('sqs', {source: queueArn, batchSize: 'ten', window: '301', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(words.problems, [
			"Batch size is a whole number from 1 to 10000 for Amazon SQS: 'ten' is not one.",
			'Batching window 301 s is outside the limit: use 0 to 300 seconds.',
		]);
	});

	it('refuses a source ARN of another kind, saying how one is written', () => {
		const reading = readMappingForm('sqs', {source: streamArn, enabled: 'yes'}, 'orders', now);
		assert.deepEqual(reading.problems, [`'${streamArn}' is not an Amazon SQS ARN: write arn:aws:sqs:<region>:<account>:<queue>.`]);
		const empty = readMappingForm('kinesis', {source: '', startingPosition: 'LATEST', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(empty.problems, ['Give the source ARN: arn:aws:kinesis:<region>:<account>:stream/<stream>.']);
	});

	it('reads a stream with its starting position and on-failure destination', () => {
		const reading = readMappingForm('kinesis', {source: streamArn, startingPosition: 'TRIM_HORIZON', onFailure: 'arn:aws:sqs:us-east-1:123456789012:dlq', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(reading.problems, []);
		assert.equal(reading.request.startingPosition, 'TRIM_HORIZON');
		assert.equal(reading.request.onFailureDestination, 'arn:aws:sqs:us-east-1:123456789012:dlq');
		const bad = readMappingForm('kinesis', {source: streamArn, startingPosition: 'LATEST', onFailure: 'arn:aws:lambda:us-east-1:123456789012:function:x', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(bad.problems, ["'arn:aws:lambda:us-east-1:123456789012:function:x' is not an on-failure destination: give an SQS queue, SNS topic or S3 bucket ARN."]);
	});

	it('reads self-managed Kafka: servers and a topic', () => {
		const reading = readMappingForm('kafka', {servers: 'b-1.example.com:9092, b-2.example.com:9092', topic: 'payments', startingPosition: 'LATEST', onFailure: 'kafka://failed', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(reading.problems, []);
		assert.deepEqual(reading.request.bootstrapServers, ['b-1.example.com:9092', 'b-2.example.com:9092']);
		assert.equal(reading.request.topic, 'payments');
		const missing = readMappingForm('kafka', {servers: 'example.com', topic: '', startingPosition: 'LATEST', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(missing.problems, [
			"'example.com' is not a bootstrap server: write host:port, like b-1.kafka.example.com:9092.",
			'Give the Kafka topic to read (letters, digits, ., _ and -, up to 249).',
		]);
	});

	it('reads AT_TIMESTAMP with its timestamp: required with it, refused without it or in the future', () => {
		const ago = readMappingForm('kinesis', {source: streamArn, startingPosition: 'AT_TIMESTAMP', timestamp: '2h ago', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(ago.problems, []);
		assert.equal(ago.request.startingPosition, 'AT_TIMESTAMP');
		assert.equal(ago.request.startingPositionTimestamp?.toISOString(), '2024-12-31T22:00:00.000Z');
		const iso = readMappingForm('msk', {source: 'arn:aws:kafka:us-east-1:123456789012:cluster/pay/abc-1', topic: 'payments', startingPosition: 'AT_TIMESTAMP', timestamp: '2024-12-30T08:00:00+02:00', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(iso.problems, []);
		assert.equal(iso.request.startingPositionTimestamp?.toISOString(), '2024-12-30T06:00:00.000Z');
		const missing = readMappingForm('kinesis', {source: streamArn, startingPosition: 'AT_TIMESTAMP', timestamp: '', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(missing.problems, ['AT_TIMESTAMP needs a timestamp: where to start reading, like 2h ago, 30m, 2026-05-01 08:00 (UTC) or 2026-05-01T08:00:00+02:00.']);
		const future = readMappingForm('kinesis', {source: streamArn, startingPosition: 'AT_TIMESTAMP', timestamp: '2025-01-02 00:00', enabled: 'yes'}, 'orders', now);
		assert.equal(future.problems.length, 1);
		assert.match(future.problems[0] ?? '', /^Timestamp: "2025-01-02 00:00" is in the future \(2025-01-02T00:00:00.000Z; times without a zone are UTC\): give a time before now\.$/);
		const unused = readMappingForm('kinesis', {source: streamArn, startingPosition: 'LATEST', timestamp: '2h ago', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(unused.problems, ['A timestamp is read only with AT_TIMESTAMP: choose AT_TIMESTAMP as the starting position, or clear the timestamp.']);
		const words = readMappingForm('kinesis', {source: streamArn, startingPosition: 'AT_TIMESTAMP', timestamp: 'yesterday-ish', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(words.problems, ["'yesterday-ish' is not a timestamp: write it like 2h ago, 30m, 2026-05-01 08:00 (UTC) or 2026-05-01T08:00:00+02:00."]);
		const dynamo = readMappingForm('dynamodb', {source: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024', startingPosition: 'AT_TIMESTAMP', timestamp: '1h', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(dynamo.problems, ['Amazon DynamoDB Streams takes no AT_TIMESTAMP: the starting position is LATEST or TRIM_HORIZON.']);
	});

	it('reads Amazon MQ with the secret of its credentials (BASIC_AUTH), which it needs', () => {
		const broker = 'arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234';
		const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:mq-creds-AbCdEf';
		const reading = readMappingForm('mq', {source: broker, queue: 'orders', secret, enabled: 'yes'}, 'orders', now);
		assert.deepEqual(reading.problems, []);
		assert.deepEqual(reading.request, {functionName: 'orders', eventSourceArn: broker, queue: 'orders', sourceAccessConfigurations: [{type: 'BASIC_AUTH', uri: secret}], enabled: true});
		const missing = readMappingForm('mq', {source: broker, queue: 'orders', secret: '', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(missing.problems, [
			'Give the Secret ARN of the credentials: Amazon MQ needs BASIC_AUTH with a Secrets Manager secret, arn:aws:secretsmanager:<region>:<account>:secret:<name>.',
		]);
		const shape = readMappingForm('mq', {source: broker, queue: 'orders', secret: 'arn:aws:ssm:us-east-1:123456789012:parameter/x', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(shape.problems, ["'arn:aws:ssm:us-east-1:123456789012:parameter/x' is not a Secret ARN: write arn:aws:secretsmanager:<region>:<account>:secret:<name>."]);
	});

	it('reads DocumentDB: the database (required), a collection, the secret and a starting position', () => {
		const cluster = 'arn:aws:rds:us-east-1:123456789012:cluster:shop';
		const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:docdb';
		const reading = readMappingForm('docdb', {source: cluster, database: 'shop', collection: 'orders', secret, startingPosition: 'TRIM_HORIZON', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(reading.problems, []);
		assert.deepEqual(reading.request.documentDb, {databaseName: 'shop', collectionName: 'orders'});
		assert.deepEqual(reading.request.sourceAccessConfigurations, [{type: 'BASIC_AUTH', uri: secret}]);
		const all = readMappingForm('docdb', {source: cluster, database: 'shop', collection: '', secret, startingPosition: 'LATEST', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(all.request.documentDb, {databaseName: 'shop'});
		const bad = readMappingForm('docdb', {source: cluster, database: '', collection: 'system.users', secret: '', startingPosition: 'LATEST', enabled: 'yes'}, 'orders', now);
		assert.deepEqual(bad.problems, [
			'Give the database to read: Amazon DocumentDB needs one (up to 63 characters, without spaces, /, ., $ or ").',
			"'system.users' is not a collection name: up to 57 characters, starting with a letter, digit or _, without $, not system.*; or leave it empty for all.",
			'Give the Secret ARN of the credentials: Amazon DocumentDB needs BASIC_AUTH with a Secrets Manager secret, arn:aws:secretsmanager:<region>:<account>:secret:<name>.',
		]);
		assert.deepEqual(readMappingForm('docdb', {source: cluster, database: 'my.db', secret, startingPosition: 'LATEST', enabled: 'yes'}, 'orders', now).problems, [
			"'my.db' is not a database name: up to 63 characters, without spaces, /, ., $ or \".",
		]);
	});

	it('reads self-managed Kafka with SASL/SCRAM and its secret; no secret without an authentication', () => {
		const secret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka-user';
		const base = {servers: 'b-1.example.com:9096', topic: 'payments', startingPosition: 'LATEST', enabled: 'yes'};
		const scram = readMappingForm('kafka', {...base, auth: 'SASL_SCRAM_512_AUTH', secret}, 'orders', now);
		assert.deepEqual(scram.problems, []);
		assert.deepEqual(scram.request.sourceAccessConfigurations, [{type: 'SASL_SCRAM_512_AUTH', uri: secret}]);
		const none = readMappingForm('kafka', {...base, auth: 'none', secret: ''}, 'orders', now);
		assert.deepEqual(none.problems, []);
		assert.equal(none.request.sourceAccessConfigurations, undefined);
		assert.deepEqual(readMappingForm('kafka', {...base, auth: 'BASIC_AUTH', secret: ''}, 'orders', now).problems, [
			'Give the Secret ARN for BASIC_AUTH: arn:aws:secretsmanager:<region>:<account>:secret:<name>.',
		]);
		assert.deepEqual(readMappingForm('kafka', {...base, auth: 'none', secret}, 'orders', now).problems, [
			'A secret is read only with an authentication: choose BASIC_AUTH, SASL_SCRAM_256_AUTH or SASL_SCRAM_512_AUTH, or clear the Secret ARN.',
		]);
	});

	it('edits an Amazon MQ or DocumentDB mapping, checked with the BASIC_AUTH and database it has', () => {
		const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:mq';
		const broker = editable({kind: 'mq', eventSourceArn: 'arn:aws:mq:us-east-1:123456789012:broker:jobs:b-1', queues: ['jobs'], batchSize: 100, batchingWindowSeconds: undefined});
		const withAuth = readEditForm({...broker, sourceAccess: [{type: 'BASIC_AUTH', uri: secret}]}, {batchSize: '50', window: '', filter: ''}, now);
		assert.deepEqual(withAuth, {request: {batchSize: 50}, problems: []});
		const cluster = editable({kind: 'docdb', eventSourceArn: 'arn:aws:rds:us-east-1:123456789012:cluster:shop', startingPosition: 'LATEST', batchSize: 100, batchingWindowSeconds: undefined});
		const docdb = readEditForm(
			{...cluster, sourceAccess: [{type: 'BASIC_AUTH', uri: secret}], documentDb: {databaseName: 'shop', collectionName: undefined, fullDocument: 'Default'}},
			{batchSize: '10', window: '', filter: ''},
			now,
		);
		assert.deepEqual(docdb, {request: {batchSize: 10}, problems: []});
	});

	it('writes out how a mapping reaches its source: the authentication, VPC and DocumentDB database', () => {
		assert.deepEqual(
			accessLines(
				[
					{type: 'BASIC_AUTH', uri: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:mq-creds'},
					{type: 'VIRTUAL_HOST', uri: '/'},
				],
				undefined,
			),
			[
				['Auth', 'BASIC_AUTH (secret mq-creds)'],
				['Virtual host', '/'],
			],
		);
		assert.deepEqual(
			accessLines(
				[
					{type: 'VPC_SUBNET', uri: 'subnet:subnet-1a'},
					{type: 'VPC_SECURITY_GROUP', uri: 'security_group:sg-2b'},
				],
				{databaseName: 'shop', collectionName: undefined, fullDocument: 'Default'},
			),
			[
				['VPC', 'subnet-1a, sg-2b'],
				['Database', 'shop · all collections · Default'],
			],
		);
	});

	it('reads filters: one pattern, a list of them, at most 5, each an event pattern', () => {
		assert.deepEqual(parseFilters(''), {filters: [], problem: undefined});
		assert.deepEqual(parseFilters('[{"a": [1]}, {"b": ["x"]}]'), {filters: ['{"a":[1]}', '{"b":["x"]}'], problem: undefined});
		assert.equal(parseFilters('[{"a":[1]},{"a":[1]},{"a":[1]},{"a":[1]},{"a":[1]},{"a":[1]}]').problem, 'At most 5 filters per trigger: this has 6.');
		assert.match(parseFilters('{"a": 1}').problem ?? '', /is not a filter pattern: write a JSON event pattern like/);
		assert.equal(filtersText(['{"a":[1]}', '{"b":["x"]}']), '[{"a":[1]}, {"b":["x"]}]');
		assert.deepEqual(parseFilters(filtersText(['{"a":[1]}', '{"b":["x"]}'])).filters, ['{"a":[1]}', '{"b":["x"]}']);
	});

	it('reads a push trigger into AddPermission for the service, with the statement ID the console would give', () => {
		assert.equal(generatedStatementId('0f8e'), 'lambda-0f8e');
		const reading = readPushForm(pushOption('s3'), {sourceArn: 'arn:aws:s3:::uploads', sourceAccount: '123456789012', sid: 'lambda-0f8e'});
		assert.deepEqual(reading.problems, []);
		assert.equal(newPushName(reading.request), 'S3 uploads');
		assert.deepEqual(reading.request, {
			statementId: 'lambda-0f8e',
			action: 'lambda:InvokeFunction',
			principal: 's3.amazonaws.com',
			sourceArn: 'arn:aws:s3:::uploads',
			sourceAccount: '123456789012',
		});
	});

	it("refuses a push trigger without its source, another service's ARN, a bad account or principal", () => {
		assert.deepEqual(readPushForm(pushOption('sns'), {sourceArn: '', sid: 'x'}).problems, [
			'Give the source ARN, so only that source may invoke: arn:aws:sns:<region>:<account>:<topic>.',
		]);
		assert.deepEqual(readPushForm(pushOption('sns'), {sourceArn: 'arn:aws:s3:::uploads', sourceAccount: '12', sid: 'x'}).problems, [
			"'arn:aws:s3:::uploads' is not an ARN of Amazon SNS: write arn:aws:sns:<region>:<account>:<topic>.",
			"'12' is not an account ID: write its 12 digits.",
		]);
		assert.deepEqual(readPushForm(pushOption('other'), {principal: '123456789012', sid: 'x'}).problems, [
			"'123456789012' is not a service principal: write the service's, like states.amazonaws.com (accounts and roles belong in Permissions).",
		]);
		assert.deepEqual(readPushForm(pushOption('other'), {principal: 'states.amazonaws.com', sid: ''}).problems, ['Give the statement an ID: letters, digits, - and _.']);
	});

	it('names a conflict with a trigger that reads the same source', () => {
		assert.equal(
			mappingConflict([mapping()], {eventSourceArn: queueArn}),
			'This function already has a trigger from that source (11111111-2222-3333-4444-555555555555, Enabled): edit it with e, or delete it first.',
		);
		assert.equal(mappingConflict([mapping()], {eventSourceArn: `${queueArn}-2`}), undefined);
		assert.match(statementConflict(policy([{Sid: 'lambda-1', Effect: 'Allow', Principal: {Service: 's3.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: fn}]), 'lambda-1') ?? '', /lambda-1 is taken/);
	});
});

describe('the Edit trigger form', () => {
	it("holds the mapping's settings, and sends only what changed", () => {
		const current = editable({batchSize: 10, batchingWindowSeconds: 0, filters: ['{"a":[1]}']});
		assert.deepEqual(editFormFields(current).map((field) => [field.id, field.value]), [
			['batchSize', '10'],
			['window', '0'],
			['filter', '{"a":[1]}'],
		]);
		assert.deepEqual(readEditForm(current, {batchSize: '10', window: '0', filter: '{"a":[1]}'}, now), {request: {}, problems: []});
		assert.deepEqual(readEditForm(current, {batchSize: '50', window: '2', filter: ''}, now), {request: {batchSize: 50, batchingWindowSeconds: 2, filters: []}, problems: []});
	});

	it('checks the mapping as it would be, with the limits named', () => {
		const current = editable();
		assert.deepEqual(readEditForm(current, {batchSize: '50', window: '0', filter: ''}, now).problems, [
			'A batch size over 10 needs a batching window of at least 1 second for Amazon SQS: set one from 1 to 300.',
		]);
		assert.deepEqual(readEditForm(current, {batchSize: '10001', window: '1', filter: ''}, now).problems, [
			'Batch size 10001 is over the limit of 10000 for Amazon SQS: use 1 to 10000 (default 10).',
		]);
	});

	it('changes and removes a stream\'s on-failure destination, its starting position kept', () => {
		const stream = editable({kind: 'kinesis', eventSourceArn: streamArn, batchSize: 100, startingPosition: 'LATEST', onFailureDestination: 'arn:aws:sqs:us-east-1:123456789012:dlq'});
		assert.equal(editFormFields(stream).at(-1)?.id, 'onFailure');
		assert.deepEqual(readEditForm(stream, {batchSize: '100', window: '0', filter: '', onFailure: ''}, now), {request: {onFailureDestination: ''}, problems: []});
	});
});
