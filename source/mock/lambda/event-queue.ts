// Lambda's event queue: what happens to an event after an Event invoke was
// answered with 202, as Lambda documents it ("How Lambda handles errors and
// retries with asynchronous invocation", "Capturing records of Lambda
// asynchronous invocations").
//
// - An event runs soon after it is queued; events run side by side, as far as
//   run() finds concurrency.
// - A function error (the outcome has an errorType) is retried up to
//   MaximumRetryAttempts times (default 2): the first retry 1 minute after the
//   failed attempt, the second 2 minutes after the one before.
// - Throttled (no concurrency now) or refused by a system error (5xx, or a
//   $LATEST still Pending), the event goes back to the queue and is tried
//   again: 1 second later, then twice as long each time, at most 5 minutes.
//   That is not a failed attempt. With reserved concurrency 0, the event is
//   sent to the on-failure destination and dead-letter queue at once.
// - An event older than MaximumEventAgeInSeconds (default 6 hours) is not
//   tried again: it is dropped when it expires (condition EventAgeExceeded).
// - A function (or version, alias) that no longer exists drops its events.
// - The settings are the EventInvokeConfig of the qualifier the event was
//   invoked with (unqualified: $LATEST), read as of each step.
// - On success the OnSuccess destination gets an invocation record; an event
//   that exhausted its retries or expired counts as AsyncEventsDropped and
//   goes to the OnFailure destination and, in addition, to the dead-letter
//   queue of the version that ran (DeadLetterConfig.TargetArn).
//
// The invocation record, as Lambda sends it:
//   {"version":"1.0","timestamp":"2026-01-01T00:01:00.000Z",
//    "requestContext":{"requestId":...,"functionArn":"arn:...:function:NAME:$LATEST",
//                      "condition":"Success"|"RetriesExhausted"|"EventAgeExceeded",
//                      "approximateInvokeCount":3},
//    "requestPayload":<the event>,
//    "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
//    "responsePayload":<the function's response or error document>}
// An event that never ran (throttled until it expired) has no responsePayload,
// and its responseContext holds only the status Lambda got (429, or 5xx): the
// documentation shows no such record, this is the local Lambda's choice.
//
// Where the records go:
// - A Lambda function of this local Lambda: it is invoked for real, as an
//   asynchronous invocation (queued here) with the record as its event.
// - SQS queues, SNS topics, EventBridge event buses and S3 buckets do not exist
//   in the local Lambda: each record is kept as a log event in the log group
//   /lambdash-local/destinations, in the stream named after the target:
//   "sqs/<queue>", "sns/<topic>", "events/<bus>", "s3/<bucket>" (":" and "*",
//   which stream names cannot hold, become "_"). SQS, SNS and S3 get the record
//   itself; an event bus gets the EventBridge event Lambda puts on it
//   (source "lambda", detail-type "Lambda Function Invocation Result - Success"
//   or "- Failure", the record as detail).
// - A dead-letter queue (an SQS queue or SNS topic) gets the event as it came,
//   with the attributes Lambda adds (RequestID; ErrorCode, the HTTP status:
//   200 for a function error; ErrorMessage, its first 1 KB), in the same
//   streams, as the message a reader of that queue or topic sees:
//   SQS {"Body":...,"MessageAttributes":{"RequestID":{"DataType":"String","StringValue":...},...}},
//   SNS {"Message":...,"MessageAttributes":{"RequestID":{"Type":"String","Value":...},...}}.
// - A target that cannot receive (a FIFO queue or topic, a function that no
//   longer exists, a kind Lambda does not send to) counts as
//   DestinationDeliveryFailures, or DeadLetterErrors for a dead-letter queue.
//
// Metrics (AWS/Lambda, {FunctionName} and, for a qualified invoke, also
// {FunctionName, Resource: "name:qualifier"}): AsyncEventsReceived when an event
// is queued, AsyncEventAge (ms from queued to invoked) for each attempt that
// ran, AsyncEventsDropped, DestinationDeliveryFailures and DeadLetterErrors.
//
// The queue lives in memory: events still queued when the local Lambda stops
// are lost (Lambda's own queue is durable; this one is not). close() cancels
// every timer.

import {randomUUID} from 'node:crypto';
import {
	destinationStreamName,
	isFifoDestination,
	parseDestination,
	type DestinationTarget,
	type EffectiveAsyncSettings,
} from '../../domain/async-config.js';
import type {Clock, Timer} from '../clock.js';
import type {LogSink} from '../logs/log-sink.js';
import type {MetricSink} from '../metrics/metric-sink.js';
import {ThrottleError, type InvocationOutcome} from '../runtime/types.js';
import type {FunctionRecord} from '../store/records.js';
import {LambdaError} from './errors.js';
import {eventInvokeSettings, qualifierExists} from './event-invoke-configs.js';
import type {LambdaService} from './service.js';

/** An event accepted by an Event invoke (202). */
export interface QueuedEvent {
	requestId: string;
	/** The function's name, and the qualifier the caller named (undefined: unqualified). */
	functionName: string;
	qualifier?: string;
	payload: Buffer;
	/** Epoch ms when Lambda accepted it (AsyncEventAge is measured from here). */
	receivedAt: number;
}

export interface AttemptResult {
	outcome: InvocationOutcome;
	/** The version that ran ("$LATEST", "3"). */
	executedVersion: string;
	/** The ARN that was invoked, with the qualifier. */
	functionArn: string;
}

export interface EventQueueOptions {
	clock: Clock;
	metrics: MetricSink;
	logs: LogSink;
	service: LambdaService;
	/**
	 * Runs one attempt of an event, as a synchronous invoke would. Rejects with
	 * a ThrottleError (no concurrency now: the event waits and is tried again,
	 * this is not a failed attempt) or a LambdaError (the function or qualifier
	 * no longer exists: the event is dropped).
	 */
	run: (event: QueuedEvent) => Promise<AttemptResult>;
	/** The wait before each retry after a function error, ms; default Lambda's: 1 minute, then 2 minutes. */
	retryDelaysMs?: readonly number[];
	/** The first wait after a throttle or system error, ms, doubled each time; default 1 second. */
	throttleFirstDelayMs?: number;
	/** The longest wait after a throttle or system error, ms; default 5 minutes. */
	throttleMaxDelayMs?: number;
	/** Request IDs of the invocations of Lambda function destinations; default random UUIDs. */
	newRequestId?: () => string;
}

export type InvocationCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

/** Lambda's waits before the first and the second retry of a failed event. */
export const defaultRetryDelaysMs: readonly number[] = [60_000, 120_000];
export const defaultThrottleFirstDelayMs = 1_000;
export const defaultThrottleMaxDelayMs = 300_000;
/** The log group that keeps the records sent to SQS, SNS, EventBridge and S3 targets and dead-letter queues. */
export const destinationsLogGroup = '/lambdash-local/destinations';

const namespace = 'AWS/Lambda';
const errorMessageMaxBytes = 1024;

interface Refusal {
	/** The HTTP status Lambda got instead of running the function: 429 throttled, 5xx. */
	statusCode: number;
	message: string;
}

interface Entry {
	event: QueuedEvent;
	/** Attempts that ran the function. */
	attempts: number;
	/** Throttles and system errors in a row since the last attempt that ran. */
	refusals: number;
	last?: AttemptResult;
	lastRefusal?: Refusal;
	timer?: Timer;
}

/** The JSON a payload holds, or its text when it is not JSON; null when empty. */
function jsonOf(payload: Buffer): unknown {
	const text = payload.toString('utf8');
	if (text.trim() === '') return null;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function firstBytes(text: string, max: number): string {
	if (Buffer.byteLength(text, 'utf8') <= max) return text;
	let cut = text.slice(0, max);
	while (Buffer.byteLength(cut, 'utf8') > max) cut = cut.slice(0, -1);
	return cut;
}

/** A function error's message: the errorMessage of its error document, or the document itself. */
function errorMessageOf(outcome: InvocationOutcome): string {
	const document = jsonOf(outcome.payload);
	if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
		const message = (document as Record<string, unknown>)['errorMessage'];
		if (typeof message === 'string') return message;
	}
	return typeof document === 'string' ? document : JSON.stringify(document);
}

export class EventQueue {
	private readonly clock: Clock;
	private readonly metrics: MetricSink;
	private readonly logs: LogSink;
	private readonly service: LambdaService;
	private readonly run: (event: QueuedEvent) => Promise<AttemptResult>;
	private readonly retryDelaysMs: readonly number[];
	private readonly throttleFirstDelayMs: number;
	private readonly throttleMaxDelayMs: number;
	private readonly newRequestId: () => string;
	private readonly entries = new Set<Entry>();
	private closed = false;

	constructor(options: EventQueueOptions) {
		this.clock = options.clock;
		this.metrics = options.metrics;
		this.logs = options.logs;
		this.service = options.service;
		this.run = options.run;
		this.retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;
		this.throttleFirstDelayMs = options.throttleFirstDelayMs ?? defaultThrottleFirstDelayMs;
		this.throttleMaxDelayMs = options.throttleMaxDelayMs ?? defaultThrottleMaxDelayMs;
		this.newRequestId = options.newRequestId ?? randomUUID;
	}

	/** Events queued and not yet finished (waiting, or running now). */
	get size(): number {
		return this.entries.size;
	}

	enqueue(event: QueuedEvent): void {
		if (this.closed) return;
		this.metric(event, 'AsyncEventsReceived', 1, 'Count', this.clock.now());
		const entry: Entry = {event, attempts: 0, refusals: 0};
		this.entries.add(entry);
		this.schedule(entry, 0);
	}

	close(): void {
		this.closed = true;
		for (const entry of this.entries) entry.timer?.cancel();
		this.entries.clear();
	}

	// ---- the life of an event -----------------------------------------------

	private settings(event: QueuedEvent): EffectiveAsyncSettings {
		return eventInvokeSettings(this.service.store.get(event.functionName), event.qualifier);
	}

	/** The next step in `delayMs`, or when the event expires if that comes first. */
	private schedule(entry: Entry, delayMs: number): void {
		const expiresAt = entry.event.receivedAt + this.settings(entry.event).maximumEventAgeInSeconds * 1000;
		const wait = Math.max(0, Math.min(delayMs, expiresAt - this.clock.now()));
		entry.timer = this.clock.setTimer(() => this.step(entry), wait);
	}

	private step(entry: Entry): void {
		entry.timer = undefined;
		if (this.closed || !this.entries.has(entry)) return;
		const started = this.clock.now();
		if (started - entry.event.receivedAt >= this.settings(entry.event).maximumEventAgeInSeconds * 1000) {
			this.finish(entry, 'EventAgeExceeded');
			return;
		}
		let running: Promise<AttemptResult>;
		try {
			running = this.run(entry.event);
		} catch (error) {
			running = Promise.reject(error);
		}
		running
			.then(
				(result) => this.ran(entry, result, started),
				(error: unknown) => this.refused(entry, error),
			)
			.catch((error: unknown) => {
				// A bug here must not take the server down (an unhandled rejection would).
				this.entries.delete(entry);
				process.stderr.write(`local Lambda: the event queue failed on ${entry.event.requestId}: ${error instanceof Error ? error.message : String(error)}\n`);
			});
	}

	private ran(entry: Entry, result: AttemptResult, started: number): void {
		if (this.closed || !this.entries.has(entry)) return;
		entry.attempts += 1;
		entry.refusals = 0;
		entry.last = result;
		delete entry.lastRefusal;
		this.metric(entry.event, 'AsyncEventAge', started - entry.event.receivedAt, 'Milliseconds', started);
		if (result.outcome.errorType === undefined) {
			this.finish(entry, 'Success');
			return;
		}
		const retries = entry.attempts - 1;
		if (retries >= this.settings(entry.event).maximumRetryAttempts) {
			this.finish(entry, 'RetriesExhausted');
			return;
		}
		const delays = this.retryDelaysMs;
		this.schedule(entry, delays[Math.min(retries, delays.length - 1)] ?? 0);
	}

	private refused(entry: Entry, error: unknown): void {
		if (this.closed || !this.entries.has(entry)) return;
		if (error instanceof LambdaError && error.code === 'ResourceNotFoundException') {
			// The function, version or alias is gone, and with it its destinations.
			this.entries.delete(entry);
			this.metric(entry.event, 'AsyncEventsDropped', 1, 'Count', this.clock.now());
			return;
		}
		if (error instanceof ThrottleError) {
			entry.lastRefusal = {statusCode: 429, message: error.message};
			if (this.service.store.get(entry.event.functionName)?.reservedConcurrency === 0) {
				// Reserved concurrency 0: Lambda sends the event on without retries.
				this.finish(entry, 'RetriesExhausted');
				return;
			}
		} else {
			const status = error instanceof LambdaError ? Math.max(error.status, 500) : 500;
			entry.lastRefusal = {statusCode: status, message: error instanceof Error ? error.message : String(error)};
		}
		entry.refusals += 1;
		const delay = Math.min(this.throttleFirstDelayMs * 2 ** (entry.refusals - 1), this.throttleMaxDelayMs);
		this.schedule(entry, delay);
	}

	private finish(entry: Entry, condition: InvocationCondition): void {
		this.entries.delete(entry);
		entry.timer?.cancel();
		const settings = this.settings(entry.event);
		const now = this.clock.now();
		if (condition === 'Success') {
			if (settings.onSuccess !== undefined) this.deliver(entry, settings.onSuccess, condition, now);
			return;
		}
		this.metric(entry.event, 'AsyncEventsDropped', 1, 'Count', now);
		if (settings.onFailure !== undefined) this.deliver(entry, settings.onFailure, condition, now);
		this.deadLetter(entry, now);
	}

	// ---- records and where they go -----------------------------------------

	/** The invocation record Lambda sends to destinations. */
	private invocationRecord(entry: Entry, condition: InvocationCondition, now: number): Record<string, unknown> {
		const {event, last} = entry;
		const record: Record<string, unknown> = {
			version: '1.0',
			timestamp: new Date(now).toISOString(),
			requestContext: {
				requestId: event.requestId,
				functionArn: `${this.service.arn(event.functionName)}:${event.qualifier ?? '$LATEST'}`,
				condition,
				approximateInvokeCount: entry.attempts,
			},
			requestPayload: jsonOf(event.payload),
		};
		if (last === undefined) {
			record['responseContext'] = {statusCode: entry.lastRefusal?.statusCode ?? 429};
			return record;
		}
		const responseContext: Record<string, unknown> = {statusCode: 200, executedVersion: last.executedVersion};
		if (last.outcome.errorType !== undefined) responseContext['functionError'] = 'Unhandled';
		record['responseContext'] = responseContext;
		record['responsePayload'] = jsonOf(last.outcome.payload);
		return record;
	}

	private deliver(entry: Entry, arn: string, condition: InvocationCondition, now: number): void {
		const record = this.invocationRecord(entry, condition, now);
		const target = parseDestination(arn);
		let delivered = false;
		if (target !== undefined && !isFifoDestination(target)) {
			if (target.service === 'lambda') delivered = this.invokeDestination(target, record, now);
			else if (target.service === 'events') delivered = this.keep(target, [this.busEvent(entry, target, record, condition, now)], now);
			else if (target.service === 's3' && condition === 'Success') delivered = false;
			else delivered = this.keep(target, [record], now);
		}
		if (!delivered) this.metric(entry.event, 'DestinationDeliveryFailures', 1, 'Count', now);
	}

	/** A Lambda function destination: an asynchronous invocation of it, with the record as its event. */
	private invokeDestination(target: DestinationTarget, record: Record<string, unknown>, now: number): boolean {
		if (target.region !== this.service.region || target.accountId !== this.service.accountId) return false;
		const destination = this.service.store.get(target.name);
		if (destination === undefined || (target.qualifier !== undefined && !qualifierExists(destination, target.qualifier))) return false;
		const event: QueuedEvent = {
			requestId: this.newRequestId(),
			functionName: destination.name,
			payload: Buffer.from(JSON.stringify(record), 'utf8'),
			receivedAt: now,
		};
		if (target.qualifier !== undefined) event.qualifier = target.qualifier;
		this.enqueue(event);
		return true;
	}

	/** The event Lambda puts on an EventBridge event bus. */
	private busEvent(entry: Entry, target: DestinationTarget, record: Record<string, unknown>, condition: InvocationCondition, now: number): Record<string, unknown> {
		return {
			version: '0',
			id: randomUUID(),
			'detail-type': `Lambda Function Invocation Result - ${condition === 'Success' ? 'Success' : 'Failure'}`,
			source: 'lambda',
			account: this.service.accountId,
			time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			region: this.service.region,
			resources: [target.arn, `${this.service.arn(entry.event.functionName)}:${entry.event.qualifier ?? '$LATEST'}`],
			detail: record,
		};
	}

	/** Keeps messages for a target outside the local Lambda, in its stream of the destinations log group. */
	private keep(target: DestinationTarget, messages: readonly unknown[], now: number): boolean {
		try {
			this.logs.append(
				destinationsLogGroup,
				destinationStreamName(target),
				messages.map((message) => ({timestamp: now, message: JSON.stringify(message)})),
			);
			return true;
		} catch {
			return false;
		}
	}

	/** The dead-letter queue of the version the event ran on (or would have run on). */
	private deadLetterArn(event: QueuedEvent, last: AttemptResult | undefined): string | undefined {
		const record = this.service.store.get(event.functionName);
		if (record === undefined) return undefined;
		let version = last?.executedVersion;
		if (version === undefined) {
			const qualifier = event.qualifier ?? '$LATEST';
			version = qualifier === '$LATEST' || /^[0-9]+$/.test(qualifier) ? qualifier : record.aliases?.find((alias) => alias.name === qualifier)?.functionVersion;
		}
		if (version === undefined || version === '$LATEST') return record.deadLetterTargetArn;
		return versionDeadLetter(record, version);
	}

	private deadLetter(entry: Entry, now: number): void {
		const arn = this.deadLetterArn(entry.event, entry.last);
		if (arn === undefined || arn === '') return;
		const target = parseDestination(arn);
		if (target === undefined || (target.service !== 'sqs' && target.service !== 'sns') || isFifoDestination(target)) {
			this.metric(entry.event, 'DeadLetterErrors', 1, 'Count', now);
			return;
		}
		const statusCode = entry.last === undefined ? (entry.lastRefusal?.statusCode ?? 429) : 200;
		const errorMessage = firstBytes(
			entry.last === undefined ? (entry.lastRefusal?.message ?? 'Rate Exceeded.') : errorMessageOf(entry.last.outcome),
			errorMessageMaxBytes,
		);
		const body = entry.event.payload.toString('utf8');
		const attributes: Array<[string, string, string]> = [
			['RequestID', 'String', entry.event.requestId],
			['ErrorCode', 'Number', String(statusCode)],
			['ErrorMessage', 'String', errorMessage],
		];
		const message =
			target.service === 'sqs'
				? {Body: body, MessageAttributes: Object.fromEntries(attributes.map(([name, type, value]) => [name, {DataType: type, StringValue: value}]))}
				: {Message: body, MessageAttributes: Object.fromEntries(attributes.map(([name, type, value]) => [name, {Type: type, Value: value}]))};
		if (!this.keep(target, [message], now)) this.metric(entry.event, 'DeadLetterErrors', 1, 'Count', now);
	}

	private metric(event: QueuedEvent, name: string, value: number, unit: string, timestamp: number): void {
		const dimensionSets: Array<Record<string, string>> = [{FunctionName: event.functionName}];
		if (event.qualifier !== undefined) dimensionSets.push({FunctionName: event.functionName, Resource: `${event.functionName}:${event.qualifier}`});
		for (const dimensions of dimensionSets) this.metrics.put({namespace, name, dimensions, value, unit, timestamp});
	}
}

function versionDeadLetter(record: FunctionRecord, version: string): string | undefined {
	return record.versions?.find((entry) => entry.version === version)?.deadLetterTargetArn;
}
