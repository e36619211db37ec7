// Provisioned concurrency, as the runtime manager keeps it: for each
// provisioned version or alias (its key), the execution environments
// allocated ahead of invocations for one version (one fingerprint), how many
// are wanted, which are still running their init, which wait for an
// invocation and which run one; and whether the allocation failed. The pool
// settles (the promise provision() returns) when every wanted environment is
// initialised, or when one init fails. (Its environments are created with
// initializationType 'provisioned-concurrency': see environment.ts.)

import type {ExecutionEnvironment} from './environment.js';
import type {FunctionSnapshot} from './types.js';

/** What an allocation came to: how many environments are initialised, and why it failed when it did. */
export interface ProvisionResult {
	ready: number;
	/** The StatusReason of a failed allocation (FUNCTION_ERROR_INIT_FAILURE), or why it stopped. */
	failed?: string;
}

/** The environments of a provisioned version or alias, as GetProvisionedConcurrencyConfig counts them. */
export interface ProvisionedCounts {
	/** The version's configuration the environments run. */
	fingerprint: string;
	/** Environments that exist: initialising or initialised. */
	allocated: number;
	/** Initialised environments (waiting or running an invocation). */
	available: number;
	/** Initialised environments running an invocation now. */
	busy: number;
}

export class ProvisionedPool {
	readonly key: string;
	readonly fn: FunctionSnapshot;
	/** How many environments are wanted. */
	target: number;
	/** Environments being prepared (code unpacked, Runtime API endpoint opened), not started yet. */
	preparing = 0;
	/** Environments running their init. */
	readonly starting = new Set<ExecutionEnvironment>();
	/** Initialised environments waiting for an invocation, most recently used last. */
	readonly idle: ExecutionEnvironment[] = [];
	/** Initialised environments running an invocation. */
	readonly busy = new Set<ExecutionEnvironment>();
	/** Set when an init failed: the pool allocates nothing more and serves no invocation. */
	failure: string | undefined;
	/** Unprovisioned, replaced by another allocation, or the manager closed. */
	closed = false;
	private waiters: Array<(result: ProvisionResult) => void> = [];

	constructor(key: string, fn: FunctionSnapshot, target: number) {
		this.key = key;
		this.fn = fn;
		this.target = target;
	}

	get initialised(): number {
		return this.idle.length + this.busy.size;
	}

	get size(): number {
		return this.preparing + this.starting.size + this.initialised;
	}

	/** Whether it serves invocations and keeps its environments. */
	get active(): boolean {
		return !this.closed && this.failure === undefined;
	}

	counts(): ProvisionedCounts {
		return {fingerprint: this.fn.fingerprint, allocated: this.size, available: this.initialised, busy: this.busy.size};
	}

	includes(environment: ExecutionEnvironment): boolean {
		return this.starting.has(environment) || this.busy.has(environment) || this.idle.includes(environment);
	}

	/** Takes the environment out of the pool's sets. */
	remove(environment: ExecutionEnvironment): void {
		this.starting.delete(environment);
		this.busy.delete(environment);
		const index = this.idle.indexOf(environment);
		if (index >= 0) this.idle.splice(index, 1);
	}

	/** Resolves when the allocation is settled (now, if it is). */
	settled(): Promise<ProvisionResult> {
		return new Promise((resolve) => {
			this.waiters.push(resolve);
			this.settle();
		});
	}

	/** Resolves the waiters when every wanted environment is initialised, an init failed, or the pool closed. */
	settle(): void {
		if (this.waiters.length === 0) return;
		let result: ProvisionResult | undefined;
		if (this.failure !== undefined) result = {ready: this.initialised, failed: this.failure};
		else if (this.closed) result = {ready: this.initialised, failed: 'The allocation was stopped.'};
		else if (this.preparing === 0 && this.starting.size === 0 && this.initialised >= this.target) result = {ready: this.initialised};
		if (result === undefined) return;
		const waiters = this.waiters;
		this.waiters = [];
		for (const resolve of waiters) resolve(result);
	}
}
