// The local Lambda's event queue, driven directly on a ManualClock with a
// scripted run(): retries after function errors with Lambda's delays, the
// back-off while throttled, the event age limit, the invocation records sent
// to destinations (a Lambda function destination is invoked for real; SQS,
// SNS, EventBridge and S3 records are kept in the destinations log group),
// dead-letter queues, and the asynchronous invocation metrics.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, it} from 'node:test';
import {ManualClock} from '../../source/mock/clock.js';
import {LambdaError} from '../../source/mock/lambda/errors.js';
import {putEventInvokeConfig} from '../../source/mock/lambda/event-invoke-configs.js';
import {EventQueue, destinationsLogGroup, type AttemptResult, type EventQueueOptions, type QueuedEvent} from '../../source/mock/lambda/event-queue.js';
import {LayerService} from '../../source/mock/lambda/layers.js';
import {LambdaService} from '../../source/mock/lambda/service.js';
import type {LogEventInput, LogSink} from '../../source/mock/logs/log-sink.js';
import type {MetricDatum, MetricSink} from '../../source/mock/metrics/metric-sink.js';
import {ThrottleError, type InvocationOutcome} from '../../source/mock/runtime/types.js';
import {zipFiles} from '../../source/domain/code-package.js';
import {FunctionStore} from '../../source/mock/store/function-store.js';

const region = 'us-east-1';
const accountId = '123456789012';
const arn = (name: string): string => `arn:aws:lambda:${region}:${accountId}:function:${name}`;
const start = Date.UTC(2026, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString();

type Step = 'ok' | 'error' | 'throttle' | 'reserved-zero' | 'gone' | 'system';

interface Call {
	event: QueuedEvent;
	at: number;
}

interface Appended {
	group: string;
	stream: string;
	events: readonly LogEventInput[];
}

class RecordingLogs implements LogSink {
	readonly appended: Appended[] = [];

	append(group: string, stream: string, events: readonly LogEventInput[]): void {
		this.appended.push({group, stream, events});
	}

	/** The messages kept for a destination stream, parsed. */
	messages(stream: string): unknown[] {
		return this.appended
			.filter((entry) => entry.group === destinationsLogGroup && entry.stream === stream)
			.flatMap((entry) => entry.events.map((event) => JSON.parse(event.message) as unknown));
	}
}

class RecordingMetrics implements MetricSink {
	readonly data: MetricDatum[] = [];

	put(datum: MetricDatum): void {
		this.data.push(datum);
	}

	/** The values of a metric for exactly these dimensions. */
	values(name: string, dimensions: Record<string, string>): number[] {
		return this.data
			.filter((datum) => datum.name === name && JSON.stringify(datum.dimensions) === JSON.stringify(dimensions))
			.map((datum) => datum.value);
	}
}

function outcome(requestId: string, failed: boolean): InvocationOutcome {
	const result: InvocationOutcome = {
		requestId,
		payload: Buffer.from(failed ? '{"errorType":"Error","errorMessage":"boom","trace":["Error: boom"]}' : '{"ok":true}'),
		logTail: '',
		durationMs: 12,
		billedDurationMs: 12,
		maxMemoryUsedMb: 64,
	};
	if (failed) result.errorType = 'Error';
	return result;
}

/**
 * The invocation record Lambda sends to a destination for request-1 of
 * "orders", after `result`: what run() answers when it succeeds or fails, or
 * no answer at all when every try was throttled.
 */
function invocationRecord(
	condition: string,
	approximateInvokeCount: number,
	at: number,
	result: 'ok' | 'error' | 'throttled',
	requestPayload: unknown = {order: 42},
): Record<string, unknown> {
	const record: Record<string, unknown> = {
		version: '1.0',
		timestamp: iso(at),
		requestContext: {requestId: 'request-1', functionArn: `${arn('orders')}:$LATEST`, condition, approximateInvokeCount},
		requestPayload,
		responseContext:
			result === 'throttled'
				? {statusCode: 429}
				: result === 'ok'
					? {statusCode: 200, executedVersion: '$LATEST'}
					: {statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled'},
	};
	if (result === 'ok') record['responsePayload'] = {ok: true};
	if (result === 'error') record['responsePayload'] = {errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom']};
	return record;
}

interface Setup {
	service: LambdaService;
	queue: EventQueue;
	clock: ManualClock;
	logs: RecordingLogs;
	metrics: RecordingMetrics;
	calls: Call[];
	/** Steps run() takes for a function, in order; 'ok' when none are left. */
	script: Map<string, Step[]>;
	/** The version run() reports as executed, by the qualifier invoked. */
	executed: Map<string, string>;
	create(name: string, extra?: Record<string, unknown>): Promise<void>;
	configure(name: string, settings: Record<string, unknown>, qualifier?: string): Promise<void>;
	event(name: string, qualifier?: string, payload?: unknown): QueuedEvent;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(options: Partial<EventQueueOptions> = {}): Promise<Setup> {
	const dir = await mkdtemp(join(tmpdir(), 'lambdash-queue-'));
	const store = await FunctionStore.open(dir);
	const layers = await LayerService.open({dataDir: dir, region, accountId});
	const service = new LambdaService({store, region, accountId, transitionDelayMs: 0, codeUrl: () => '', layers});
	const clock = new ManualClock(start);
	const logs = new RecordingLogs();
	const metrics = new RecordingMetrics();
	const calls: Call[] = [];
	const script = new Map<string, Step[]>();
	const executed = new Map<string, string>();
	let requestIds = 0;
	const run = async (event: QueuedEvent): Promise<AttemptResult> => {
		calls.push({event, at: clock.now()});
		const step = script.get(event.functionName)?.shift() ?? 'ok';
		if (step === 'throttle') throw new ThrottleError('ConcurrentInvocationLimitExceeded');
		if (step === 'reserved-zero') throw new ThrottleError('ReservedFunctionConcurrentInvocationLimitExceeded');
		if (step === 'gone') throw new LambdaError('ResourceNotFoundException', `Function not found: ${arn(event.functionName)}`);
		if (step === 'system') throw new LambdaError('ServiceException', 'The local Lambda hit an internal error.');
		return {
			outcome: outcome(event.requestId, step === 'error'),
			executedVersion: executed.get(event.qualifier ?? '$LATEST') ?? '$LATEST',
			functionArn: `${arn(event.functionName)}${event.qualifier === undefined ? '' : `:${event.qualifier}`}`,
		};
	};
	const queue = new EventQueue({clock, metrics, logs, service, run, newRequestId: () => `destination-${++requestIds}`, ...options});
	cleanups.push(async () => {
		queue.close();
		service.close();
		await store.flush();
		await layers.close();
		await rm(dir, {recursive: true, force: true});
	});
	let events = 0;
	return {
		service,
		queue,
		clock,
		logs,
		metrics,
		calls,
		script,
		executed,
		async create(name, extra = {}) {
			const zip = Buffer.from(zipFiles({'index.mjs': 'export const handler = async () => ({ok: true});\n'})).toString('base64');
			await service.createFunction(
				{FunctionName: name, Runtime: 'nodejs22.x', Role: `arn:aws:iam::${accountId}:role/test`, Handler: 'index.handler', Code: {ZipFile: zip}, ...extra},
				{initialState: 'Active'},
			);
		},
		async configure(name, settings, qualifier) {
			await putEventInvokeConfig(service, name, qualifier, Buffer.from(JSON.stringify(settings)));
		},
		event(name, qualifier, payload = {order: 42}) {
			events += 1;
			const event: QueuedEvent = {requestId: `request-${events}`, functionName: name, payload: Buffer.from(JSON.stringify(payload)), receivedAt: clock.now()};
			if (qualifier !== undefined) event.qualifier = qualifier;
			return event;
		},
	};
}

describe('the event queue', () => {
	it('runs an event soon after it is queued and sends the success record to the OnSuccess queue', async () => {
		const t = await setup();
		await t.create('orders');
		await t.configure('orders', {DestinationConfig: {OnSuccess: {Destination: `arn:aws:sqs:${region}:${accountId}:orders-done`}}});
		t.queue.enqueue(t.event('orders'));
		assert.equal(t.queue.size, 1);
		assert.equal(t.calls.length, 0, 'not run within enqueue');
		await t.clock.advance(0);
		assert.equal(t.calls.length, 1);
		assert.equal(t.calls[0]?.at, start);
		assert.equal(t.queue.size, 0);
		assert.deepEqual(t.logs.messages('sqs/orders-done'), [invocationRecord('Success', 1, start, 'ok')]);
		assert.deepEqual(t.metrics.values('AsyncEventsReceived', {FunctionName: 'orders'}), [1]);
		assert.deepEqual(t.metrics.values('AsyncEventAge', {FunctionName: 'orders'}), [0]);
		assert.deepEqual(t.metrics.values('AsyncEventsDropped', {FunctionName: 'orders'}), []);
		assert.ok(t.metrics.data.every((datum) => datum.namespace === 'AWS/Lambda'));
		assert.equal(t.metrics.data.find((datum) => datum.name === 'AsyncEventAge')?.unit, 'Milliseconds');
	});

	it('retries a failed event twice, 1 and then 2 minutes later, then sends it to OnFailure and the dead-letter queue', async () => {
		const t = await setup();
		await t.create('orders', {DeadLetterConfig: {TargetArn: `arn:aws:sqs:${region}:${accountId}:orders-dlq`}});
		await t.configure('orders', {DestinationConfig: {OnFailure: {Destination: `arn:aws:sns:${region}:${accountId}:orders-failed`}}});
		t.script.set('orders', ['error', 'error', 'error']);
		t.queue.enqueue(t.event('orders', undefined, {order: 7}));
		await t.clock.advance(0);
		assert.equal(t.calls.length, 1);
		await t.clock.advance(59_999);
		assert.equal(t.calls.length, 1, 'no retry before a minute');
		await t.clock.advance(1);
		assert.equal(t.calls.length, 2);
		await t.clock.advance(119_999);
		assert.equal(t.calls.length, 2, 'no second retry before two more minutes');
		assert.deepEqual(t.logs.messages('sns/orders-failed'), [], 'nothing sent while retries are left');
		await t.clock.advance(1);
		assert.deepEqual(
			t.calls.map((call) => call.at - start),
			[0, 60_000, 180_000],
		);
		assert.ok(t.calls.every((call) => call.event.requestId === 'request-1'), 'every attempt has the request ID');
		await t.clock.advance(3_600_000);
		assert.equal(t.calls.length, 3, 'no more attempts');
		assert.equal(t.queue.size, 0);
		assert.deepEqual(t.logs.messages('sns/orders-failed'), [invocationRecord('RetriesExhausted', 3, start + 180_000, 'error', {order: 7})]);
		assert.deepEqual(t.logs.messages('sqs/orders-dlq'), [
			{
				Body: '{"order":7}',
				MessageAttributes: {
					RequestID: {DataType: 'String', StringValue: 'request-1'},
					ErrorCode: {DataType: 'Number', StringValue: '200'},
					ErrorMessage: {DataType: 'String', StringValue: 'boom'},
				},
			},
		]);
		assert.deepEqual(t.metrics.values('AsyncEventAge', {FunctionName: 'orders'}), [0, 60_000, 180_000]);
		assert.deepEqual(t.metrics.values('AsyncEventsDropped', {FunctionName: 'orders'}), [1]);
		assert.deepEqual(t.metrics.values('DestinationDeliveryFailures', {FunctionName: 'orders'}), []);
		assert.deepEqual(t.metrics.values('DeadLetterErrors', {FunctionName: 'orders'}), []);
	});

	it('retries as often as MaximumRetryAttempts says: 0 and 1', async () => {
		const t = await setup();
		await t.create('none');
		await t.create('once');
		await t.configure('none', {MaximumRetryAttempts: 0, DestinationConfig: {OnFailure: {Destination: `arn:aws:sqs:${region}:${accountId}:none`}}});
		await t.configure('once', {MaximumRetryAttempts: 1, DestinationConfig: {OnFailure: {Destination: `arn:aws:sqs:${region}:${accountId}:once`}}});
		t.script.set('none', ['error', 'error']);
		t.script.set('once', ['error', 'error', 'error']);
		t.queue.enqueue(t.event('none'));
		t.queue.enqueue(t.event('once'));
		await t.clock.advance(3_600_000);
		assert.deepEqual(t.calls.filter((call) => call.event.functionName === 'none').map((call) => call.at - start), [0]);
		assert.deepEqual(t.calls.filter((call) => call.event.functionName === 'once').map((call) => call.at - start), [0, 60_000]);
		const none = t.logs.messages('sqs/none') as Array<{requestContext: {approximateInvokeCount: number; condition: string}; timestamp: string}>;
		const once = t.logs.messages('sqs/once') as Array<{requestContext: {approximateInvokeCount: number; condition: string}; timestamp: string}>;
		assert.deepEqual(none.map((record) => [record.requestContext.condition, record.requestContext.approximateInvokeCount, record.timestamp]), [
			['RetriesExhausted', 1, iso(start)],
		]);
		assert.deepEqual(once.map((record) => [record.requestContext.condition, record.requestContext.approximateInvokeCount, record.timestamp]), [
			['RetriesExhausted', 2, iso(start + 60_000)],
		]);
	});

	it('a retry that succeeds sends a success record with the number of attempts', async () => {
		const t = await setup();
		await t.create('orders');
		await t.configure('orders', {DestinationConfig: {OnSuccess: {Destination: `arn:aws:sqs:${region}:${accountId}:done`}}});
		t.script.set('orders', ['error']);
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(60_000);
		const records = t.logs.messages('sqs/done') as Array<{requestContext: {condition: string; approximateInvokeCount: number}}>;
		assert.deepEqual(records.map((record) => record.requestContext), [
			{requestId: 'request-1', functionArn: `${arn('orders')}:$LATEST`, condition: 'Success', approximateInvokeCount: 2},
		]);
		assert.deepEqual(t.metrics.values('AsyncEventsDropped', {FunctionName: 'orders'}), []);
	});

	it('takes other retry delays when it is given them', async () => {
		const t = await setup({retryDelaysMs: [10, 20]});
		await t.create('orders');
		t.script.set('orders', ['error', 'error', 'error']);
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(1_000);
		assert.deepEqual(t.calls.map((call) => call.at - start), [0, 10, 30]);
	});

	it('drops an event when it is older than MaximumEventAgeInSeconds, with EventAgeExceeded, to an event bus', async () => {
		const t = await setup();
		await t.create('orders');
		const bus = `arn:aws:events:${region}:${accountId}:event-bus/default`;
		await t.configure('orders', {MaximumEventAgeInSeconds: 90, DestinationConfig: {OnFailure: {Destination: bus}}});
		t.script.set('orders', ['error', 'error', 'error']);
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(89_999);
		assert.equal(t.calls.length, 2);
		assert.deepEqual(t.logs.messages('events/default'), []);
		await t.clock.advance(1);
		await t.clock.advance(3_600_000);
		assert.deepEqual(t.calls.map((call) => call.at - start), [0, 60_000], 'the second retry would come after the event expired');
		const [sent, ...others] = t.logs.messages('events/default') as Array<Record<string, unknown>>;
		assert.equal(others.length, 0);
		assert.ok(sent !== undefined);
		assert.match(String(sent['id']), /^[0-9a-f-]{36}$/);
		assert.deepEqual({...sent, id: 'ID'}, {
			version: '0',
			id: 'ID',
			'detail-type': 'Lambda Function Invocation Result - Failure',
			source: 'lambda',
			account: accountId,
			time: '2026-01-01T00:01:30Z',
			region,
			resources: [bus, `${arn('orders')}:$LATEST`],
			detail: invocationRecord('EventAgeExceeded', 2, start + 90_000, 'error'),
		});
		assert.deepEqual(t.metrics.values('AsyncEventsDropped', {FunctionName: 'orders'}), [1]);
	});

	it('a throttled event waits with back-off from 1 second, and throttles are not failed attempts', async () => {
		const t = await setup();
		await t.create('orders');
		await t.configure('orders', {MaximumRetryAttempts: 0, DestinationConfig: {OnSuccess: {Destination: `arn:aws:sqs:${region}:${accountId}:done`}}});
		t.script.set('orders', ['throttle', 'throttle', 'system', 'throttle', 'ok']);
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(60_000);
		assert.deepEqual(t.calls.map((call) => call.at - start), [0, 1_000, 3_000, 7_000, 15_000]);
		const records = t.logs.messages('sqs/done') as Array<{requestContext: {condition: string; approximateInvokeCount: number}}>;
		assert.deepEqual(records.map((record) => [record.requestContext.condition, record.requestContext.approximateInvokeCount]), [['Success', 1]]);
		assert.deepEqual(t.metrics.values('AsyncEventAge', {FunctionName: 'orders'}), [15_000], 'only attempts that ran');
	});

	it('waits at most 5 minutes between throttled tries', async () => {
		const t = await setup();
		await t.create('orders');
		t.script.set('orders', Array.from({length: 12}, (): Step => 'throttle'));
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(3_600_000);
		const gaps = t.calls.slice(1).map((call, index) => call.at - (t.calls[index]?.at ?? 0));
		assert.deepEqual(gaps, [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000]);
	});

	it('an event throttled until it expires goes to OnFailure and the dead-letter topic without having run', async () => {
		const t = await setup();
		await t.create('orders', {DeadLetterConfig: {TargetArn: `arn:aws:sns:${region}:${accountId}:orders-dlq`}});
		await t.configure('orders', {MaximumEventAgeInSeconds: 60, DestinationConfig: {OnFailure: {Destination: `arn:aws:sqs:${region}:${accountId}:failed`}}});
		t.script.set('orders', Array.from({length: 20}, (): Step => 'throttle'));
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(600_000);
		assert.deepEqual(t.calls.map((call) => call.at - start), [0, 1_000, 3_000, 7_000, 15_000, 31_000]);
		assert.deepEqual(t.logs.messages('sqs/failed'), [invocationRecord('EventAgeExceeded', 0, start + 60_000, 'throttled')]);
		assert.deepEqual(t.logs.messages('sns/orders-dlq'), [
			{
				Message: '{"order":42}',
				MessageAttributes: {
					RequestID: {Type: 'String', Value: 'request-1'},
					ErrorCode: {Type: 'Number', Value: '429'},
					ErrorMessage: {Type: 'String', Value: 'Rate Exceeded.'},
				},
			},
		]);
		assert.deepEqual(t.metrics.values('AsyncEventAge', {FunctionName: 'orders'}), []);
		assert.deepEqual(t.metrics.values('AsyncEventsDropped', {FunctionName: 'orders'}), [1]);
	});

	it('with reserved concurrency 0, sends events on at once without retries', async () => {
		const t = await setup();
		await t.create('orders');
		await t.service.putFunctionConcurrency('orders', {ReservedConcurrentExecutions: 0});
		await t.configure('orders', {DestinationConfig: {OnFailure: {Destination: `arn:aws:sqs:${region}:${accountId}:failed`}}});
		t.script.set('orders', ['reserved-zero', 'reserved-zero']);
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(0);
		assert.equal(t.calls.length, 1);
		assert.equal(t.clock.waiting, 0);
		const records = t.logs.messages('sqs/failed') as Array<{requestContext: {condition: string; approximateInvokeCount: number}}>;
		assert.deepEqual(records.map((record) => [record.requestContext.condition, record.requestContext.approximateInvokeCount]), [['RetriesExhausted', 0]]);
		assert.deepEqual(t.metrics.values('AsyncEventsDropped', {FunctionName: 'orders'}), [1]);
	});

	it('invokes a Lambda function destination for real, asynchronously, with the record as its event', async () => {
		const t = await setup();
		await t.create('orders');
		await t.create('audit');
		await t.configure('orders', {DestinationConfig: {OnSuccess: {Destination: arn('audit')}, OnFailure: {Destination: `${arn('audit')}:$LATEST`}}});
		await t.configure('audit', {DestinationConfig: {OnSuccess: {Destination: `arn:aws:sqs:${region}:${accountId}:audited`}}});
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(0);
		assert.deepEqual(t.calls.map((call) => call.event.functionName), ['orders', 'audit']);
		const invoked = t.calls[1]?.event;
		assert.equal(invoked?.requestId, 'destination-1');
		assert.equal(invoked?.qualifier, undefined);
		assert.equal(invoked?.receivedAt, start);
		assert.deepEqual(JSON.parse(invoked?.payload.toString('utf8') ?? ''), invocationRecord('Success', 1, start, 'ok'));
		assert.deepEqual(t.metrics.values('AsyncEventsReceived', {FunctionName: 'audit'}), [1]);
		// The destination's own event is handled like any other: its success goes to its own destination.
		const audited = t.logs.messages('sqs/audited') as Array<{requestContext: {requestId: string}; requestPayload: {requestContext: {requestId: string}}}>;
		assert.deepEqual(audited.map((record) => [record.requestContext.requestId, record.requestPayload.requestContext.requestId]), [['destination-1', 'request-1']]);

		t.script.set('orders', ['error']);
		await t.configure('orders', {MaximumRetryAttempts: 0, DestinationConfig: {OnFailure: {Destination: `${arn('audit')}:$LATEST`}}});
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(0);
		const failure = t.calls[3]?.event;
		assert.equal(failure?.functionName, 'audit');
		assert.equal(failure?.qualifier, '$LATEST');
		const record = JSON.parse(failure?.payload.toString('utf8') ?? '') as {requestContext: {condition: string}};
		assert.equal(record.requestContext.condition, 'RetriesExhausted');
	});

	it('uses the settings, the Resource dimension and the version dead-letter queue of the alias invoked', async () => {
		const t = await setup();
		await t.create('orders', {DeadLetterConfig: {TargetArn: `arn:aws:sqs:${region}:${accountId}:dlq-v1`}});
		await t.service.publishVersion('orders', {});
		await t.service.createAlias('orders', {Name: 'live', FunctionVersion: '1'});
		await t.service.updateFunctionConfiguration('orders', {DeadLetterConfig: {TargetArn: `arn:aws:sqs:${region}:${accountId}:dlq-latest`}});
		await t.configure('orders', {MaximumRetryAttempts: 0}, 'live');
		t.executed.set('live', '1');
		t.script.set('orders', ['error', 'error', 'error']);
		t.queue.enqueue(t.event('orders', 'live'));
		await t.clock.advance(600_000);
		assert.equal(t.calls.length, 1, 'the alias allows no retries; $LATEST would');
		assert.equal(t.logs.messages('sqs/dlq-v1').length, 1);
		assert.deepEqual(t.logs.messages('sqs/dlq-latest'), []);
		const resource = {FunctionName: 'orders', Resource: 'orders:live'};
		assert.deepEqual(t.metrics.values('AsyncEventsReceived', resource), [1]);
		assert.deepEqual(t.metrics.values('AsyncEventAge', resource), [0]);
		assert.deepEqual(t.metrics.values('AsyncEventsDropped', resource), [1]);
		assert.deepEqual(t.metrics.values('AsyncEventsDropped', {FunctionName: 'orders'}), [1]);
	});

	it('counts records it cannot deliver: a FIFO queue, a function that is gone, a FIFO dead-letter queue', async () => {
		const t = await setup();
		await t.create('orders');
		// Lambda refuses a FIFO dead-letter queue in the configuration today; a function
		// whose record still names one (stored before that rule) must not lose count.
		const stored = t.service.store.get('orders');
		assert.ok(stored);
		t.service.store.set({...stored, deadLetterTargetArn: `arn:aws:sqs:${region}:${accountId}:dlq.fifo`});
		await t.create('audit');
		await t.configure('orders', {
			MaximumRetryAttempts: 0,
			DestinationConfig: {OnSuccess: {Destination: arn('audit')}, OnFailure: {Destination: `arn:aws:sqs:${region}:${accountId}:failed.fifo`}},
		});
		await t.service.deleteFunction('audit');
		t.script.set('orders', ['ok', 'error']);
		t.queue.enqueue(t.event('orders'));
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(0);
		assert.deepEqual(t.calls.map((call) => call.event.functionName), ['orders', 'orders']);
		assert.deepEqual(t.metrics.values('DestinationDeliveryFailures', {FunctionName: 'orders'}), [1, 1]);
		assert.deepEqual(t.metrics.values('DeadLetterErrors', {FunctionName: 'orders'}), [1]);
		assert.deepEqual(t.logs.appended, []);
	});

	it('drops the events of a function that no longer exists', async () => {
		const t = await setup();
		await t.create('orders');
		await t.configure('orders', {DestinationConfig: {OnFailure: {Destination: `arn:aws:sqs:${region}:${accountId}:failed`}}});
		t.script.set('orders', ['gone']);
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(600_000);
		assert.equal(t.calls.length, 1);
		assert.equal(t.queue.size, 0);
		assert.equal(t.clock.waiting, 0);
		assert.deepEqual(t.metrics.values('AsyncEventsDropped', {FunctionName: 'orders'}), [1]);
	});

	it('close() cancels the timers of the events still queued', async () => {
		const t = await setup();
		await t.create('orders');
		t.script.set('orders', ['error', 'error']);
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(0);
		assert.equal(t.clock.waiting, 1, 'the retry is waiting');
		t.queue.close();
		assert.equal(t.clock.waiting, 0);
		assert.equal(t.queue.size, 0);
		t.queue.enqueue(t.event('orders'));
		await t.clock.advance(600_000);
		assert.equal(t.calls.length, 1);
	});
});
