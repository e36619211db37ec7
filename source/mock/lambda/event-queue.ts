// STUB (replaced by the asynchronous invocation work): Lambda's event queue.
import type {Clock} from '../clock.js';
import type {LogSink} from '../logs/log-sink.js';
import type {MetricSink} from '../metrics/metric-sink.js';
import type {InvocationOutcome} from '../runtime/types.js';
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
}

export class EventQueue {
	constructor(_options: EventQueueOptions) {}

	enqueue(_event: QueuedEvent): void {}

	close(): void {}
}
