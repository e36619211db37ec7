// Execution environments, run for real: the runtime manager takes an
// invocation, admits it against the account's and the function's
// concurrency, runs it in a warm environment of the same function version
// and configuration (or starts one: a cold start), writes Lambda's log
// lines around it and reports what happened as Lambda reports it. Warm
// environments are reaped when idle (on the Clock); environments of a
// changed function are retired; close() leaves no process behind.
//
// A cold start runs the init (at most 10 s, as on Lambda). When the init
// fails or times out, Lambda runs it again inside the invocation (the
// "suppressed init", bounded by the function's timeout), and so does this:
// INIT_REPORT (Phase: init), START, the second init, and if it fails too,
// INIT_REPORT (Phase: invoke), END and REPORT with the runtime's error.
//
// Provisioned concurrency: provision() allocates environments for a version
// ahead of invocations and runs their init then (INIT_START and the init's
// output go to their log streams when it happens), with
// AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency. They are never
// reaped while provisioned, an invocation of that version runs in one of them
// first (its REPORT has no Init Duration), and one that stops is replaced;
// beyond them, invocations spill over to on-demand environments.
//
// Active tracing: for an invocation whose trace header is sampled
// (Sampled=1), the manager notes when its phases ran (the init of a cold
// start, the invocation, the overhead after it), for its X-Ray segments
// (phasesOf).

import {createHash} from 'node:crypto';
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import type {Clock} from '../clock.js';
import type {LogSink} from '../logs/log-sink.js';
import {initFailureReason} from '../../domain/provisioned-concurrency.js';
import {ConcurrencyLedger, type Admission} from './concurrency.js';
import {ExecutionEnvironment, exitMessage, type EnvironmentContext, type InitOutcome, type RunOutcome} from './environment.js';
import {defaultLogBytesMax, twoDecimals, type ReportMetrics} from './log-writer.js';
import {RuntimeApiServer, responsePayloadMax} from './runtime-api.js';
import {ProvisionedPool, type ProvisionResult, type ProvisionedCounts} from './provisioned-pool.js';
import {LaunchProblem, launchFor, runtimeFamily, runtimeVersionName, unsupportedRuntime, type RuntimeFamily, type RuntimeLaunch} from './runtimes.js';
import {CodeCache} from './unpack.js';
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
	/** The longest an init may run before Lambda re-runs it in the invocation (default 10 s, as on Lambda). */
	initTimeoutMs?: number;
	/** The most one invocation (or one init) may log; the rest is dropped with a marker (default 4 MiB). */
	logBytesMax?: number;
}

const mib = 1024 * 1024;

/** Managers alive in this process: their processes are killed if the process exits without close(). */
const liveManagers = new Set<RuntimeManager>();
function killEverything(): void {
	for (const manager of liveManagers) manager.killAll();
}

/** What an environment needs that does not depend on the invocation. */
interface Prepared {
	family: RuntimeFamily;
	taskRoot: string;
	optDir: string;
}

interface Finish {
	payload: Buffer;
	errorType?: string;
	status?: 'timeout' | 'error';
	durationMs: number;
	initDurationMs?: number;
	/** Init time billed besides the handler's (on a cold start, init is billed since August 2025). */
	billedInitMs: number;
	peakMemoryBytes: number;
	/** Whether the environment can serve another invocation. */
	reusable: boolean;
}

/** When the phases of a traced invocation ran: performance.now() marks. */
export interface InvocationPhases {
	/** A cold start's init, before the invocation; failed when Lambda had to run it again inside the invocation. */
	init?: {start: number; end: number; failed: boolean};
	/** From the event's delivery (or the start of a re-run init) to the runtime's answer (or the deadline). */
	invocation: {start: number; end: number};
	/** After the answer: the platform's END and REPORT, and the environment made ready for the next event. */
	overhead: {start: number; end: number};
}

/** Whether the invocation's trace header says it is sampled (active tracing). */
function traced(input: InvocationInput): boolean {
	return input.traceId?.includes('Sampled=1') === true;
}

function errorPayload(errorType: string, errorMessage: string): Buffer {
	return Buffer.from(JSON.stringify({errorType, errorMessage}));
}

export class RuntimeManager {
	private readonly options: RuntimeManagerOptions;
	private readonly ledger = new ConcurrencyLedger();
	private readonly api = new RuntimeApiServer();
	private readonly code: CodeCache;
	private readonly context: EnvironmentContext;
	/** Every environment that is not disposed. */
	private readonly environments = new Set<ExecutionEnvironment>();
	/** Idle environments by function name, most recently used last. */
	private readonly idle = new Map<string, ExecutionEnvironment[]>();
	/** Provisioned concurrency: the environments of each provisioned version or alias, by its key. */
	private readonly pools = new Map<string, ProvisionedPool>();
	/** The pool of each provisioned environment. */
	private readonly provisionedOf = new Map<ExecutionEnvironment, ProvisionedPool>();
	private closed = false;
	private closing: Promise<void> | undefined;
	/** Traced invocations: the init of their cold start, then all their phases. */
	private readonly initPhases = new WeakMap<InvocationInput, NonNullable<InvocationPhases['init']>>();
	private readonly phases = new WeakMap<InvocationInput, InvocationPhases>();

	constructor(options: RuntimeManagerOptions) {
		this.options = options;
		this.code = new CodeCache(options.workDir);
		this.context = {
			api: this.api,
			sink: options.logs,
			clock: options.clock,
			region: options.region,
			accountId: options.accountId,
			tmpRoot: join(options.workDir, 'tmp'),
			logBytesMax: options.logBytesMax ?? defaultLogBytesMax,
			onIdleExit: (environment) => this.idleExited(environment),
		};
		if (liveManagers.size === 0) process.on('exit', killEverything);
		liveManagers.add(this);
	}

	/** Runs one invocation; throws ThrottleError when no concurrency is left. */
	async invoke(fn: FunctionSnapshot, input: InvocationInput): Promise<InvocationOutcome> {
		if (this.closed) throw new Error('The runtime manager is closed');
		const family = runtimeFamily(fn.runtime);
		if (family === undefined) throw unsupportedRuntime(fn.runtime);
		const provisioned = this.takeProvisioned(fn);
		if (provisioned !== undefined) return this.invokeProvisioned(fn, family, provisioned, input);
		const admission = this.ledger.admit(fn.functionName, fn.reservedConcurrency, this.options.accountConcurrency, this.options.reservedTotal());
		return this.whileAdmitted(admission, () => this.invokeOnDemand(fn, family, input));
	}

	/** Runs an admitted invocation, then releases its admission. */
	private async whileAdmitted(admission: Admission, run: () => Promise<InvocationOutcome>): Promise<InvocationOutcome> {
		// The environments' processes and sockets do not keep this process alive; an invocation in flight does.
		const keepAlive = setInterval(() => undefined, 1 << 30);
		try {
			return await run();
		} finally {
			clearInterval(keepAlive);
			this.ledger.release(admission);
		}
	}

	/** An invocation on a warm on-demand environment, else a new one. */
	private async invokeOnDemand(fn: FunctionSnapshot, family: RuntimeFamily, input: InvocationInput): Promise<InvocationOutcome> {
		this.retireOthers(fn);
		for (;;) {
			const warm = this.takeIdle(fn);
			const outcome = warm === undefined ? await this.coldStart(fn, family, input) : await this.runWarm(warm, input);
			if (outcome !== undefined) return outcome;
			// The warm environment died before the event reached it: run it in a new one.
		}
	}

	/** When the phases of a traced invocation (its trace header sampled) ran, once invoke() has resolved. */
	phasesOf(input: InvocationInput): InvocationPhases | undefined {
		return this.phases.get(input);
	}

	/** Invocations running now: of one function, or of all. */
	running(functionName?: string): number {
		return this.ledger.running(functionName);
	}

	/** Environments alive now (busy or idle): of one function, or of all. */
	environmentCount(functionName?: string): number {
		let count = 0;
		for (const environment of this.environments) if (functionName === undefined || environment.fn.functionName === functionName) count += 1;
		return count;
	}

	/** Stops every environment of a function (it was deleted). */
	retire(functionName: string): void {
		for (const [key, pool] of [...this.pools]) if (pool.fn.functionName === functionName) this.unprovision(key);
		for (const environment of [...this.environments]) {
			if (environment.fn.functionName === functionName) this.dispose(environment);
		}
	}

	close(): Promise<void> {
		this.closing ??= (async () => {
			this.closed = true;
			for (const key of [...this.pools.keys()]) this.unprovision(key);
			await Promise.all([...this.environments].map((environment) => this.dispose(environment)));
			this.api.close();
			liveManagers.delete(this);
			if (liveManagers.size === 0) process.off('exit', killEverything);
		})();
		return this.closing;
	}

	// Provisioned concurrency.

	/**
	 * Allocates `count` environments of this version under `key` (a version or
	 * an alias) and runs their init now. Resolves when all of them are
	 * initialised, or when an init fails (then the allocation keeps nothing).
	 * Calling it again for the same key and version changes the count; for
	 * another version, the allocation replaces the old one.
	 */
	provision(fn: FunctionSnapshot, key: string, count: number): Promise<ProvisionResult> {
		if (this.closed) return Promise.resolve({ready: 0, failed: 'The runtime manager is closed'});
		const existing = this.pools.get(key);
		if (existing !== undefined && existing.active && existing.fn.fingerprint === fn.fingerprint) {
			existing.target = count;
			// Fewer wanted: waiting environments stop now, busy ones when their invocation ends.
			for (let environment = existing.idle[0]; environment !== undefined && existing.size > count; environment = existing.idle[0]) {
				void this.dispose(environment);
			}
			this.fillProvisioned(existing);
			return existing.settled();
		}
		if (existing !== undefined) this.unprovision(key);
		const pool = new ProvisionedPool(key, fn, count);
		this.pools.set(key, pool);
		this.fillProvisioned(pool);
		return pool.settled();
	}

	/** Stops the environments allocated under `key`: waiting ones now, busy ones when their invocation ends. */
	unprovision(key: string): void {
		const pool = this.pools.get(key);
		if (pool === undefined) return;
		this.pools.delete(key);
		pool.closed = true;
		for (const environment of [...pool.idle, ...pool.starting]) void this.dispose(environment);
		pool.settle();
	}

	/** The environments allocated under `key`, counted; undefined when nothing is. */
	provisionedCounts(key: string): ProvisionedCounts | undefined {
		return this.pools.get(key)?.counts();
	}

	/** The keys with environments allocated for this function. */
	provisionedKeys(functionName: string): string[] {
		return [...this.pools.values()].filter((pool) => pool.fn.functionName === functionName).map((pool) => pool.key);
	}

	/** The initialised provisioned environments of this version (fingerprint), and how many of them wait for an invocation. */
	provisionedCapacity(fn: FunctionSnapshot): {available: number; idle: number; busy: number} {
		const capacity = {available: 0, idle: 0, busy: 0};
		for (const pool of this.pools.values()) {
			if (!pool.active || pool.fn.fingerprint !== fn.fingerprint) continue;
			capacity.available += pool.initialised;
			capacity.idle += pool.idle.length;
			capacity.busy += pool.busy.size;
		}
		return capacity;
	}

	/** A provisioned environment of this version waiting for an invocation, now busy; undefined when none waits. */
	private takeProvisioned(fn: FunctionSnapshot): ExecutionEnvironment | undefined {
		for (const pool of this.pools.values()) {
			if (!pool.active || pool.fn.fingerprint !== fn.fingerprint) continue;
			for (let environment = pool.idle.pop(); environment !== undefined; environment = pool.idle.pop()) {
				if (!environment.alive || environment.retired) {
					void this.dispose(environment);
					continue;
				}
				pool.busy.add(environment);
				return environment;
			}
		}
		return undefined;
	}

	/** An invocation on a provisioned environment; if it (and every other one) died before the event reached it, on an on-demand one. */
	private async invokeProvisioned(fn: FunctionSnapshot, family: RuntimeFamily, first: ExecutionEnvironment, input: InvocationInput): Promise<InvocationOutcome> {
		let admission: Admission;
		try {
			// Provisioned concurrency is already counted out of the unreserved pool: only a reservation caps it.
			admission = this.ledger.admit(fn.functionName, fn.reservedConcurrency, Number.POSITIVE_INFINITY, this.options.reservedTotal());
		} catch (error) {
			this.releaseProvisioned(first, true);
			throw error;
		}
		return this.whileAdmitted(admission, async () => {
			for (let environment: ExecutionEnvironment | undefined = first; environment !== undefined; environment = this.takeProvisioned(fn)) {
				const outcome = await this.runWarm(environment, input);
				if (outcome !== undefined) return outcome;
			}
			return this.invokeOnDemand(fn, family, input);
		});
	}

	/** Starts as many environments as the pool lacks. */
	private fillProvisioned(pool: ProvisionedPool): void {
		for (let missing = pool.target - pool.size; missing > 0 && pool.active && !this.closed; missing -= 1) {
			this.startProvisioned(pool).catch((error: unknown) => {
				process.stderr.write(`local Lambda: provisioned concurrency of ${pool.key}: ${error instanceof Error ? error.message : String(error)}\n`);
				this.failProvisioned(pool, initFailureReason);
			});
		}
	}

	/** One provisioned environment: prepared, started, and its init run (logged in its stream now, as Lambda logs it). */
	private async startProvisioned(pool: ProvisionedPool): Promise<void> {
		const fn = pool.fn;
		const family = runtimeFamily(fn.runtime);
		if (family === undefined) {
			this.failProvisioned(pool, initFailureReason);
			return;
		}
		pool.preparing += 1;
		let environment: ExecutionEnvironment;
		let problem: LaunchProblem | undefined;
		try {
			const prepared = await this.prepare(fn, family);
			let launch: RuntimeLaunch;
			try {
				launch = await launchFor(family, fn.memorySize, prepared.taskRoot, prepared.optDir);
			} catch (error) {
				if (!(error instanceof LaunchProblem)) throw error;
				problem = error;
				launch = {command: '', args: [], runtimeDir: prepared.taskRoot};
			}
			environment = await ExecutionEnvironment.create(this.context, fn, family, launch, prepared.taskRoot, prepared.optDir, 'provisioned-concurrency');
		} finally {
			pool.preparing -= 1;
		}
		this.environments.add(environment);
		if (this.closed || !pool.active) {
			pool.settle();
			await this.dispose(environment);
			return;
		}
		this.provisionedOf.set(environment, pool);
		pool.starting.add(environment);
		const runtimeVersion = runtimeVersionName(family);
		const runtimeVersionArn = `arn:aws:lambda:${this.options.region}::runtime:${createHash('sha256').update(runtimeVersion).digest('hex')}`;
		environment.logs.initStart(runtimeVersion, runtimeVersionArn);
		const outcome = problem === undefined ? await this.init(environment, this.options.initTimeoutMs ?? 10_000) : this.launchFailure(problem);
		// Stopped meanwhile (unprovisioned, the function deleted, the manager closed).
		if (this.provisionedOf.get(environment) !== pool) return;
		pool.starting.delete(environment);
		if (!outcome.ok) {
			environment.logs.initReport({
				durationMs: outcome.durationMs,
				phase: 'init',
				status: outcome.status,
				...(outcome.status === 'error' ? {errorType: outcome.errorType} : {}),
			});
			environment.logs.flush();
			this.failProvisioned(pool, initFailureReason);
			void this.dispose(environment);
			return;
		}
		if (!pool.active || this.closed || pool.size >= pool.target) {
			void this.dispose(environment);
			pool.settle();
			return;
		}
		pool.idle.push(environment);
		pool.settle();
	}

	/** An init failed: the allocation fails and keeps nothing (busy environments stop when their invocation ends). */
	private failProvisioned(pool: ProvisionedPool, reason: string): void {
		pool.failure ??= reason;
		for (const environment of [...pool.idle, ...pool.starting]) void this.dispose(environment);
		pool.settle();
	}

	/** A provisioned environment's invocation ended: it waits for the next one, or stops (then it is replaced). */
	private releaseProvisioned(environment: ExecutionEnvironment, reusable: boolean): void {
		const pool = this.provisionedOf.get(environment);
		if (pool === undefined) return;
		pool.busy.delete(environment);
		if (!reusable || environment.retired || this.closed || !environment.alive || !pool.active || pool.size >= pool.target) {
			void this.dispose(environment);
			return;
		}
		pool.idle.push(environment);
	}

	/** A provisioned environment stops: out of its pool, and replaced while the allocation stands, as Lambda keeps it whole. */
	private forgetProvisioned(environment: ExecutionEnvironment): void {
		const pool = this.provisionedOf.get(environment);
		if (pool === undefined) return;
		this.provisionedOf.delete(environment);
		pool.remove(environment);
		if (this.pools.get(pool.key) === pool) this.fillProvisioned(pool);
		pool.settle();
	}

	// Environments.

	/** Environments of the same version with another fingerprint are never used again. */
	private retireOthers(fn: FunctionSnapshot): void {
		for (const environment of [...this.environments]) {
			if (environment.fn.functionName !== fn.functionName || environment.fn.version !== fn.version) continue;
			if (environment.fn.fingerprint === fn.fingerprint) continue;
			if (environment.busy || !this.isIdle(environment)) environment.retired = true;
			else this.dispose(environment);
		}
	}

	private isIdle(environment: ExecutionEnvironment): boolean {
		return this.idle.get(environment.fn.functionName)?.includes(environment) ?? false;
	}

	private takeIdle(fn: FunctionSnapshot): ExecutionEnvironment | undefined {
		const pool = this.idle.get(fn.functionName);
		if (pool === undefined) return undefined;
		for (let index = pool.length - 1; index >= 0; index -= 1) {
			const environment = pool[index];
			if (environment === undefined || environment.fn.fingerprint !== fn.fingerprint) continue;
			pool.splice(index, 1);
			if (pool.length === 0) this.idle.delete(fn.functionName);
			environment.idleTimer?.cancel();
			environment.idleTimer = undefined;
			if (!environment.alive) {
				this.dispose(environment);
				continue;
			}
			return environment;
		}
		return undefined;
	}

	private release(environment: ExecutionEnvironment, reusable: boolean): void {
		if (this.provisionedOf.has(environment)) {
			this.releaseProvisioned(environment, reusable);
			return;
		}
		if (!reusable || environment.retired || this.closed || !environment.alive) {
			this.dispose(environment);
			return;
		}
		const pool = this.idle.get(environment.fn.functionName) ?? [];
		pool.push(environment);
		this.idle.set(environment.fn.functionName, pool);
		environment.idleTimer = this.options.clock.setTimer(() => {
			environment.idleTimer = undefined;
			if (this.isIdle(environment)) this.dispose(environment);
		}, this.options.idleTimeoutMs);
	}

	private idleExited(environment: ExecutionEnvironment): void {
		if (this.isIdle(environment)) this.dispose(environment);
		else if (this.provisionedOf.get(environment)?.idle.includes(environment) === true) void this.dispose(environment);
	}

	private dispose(environment: ExecutionEnvironment): Promise<void> {
		this.forgetProvisioned(environment);
		const pool = this.idle.get(environment.fn.functionName);
		if (pool !== undefined) {
			const index = pool.indexOf(environment);
			if (index >= 0) pool.splice(index, 1);
			if (pool.length === 0) this.idle.delete(environment.fn.functionName);
		}
		this.environments.delete(environment);
		return environment.dispose();
	}

	/** Kills every environment's processes at once (the process is exiting). */
	killAll(): void {
		for (const environment of this.environments) environment.killProcess();
	}

	private async prepare(fn: FunctionSnapshot, family: RuntimeFamily): Promise<Prepared> {
		await mkdir(this.context.tmpRoot, {recursive: true});
		const [taskRoot, optDir] = await Promise.all([this.code.code(fn.codeSha256Hex, fn.codePath), this.code.opt(fn.layers)]);
		return {family, taskRoot, optDir};
	}

	// Invocations.

	/** A new environment for this invocation: init, then the invocation. */
	private async coldStart(fn: FunctionSnapshot, family: RuntimeFamily, input: InvocationInput): Promise<InvocationOutcome> {
		const prepared = await this.prepare(fn, family);
		const runtimeVersion = runtimeVersionName(family);
		const runtimeVersionArn = `arn:aws:lambda:${this.options.region}::runtime:${createHash('sha256').update(runtimeVersion).digest('hex')}`;
		let problem: LaunchProblem | undefined;
		let environment: ExecutionEnvironment;
		try {
			const launch = await launchFor(family, fn.memorySize, prepared.taskRoot, prepared.optDir);
			environment = await ExecutionEnvironment.create(this.context, fn, family, launch, prepared.taskRoot, prepared.optDir);
		} catch (error) {
			if (!(error instanceof LaunchProblem)) throw error;
			problem = error;
			// Nothing can start: the environment exists only as its log stream.
			environment = await ExecutionEnvironment.create(this.context, fn, family, {command: '', args: [], runtimeDir: prepared.taskRoot}, prepared.taskRoot, prepared.optDir);
		}
		this.environments.add(environment);
		if (this.closed) {
			await this.dispose(environment);
			throw new Error('The runtime manager is closed');
		}
		const logs = environment.logs;
		logs.initStart(runtimeVersion, runtimeVersionArn);
		const initStartedAt = performance.now();
		const first = problem === undefined ? await this.init(environment, this.options.initTimeoutMs ?? 10_000) : this.launchFailure(problem);
		if (traced(input)) this.initPhases.set(input, {start: initStartedAt, end: initStartedAt + first.durationMs, failed: !first.ok});
		if (first.ok) {
			const run = await environment.run(input, fn.timeout * 1000, {onDeliver: () => logs.start(input.requestId)});
			return this.finishRun(environment, input, run, first.durationMs, first.durationMs);
		}
		// The init failed: Lambda runs it again, inside the invocation.
		logs.initReport({durationMs: first.durationMs, phase: 'init', status: first.status, ...(first.status === 'error' ? {errorType: first.errorType} : {})});
		await environment.stopProcess();
		logs.start(input.requestId);
		const startedAt = performance.now();
		const timeoutMs = fn.timeout * 1000;
		const second = problem === undefined ? await this.init(environment, timeoutMs) : this.launchFailure(problem);
		if (second.ok) {
			const run = await environment.run(input, timeoutMs, {startedAt});
			return this.finishRun(environment, input, run, undefined, first.durationMs);
		}
		await environment.stopProcess();
		const peak = environment.peakMemory;
		if (second.status === 'timeout') {
			logs.initReport({durationMs: second.durationMs, phase: 'invoke', status: 'timeout'});
			return this.finish(environment, input, {
				payload: this.timeoutPayload(input.requestId, fn.timeout),
				errorType: 'Sandbox.Timedout',
				status: 'timeout',
				durationMs: timeoutMs,
				billedInitMs: first.durationMs,
				peakMemoryBytes: peak,
				reusable: false,
			});
		}
		logs.initReport({durationMs: second.durationMs, phase: 'invoke', status: 'error', errorType: second.errorType});
		const payload =
			second.document ?? errorPayload(second.errorType, second.exit === undefined ? `RequestId: ${input.requestId} Error: Runtime failed to start` : exitMessage(second.exit, input.requestId));
		return this.finish(environment, input, {
			payload,
			errorType: second.errorType,
			status: 'error',
			durationMs: performance.now() - startedAt,
			billedInitMs: first.durationMs,
			peakMemoryBytes: peak,
			reusable: false,
		});
	}

	private init(environment: ExecutionEnvironment, limitMs: number): Promise<InitOutcome> {
		environment.launchProcess();
		return environment.waitForInit(limitMs);
	}

	private launchFailure(problem: LaunchProblem): InitOutcome {
		return {ok: false, durationMs: 0, status: 'error', errorType: problem.errorType, document: errorPayload(problem.errorType, problem.message)};
	}

	/** An invocation on a warm environment; undefined when it died before the event reached it. */
	private async runWarm(environment: ExecutionEnvironment, input: InvocationInput): Promise<InvocationOutcome | undefined> {
		const run = await environment.run(input, environment.fn.timeout * 1000, {onDeliver: () => environment.logs.start(input.requestId)});
		if (run.result.kind === 'lost') {
			this.dispose(environment);
			return undefined;
		}
		return this.finishRun(environment, input, run, undefined, 0);
	}

	private finishRun(environment: ExecutionEnvironment, input: InvocationInput, run: RunOutcome, initDurationMs: number | undefined, billedInitMs: number): InvocationOutcome {
		const fn = environment.fn;
		const {result} = run;
		const base = {durationMs: run.durationMs, billedInitMs, peakMemoryBytes: run.peakMemoryBytes, ...(initDurationMs === undefined ? {} : {initDurationMs})};
		switch (result.kind) {
			case 'response':
				return this.finish(environment, input, {...base, payload: result.payload, reusable: true});
			case 'error':
				return this.finish(environment, input, {...base, payload: result.payload, errorType: result.errorType, reusable: true});
			case 'too-large':
				return this.finish(environment, input, {
					...base,
					payload: errorPayload(
						'Function.ResponseSizeTooLarge',
						`Response payload size (${result.size} bytes) exceeded maximum allowed payload size (${responsePayloadMax} bytes).`,
					),
					errorType: 'Function.ResponseSizeTooLarge',
					status: 'error',
					reusable: true,
				});
			case 'timeout':
				return this.finish(environment, input, {
					...base,
					payload: this.timeoutPayload(input.requestId, fn.timeout),
					errorType: 'Sandbox.Timedout',
					status: 'timeout',
					reusable: false,
				});
			case 'exit':
				return this.finish(environment, input, {
					...base,
					payload: errorPayload('Runtime.ExitError', exitMessage(result.exit, input.requestId)),
					errorType: 'Runtime.ExitError',
					status: 'error',
					reusable: false,
				});
			case 'out-of-memory':
				return this.finish(environment, input, {
					...base,
					peakMemoryBytes: Math.max(run.peakMemoryBytes, fn.memorySize * mib),
					payload: errorPayload('Runtime.OutOfMemory', exitMessage({code: null, signal: 'SIGKILL'}, input.requestId)),
					errorType: 'Runtime.OutOfMemory',
					status: 'error',
					reusable: false,
				});
			case 'storage':
				return this.finish(environment, input, {
					...base,
					payload: errorPayload(
						'Runtime.ExitError',
						`RequestId: ${input.requestId} Error: /tmp holds ${Math.ceil(result.bytes / mib)} MB, more than the function's ephemeral storage (${fn.ephemeralStorage} MB): the local Lambda stopped the environment`,
					),
					errorType: 'Runtime.ExitError',
					status: 'error',
					reusable: false,
				});
			case 'lost':
				return this.finish(environment, input, {
					...base,
					payload: errorPayload('Runtime.ExitError', `RequestId: ${input.requestId} Error: Runtime exited without providing a reason`),
					errorType: 'Runtime.ExitError',
					status: 'error',
					reusable: false,
				});
		}
	}

	private timeoutPayload(requestId: string, timeoutSeconds: number): Buffer {
		return errorPayload('Sandbox.Timedout', `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
	}

	/** END and REPORT, the outcome, and the environment back to its pool (or stopped). */
	private finish(environment: ExecutionEnvironment, input: InvocationInput, finish: Finish): InvocationOutcome {
		const endedAt = performance.now();
		const fn = environment.fn;
		const durationMs = twoDecimals(finish.durationMs);
		const initDurationMs = finish.initDurationMs === undefined ? undefined : twoDecimals(finish.initDurationMs);
		const billedDurationMs = Math.max(1, Math.ceil(twoDecimals(durationMs + finish.billedInitMs)));
		const maxMemoryUsedMb = Math.min(fn.memorySize, Math.max(1, Math.round(finish.peakMemoryBytes / mib)));
		const metrics: ReportMetrics = {requestId: input.requestId, durationMs, billedDurationMs, memorySizeMb: fn.memorySize, maxMemoryUsedMb};
		if (initDurationMs !== undefined) metrics.initDurationMs = initDurationMs;
		if (finish.status !== undefined) {
			metrics.status = finish.status;
			if (finish.status === 'error' && finish.errorType !== undefined) metrics.errorType = finish.errorType;
		} else if (finish.errorType !== undefined && fn.logFormat === 'JSON') {
			metrics.errorType = finish.errorType;
		}
		environment.logs.end(input.requestId);
		const logTail = environment.logs.report(metrics);
		this.release(environment, finish.reusable);
		if (traced(input)) {
			const init = this.initPhases.get(input);
			this.phases.set(input, {
				...(init === undefined ? {} : {init}),
				invocation: {start: endedAt - finish.durationMs, end: endedAt},
				overhead: {start: endedAt, end: performance.now()},
			});
		}
		const outcome: InvocationOutcome = {requestId: input.requestId, payload: finish.payload, logTail, durationMs, billedDurationMs, maxMemoryUsedMb};
		if (finish.errorType !== undefined) outcome.errorType = finish.errorType;
		if (initDurationMs !== undefined) outcome.initDurationMs = initDurationMs;
		return outcome;
	}
}
