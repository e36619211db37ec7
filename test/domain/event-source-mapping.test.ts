// The pure rules of event source mappings: the kind of source an ARN names,
// the limits per kind, and the problems of a request in Lambda's words.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	constraintProblems,
	describeLimits,
	isFifoQueue,
	isFilterPattern,
	mappingKindOf,
	problems,
	ruleProblems,
	sourceKindOf,
	sourceLimits,
} from '../../source/domain/event-source-mapping.js';
import {summarizeProblems} from '../../source/domain/validate.js';

const now = Date.UTC(2025, 0, 1);
const stream = 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks';
const queue = 'arn:aws:sqs:us-east-1:123456789012:orders';

function answer(input: Parameters<typeof problems>[0]): {code: string; message: string} | undefined {
	return summarizeProblems(problems(input, now));
}

describe('sourceKindOf', () => {
	it('tells the kind of source from its ARN', () => {
		assert.equal(sourceKindOf(queue), 'sqs');
		assert.equal(sourceKindOf(stream), 'kinesis');
		assert.equal(sourceKindOf('arn:aws:kinesis:us-east-1:123456789012:stream/clicks/consumer/app:1700000000'), 'kinesis');
		assert.equal(sourceKindOf('arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000'), 'dynamodb');
		assert.equal(sourceKindOf('arn:aws:kafka:us-east-1:123456789012:cluster/events/abcd'), 'msk');
		assert.equal(sourceKindOf('arn:aws:mq:us-east-1:123456789012:broker:jobs:b-1234'), 'mq');
		assert.equal(sourceKindOf('arn:aws:rds:us-east-1:123456789012:cluster:catalog'), 'docdb');
	});

	it('knows no other source', () => {
		assert.equal(sourceKindOf('arn:aws:dynamodb:us-east-1:123456789012:table/orders'), undefined);
		assert.equal(sourceKindOf('arn:aws:s3:::bucket'), undefined);
		assert.equal(sourceKindOf('queue'), undefined);
	});

	it('reads self-managed Kafka from its bootstrap servers, and FIFO queues from their name', () => {
		assert.equal(mappingKindOf({bootstrapServers: ['kafka:9092']}), 'kafka');
		assert.equal(mappingKindOf({}), undefined);
		assert.equal(isFifoQueue(`${queue}.fifo`), true);
		assert.equal(isFifoQueue(queue), false);
	});
});

describe('limits per kind of source', () => {
	it('has the batch size defaults Lambda documents', () => {
		assert.equal(sourceLimits.sqs.batchSizeDefault, 10);
		for (const kind of ['kinesis', 'dynamodb', 'msk', 'kafka', 'mq', 'docdb'] as const) assert.equal(sourceLimits[kind].batchSizeDefault, 100);
		for (const kind of ['sqs', 'kinesis', 'dynamodb', 'msk', 'kafka', 'mq', 'docdb'] as const) assert.equal(sourceLimits[kind].batchSizeMax, 10_000);
	});

	it('says in words what a kind takes', () => {
		assert.deepEqual(describeLimits('sqs', true).slice(0, 2), ['Batch size 1-10 (default 10)', 'No batching window (FIFO queue)']);
		assert.ok(describeLimits('dynamodb').includes('Starting position required: LATEST or TRIM_HORIZON'));
		assert.ok(describeLimits('kinesis').includes('Parallelization factor 1-10'));
		assert.ok(!describeLimits('mq').some((line) => line.startsWith('Parallelization')));
	});
});

describe('constraint problems', () => {
	it('reports every constraint of the model at once', () => {
		const found = constraintProblems({functionName: 'orders', batchSize: 10_001, maximumRetryAttempts: -2, tumblingWindowInSeconds: 901, startingPosition: 'FIRST'});
		assert.deepEqual(
			found.map((problem) => problem.member),
			['batchSize', 'maximumRetryAttempts', 'tumblingWindowInSeconds', 'startingPosition'],
		);
		assert.equal(
			summarizeProblems(found)?.message.split(';')[0],
			"4 validation errors detected: Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000",
		);
	});

	it('needs a function name on create only', () => {
		assert.equal(constraintProblems({eventSourceArn: queue})[0]?.message, "Value null at 'functionName' failed to satisfy constraint: Member must not be null");
		assert.deepEqual(constraintProblems({}, 'update'), []);
	});

	it('checks topics, queues, response types and bootstrap servers', () => {
		const found = constraintProblems({
			functionName: 'f',
			topics: ['orders', 'payments'],
			queues: [],
			functionResponseTypes: ['Everything'],
			bootstrapServers: ['no port'],
		});
		assert.deepEqual(
			found.map((problem) => problem.member),
			['functionResponseTypes.1.member', 'topics', 'queues', 'selfManagedEventSource.endpoints.KAFKA_BOOTSTRAP_SERVERS.member'],
		);
	});
});

describe('rule problems', () => {
	it('accepts a plain mapping of each kind', () => {
		assert.deepEqual(problems({functionName: 'f', eventSourceArn: queue}, now), []);
		assert.deepEqual(problems({functionName: 'f', eventSourceArn: stream, startingPosition: 'LATEST'}, now), []);
		assert.deepEqual(problems({functionName: 'f', bootstrapServers: ['kafka-1:9092'], topics: ['orders'], startingPosition: 'LATEST'}, now), []);
		const basicAuth = [{type: 'BASIC_AUTH', uri: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:mq'}];
		assert.deepEqual(problems({functionName: 'f', eventSourceArn: 'arn:aws:mq:us-east-1:123456789012:broker:b:b-1', queues: ['q'], sourceAccessConfigurations: basicAuth}, now), []);
	});

	it('requires a starting position for streams and refuses one for SQS', () => {
		assert.equal(answer({functionName: 'f', eventSourceArn: queue, startingPosition: 'LATEST'})?.message, 'StartingPosition is not valid for SQS event sources.');
		assert.equal(answer({functionName: 'f', eventSourceArn: stream})?.code, 'InvalidParameterValueException');
	});

	it('takes AT_TIMESTAMP with a timestamp in the past, and not for DynamoDB Streams', () => {
		const at = {functionName: 'f', eventSourceArn: stream, startingPosition: 'AT_TIMESTAMP'};
		assert.deepEqual(problems({...at, startingPositionTimestamp: now / 1000 - 60}, now), []);
		assert.equal(answer(at)?.message, 'Need to specify a timestamp');
		assert.equal(answer({...at, startingPositionTimestamp: now / 1000 + 60})?.message, 'StartingPositionTimestamp cannot be in the future.');
		const table = 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x';
		assert.equal(answer({...at, eventSourceArn: table, startingPositionTimestamp: 1})?.message, `Unsupported starting position for arn type: ${table}`);
	});

	it('limits SQS batches: a window above 10 records, at most 10 and no window for FIFO', () => {
		assert.match(answer({functionName: 'f', eventSourceArn: queue, batchSize: 11})?.message ?? '', /batch window in seconds must be greater than 0/);
		assert.deepEqual(problems({functionName: 'f', eventSourceArn: queue, batchSize: 10_000, maximumBatchingWindowInSeconds: 1}, now), []);
		assert.equal(answer({functionName: 'f', eventSourceArn: `${queue}.fifo`, batchSize: 20})?.message, 'Maximum batch size must be between 1 and 10 inclusive');
	});

	it('refuses settings the kind does not take, naming the parameter', () => {
		assert.equal(
			ruleProblems({eventSourceArn: queue, tumblingWindowInSeconds: 30})[0]?.message,
			'Unsupported TumblingWindowInSeconds parameter for given event source mapping type.',
		);
		assert.equal(
			ruleProblems({eventSourceArn: 'arn:aws:rds:us-east-1:123456789012:cluster:c', startingPosition: 'LATEST', functionResponseTypes: ['ReportBatchItemFailures']})[0]
				?.message,
			'Unsupported FunctionResponseTypes parameter for given event source mapping type.',
		);
	});

	it('takes only SQS, SNS and S3 on-failure destinations (and Kafka topics for Kafka)', () => {
		const base = {functionName: 'f', eventSourceArn: stream, startingPosition: 'LATEST'};
		assert.deepEqual(problems({...base, onFailureDestination: 'arn:aws:sns:us-east-1:123456789012:alerts'}, now), []);
		assert.match(answer({...base, onFailureDestination: 'arn:aws:lambda:us-east-1:123456789012:function:f'})?.message ?? '', /destination config .* is invalid/);
		assert.match(answer({...base, onFailureDestination: 'kafka://failures'})?.message ?? '', /is invalid/);
		const kafka = {functionName: 'f', bootstrapServers: ['k:9092'], topics: ['orders'], startingPosition: 'LATEST'};
		assert.deepEqual(problems({...kafka, onFailureDestination: 'kafka://failures'}, now), []);
	});

	it('takes up to 5 filters, each an event pattern', () => {
		const filters = (count: number): string[] => Array.from({length: count}, () => '{"body":{"kind":["a"]}}');
		assert.deepEqual(problems({functionName: 'f', eventSourceArn: queue, filters: filters(5)}, now), []);
		assert.match(answer({functionName: 'f', eventSourceArn: queue, filters: filters(6)})?.message ?? '', /at most 5 filters/);
		assert.equal(isFilterPattern('{"body":{"price":[{"numeric":[">",10]}]}}'), true);
		assert.equal(isFilterPattern('{"body":{"kind":"a"}}'), false);
		assert.equal(isFilterPattern('[1]'), false);
		assert.equal(isFilterPattern('{'), false);
	});

	it('takes -1 or at least 60 seconds as maximum record age', () => {
		const base = {functionName: 'f', eventSourceArn: stream, startingPosition: 'LATEST'};
		assert.deepEqual(problems({...base, maximumRecordAgeInSeconds: -1}, now), []);
		assert.deepEqual(problems({...base, maximumRecordAgeInSeconds: 60}, now), []);
		assert.match(answer({...base, maximumRecordAgeInSeconds: 59})?.message ?? '', /-1 \(infinite\) or between 60 and 604800/);
	});
});
