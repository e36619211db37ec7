// STUB (replaced by the runtime work): execution environments.
import type {Clock} from '../clock.js';
import type {LogSink} from '../logs/log-sink.js';
import type {FunctionSnapshot, InvocationInput, InvocationOutcome} from './types.js';

export interface RuntimeManagerOptions {
	/** Unpacked code, layers and the environments' temporary directories live under here. */
	workDir: string;
	region: string;
	accountId: string;
	clock: Clock;
	logs: LogSink;
	/** The account's concurrency limit (default 1000). */
	accountConcurrency: number;
	/** The sum of every function's reserved concurrency, now. */
	reservedTotal: () => number;
	/** Idle environments are stopped after this long (default 5 minutes). */
	idleTimeoutMs: number;
}

export class RuntimeManager {
	constructor(_options: RuntimeManagerOptions) {}

	/** Runs one invocation; throws ThrottleError when no concurrency is left. */
	async invoke(_fn: FunctionSnapshot, _input: InvocationInput): Promise<InvocationOutcome> {
		throw new Error('not yet');
	}

	/** Invocations running now: of one function, or of all. */
	running(_functionName?: string): number {
		return 0;
	}

	/** Stops every environment of a function (it was deleted). */
	retire(_functionName: string): void {}

	async close(): Promise<void> {}
}
