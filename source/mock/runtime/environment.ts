// One execution environment: a log stream, a private /tmp, a Runtime API
// endpoint, and the runtime's process (started by its bootstrap, restarted
// when Lambda would re-run a failed init). It hands one invocation at a time
// to the runtime (GET /next), takes its answer (POST .../response or
// .../error), and ends an invocation itself when the runtime does not: at
// the deadline, when the process exits, when its memory passes the
// function's memory size, or when its /tmp outgrows the ephemeral storage.
// Memory and /tmp are sampled only while an init or an invocation runs.

import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdir, rm} from 'node:fs/promises';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {Socket} from 'node:net';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import type {Readable} from 'node:stream';
import type {Clock} from '../clock.js';
import type {LogSink} from '../logs/log-sink.js';
import {directoryBytes} from './ephemeral-storage.js';
import {buildEnvironment, type InitializationType} from './environment-variables.js';
import {FrameDecoder, LineSplitter, type LogRecord} from './log-output.js';
import {LogWriter} from './log-writer.js';
import {killTree, sampleMemory} from './process-tree.js';
import {
	accepted,
	invalidRequestId,
	invalidStateTransition,
	payloadTooLarge,
	readBody,
	type RuntimeApiEndpoint,
	type RuntimeApiHandler,
	type RuntimeApiServer,
} from './runtime-api.js';
import type {RuntimeFamily, RuntimeLaunch} from './runtimes.js';
import {isStreamedResponse, readStreamedResponse, type StreamedRead} from './streamed-response.js';
import type {FunctionSnapshot, InvocationInput} from './types.js';

/** The fd the bootstraps write framed log records to (_LAMBDA_TELEMETRY_LOG_FD). */
export const telemetryFd = 3;
const monitorIntervalMs = 100;
/** /tmp is measured every this many monitor ticks. */
const storageEveryTicks = 3;
/** After the runtime posts an init error, it gets this long to exit on its own. */
const initErrorExitGraceMs = 200;
/** After the process exits, its last output is awaited this long. */
const outputDrainMs = 100;
const mib = 1024 * 1024;
/** dispose() waits this long at most for a killed process to be gone. */
const processExitWaitMs = 2000;

export interface ExitInfo {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** Set when the process could not be started at all. */
	spawnError?: string;
}

export type InitOutcome =
	| {ok: true; durationMs: number}
	| {ok: false; durationMs: number; status: 'error' | 'timeout'; errorType: string; document?: Buffer; exit?: ExitInfo};

export type RunResult =
	| {kind: 'response'; payload: Buffer}
	| {kind: 'error'; errorType: string; payload: Buffer}
	| {kind: 'too-large'; size: number}
	| {kind: 'timeout'}
	| {kind: 'exit'; exit: ExitInfo}
	| {kind: 'out-of-memory'}
	| {kind: 'storage'; bytes: number}
	/** The environment died before the invocation reached the runtime: it may run elsewhere. */
	| {kind: 'lost'};

export interface RunOutcome {
	result: RunResult;
	/** Handler time: from the event's delivery (or `startedAt`) to the end. */
	durationMs: number;
	/** The environment's peak memory so far, bytes. */
	peakMemoryBytes: number;
}

export interface EnvironmentContext {
	api: RuntimeApiServer;
	sink: LogSink;
	clock: Clock;
	region: string;
	accountId: string;
	tmpRoot: string;
	logBytesMax: number;
	/** Called when the runtime's process has exited and nothing was waiting on it (an idle environment died). */
	onIdleExit(environment: ExecutionEnvironment): void;
}

interface Invocation {
	input: InvocationInput;
	timeoutMs: number;
	/** performance.now() the deadline counts from; set at delivery unless given. */
	startedAt?: number;
	delivered: boolean;
	done: boolean;
	/** Called just before the event is written to the runtime. */
	onDeliver?: () => void;
	deadline?: NodeJS.Timeout;
	resolve(outcome: RunOutcome): void;
}

interface InitWaiter {
	resolve(outcome: InitOutcome): void;
	timer: NodeJS.Timeout;
	/** The init error the runtime posted, while it is given time to exit. */
	posted?: {errorType: string; document: Buffer};
}

/** Go's names for signals, as Lambda's "Runtime exited with error: signal: …" shows them. */
const signalNames: Partial<Record<NodeJS.Signals, string>> = {
	SIGKILL: 'killed',
	SIGTERM: 'terminated',
	SIGABRT: 'aborted',
	SIGSEGV: 'segmentation fault',
	SIGBUS: 'bus error',
	SIGFPE: 'floating point exception',
	SIGILL: 'illegal instruction',
	SIGINT: 'interrupt',
	SIGHUP: 'hangup',
	SIGPIPE: 'broken pipe',
	SIGQUIT: 'quit',
	SIGTRAP: 'trace/breakpoint trap',
	SIGUSR1: 'user defined signal 1',
	SIGUSR2: 'user defined signal 2',
	SIGALRM: 'alarm clock',
	SIGXCPU: 'CPU time limit exceeded',
	SIGXFSZ: 'file size limit exceeded',
	SIGSYS: 'bad system call',
};

/** "exit status 1", "signal: killed": how Lambda describes a runtime's exit. */
export function describeExit(exit: ExitInfo): string {
	if (exit.spawnError !== undefined) return exit.spawnError;
	if (exit.signal !== null) return `signal: ${signalNames[exit.signal] ?? exit.signal}`;
	return `exit status ${exit.code ?? 0}`;
}

/** The Runtime.ExitError message, with the request id when there is one. */
export function exitMessage(exit: ExitInfo, requestId?: string): string {
	const prefix = requestId === undefined ? 'Error:' : `RequestId: ${requestId} Error:`;
	if (exit.spawnError === undefined && exit.signal === null && exit.code === 0) return `${prefix} Runtime exited without providing a reason`;
	return `${prefix} Runtime exited with error: ${describeExit(exit)}`;
}

/** The error type of a posted error: the header, else the document's errorType, else `fallback`. */
function errorTypeOf(request: IncomingMessage, body: Buffer, fallback: string): string {
	const header = request.headers['lambda-runtime-function-error-type'];
	const value = Array.isArray(header) ? header[0] : header;
	if (value !== undefined && value !== '') return value;
	try {
		const parsed: unknown = JSON.parse(body.toString('utf8'));
		if (typeof parsed === 'object' && parsed !== null && 'errorType' in parsed && typeof parsed.errorType === 'string' && parsed.errorType !== '') {
			return parsed.errorType;
		}
	} catch {
		// Not JSON: the header (or the fallback) names it.
	}
	return fallback;
}

/** The error document of a posted error: as posted, or Lambda's when the runtime posted none. */
function errorDocument(body: Buffer, errorType: string): Buffer {
	if (body.length > 0) return body;
	return Buffer.from(JSON.stringify({errorMessage: 'Unknown application error occurred', errorType}));
}

function streamDate(now: number): string {
	const date = new Date(now);
	const pad = (value: number): string => String(value).padStart(2, '0');
	return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}`;
}

export class ExecutionEnvironment implements RuntimeApiHandler {
	readonly id: string;
	readonly fn: FunctionSnapshot;
	readonly logs: LogWriter;
	readonly tmpDir: string;
	/** Started for an invocation (on-demand) or ahead of invocations (provisioned-concurrency). */
	readonly initializationType: InitializationType;
	/** Retired environments finish their invocation and are never used again. */
	retired = false;
	/** Set by the manager while the environment waits in its idle pool. */
	idleTimer: {cancel(): void} | undefined;
	private readonly context: EnvironmentContext;
	private readonly launch: RuntimeLaunch;
	private readonly taskRoot: string;
	private endpoint: RuntimeApiEndpoint | undefined;
	private variables: Record<string, string> = {};
	private child: ChildProcess | undefined;
	private generation = 0;
	private spawnedAt = 0;
	/** The current process has asked for an event: its init is over. */
	private ready = false;
	private exited: ExitInfo | undefined;
	private pendingNext: ServerResponse | undefined;
	private current: Invocation | undefined;
	private initWaiter: InitWaiter | undefined;
	private monitor: NodeJS.Timeout | undefined;
	private monitorTicks = 0;
	private peakMemoryBytes = 0;
	private disposed = false;

	private constructor(context: EnvironmentContext, fn: FunctionSnapshot, launch: RuntimeLaunch, taskRoot: string, initializationType: InitializationType) {
		this.context = context;
		this.fn = fn;
		this.launch = launch;
		this.taskRoot = taskRoot;
		this.initializationType = initializationType;
		this.id = randomBytes(16).toString('hex');
		this.tmpDir = join(context.tmpRoot, this.id);
		this.logs = new LogWriter({
			sink: context.sink,
			clock: context.clock,
			group: fn.logGroup,
			stream: `${streamDate(context.clock.now())}/[${fn.version}]${this.id}`,
			format: fn.logFormat,
			...(fn.systemLogLevel === undefined ? {} : {systemLogLevel: fn.systemLogLevel}),
			functionName: fn.functionName,
			version: fn.version,
			logBytesMax: context.logBytesMax,
			initializationType,
		});
	}

	/**
	 * Prepares an environment (its /tmp and Runtime API endpoint); its process
	 * is started by launchProcess(). A provisioned-concurrency one says so to
	 * its runtime (AWS_LAMBDA_INITIALIZATION_TYPE) and in its init's log records.
	 */
	static async create(
		context: EnvironmentContext,
		fn: FunctionSnapshot,
		family: RuntimeFamily,
		launch: RuntimeLaunch,
		taskRoot: string,
		optDir: string,
		initializationType: InitializationType = 'on-demand',
	): Promise<ExecutionEnvironment> {
		const environment = new ExecutionEnvironment(context, fn, launch, taskRoot, initializationType);
		await mkdir(environment.tmpDir, {recursive: true, mode: 0o700});
		// Its file systems: directories of the data directory that outlive the environment.
		for (const mount of fn.fileSystems ?? []) await mkdir(mount.directory, {recursive: true, mode: 0o700});
		environment.endpoint = await context.api.open(environment);
		environment.variables = buildEnvironment(
			fn,
			family,
			{taskRoot, optDir, runtimeDir: launch.runtimeDir, tmpDir: environment.tmpDir},
			{
				region: context.region,
				logStreamName: environment.logs.stream,
				runtimeApi: environment.endpoint.address,
				...(launch.executionEnv === undefined ? {} : {executionEnv: launch.executionEnv}),
				telemetryFd,
				initializationType,
			},
		);
		return environment;
	}

	/** The runtime's process is running. */
	get alive(): boolean {
		return this.child !== undefined && this.exited === undefined && !this.disposed;
	}

	get busy(): boolean {
		return this.current !== undefined;
	}

	get pid(): number | undefined {
		return this.alive ? this.child?.pid : undefined;
	}

	/** The highest memory its processes used, bytes. */
	get peakMemory(): number {
		return this.peakMemoryBytes;
	}

	/** Starts (or restarts) the runtime's process: an init begins. */
	launchProcess(): void {
		if (this.disposed) return;
		const generation = ++this.generation;
		this.ready = false;
		this.exited = undefined;
		this.spawnedAt = performance.now();
		let reported = false;
		const report = (exit: ExitInfo): void => {
			if (reported) return;
			reported = true;
			if (generation !== this.generation) return;
			this.exited ??= exit;
			this.processExited();
		};
		let child: ChildProcess;
		try {
			child = spawn(this.launch.command, this.launch.args, {
				cwd: this.taskRoot,
				env: this.variables,
				stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
			});
		} catch (error) {
			this.child = undefined;
			const exit = {code: null, signal: null, spawnError: `fork/exec ${this.launch.command}: ${(error as Error).message}`};
			queueMicrotask(() => report(exit));
			return;
		}
		this.child = child;
		child.unref();
		const output = (record: LogRecord): void => {
			if (record.timestampMs !== undefined) record.timestampMs += this.context.clock.now() - Date.now();
			this.logs.output(record);
		};
		const attach = (stream: Readable | null | undefined, parse: (chunk: Buffer) => void, end?: () => void): void => {
			if (stream === null || stream === undefined) return;
			if (stream instanceof Socket) stream.unref();
			stream.on('data', parse);
			if (end !== undefined) stream.on('end', end);
			stream.on('error', () => undefined);
		};
		const stdout = new LineSplitter(output);
		const stderr = new LineSplitter(output);
		const frames = new FrameDecoder(output);
		attach(child.stdout, (chunk) => stdout.push(chunk), () => stdout.end());
		attach(child.stderr, (chunk) => stderr.push(chunk), () => stderr.end());
		const telemetry = child.stdio[telemetryFd];
		if (telemetry !== undefined && telemetry !== null && 'on' in telemetry && 'read' in telemetry) attach(telemetry, (chunk) => frames.push(chunk));
		child.on('error', (error: NodeJS.ErrnoException) => {
			if (child.exitCode === null && child.signalCode === null) {
				report({code: null, signal: null, spawnError: `fork/exec ${this.launch.command}: ${error.code ?? error.message}`});
			}
		});
		child.on('exit', (code, signal) => {
			if (generation === this.generation) this.exited ??= {code, signal};
			// Its last output first: wait for the pipes to close, briefly.
			const timer = setTimeout(() => report({code, signal}), outputDrainMs);
			timer.unref();
			child.once('close', () => {
				clearTimeout(timer);
				report({code, signal});
			});
		});
		this.startMonitor();
	}

	/** Kills the runtime's processes and resolves once the runtime's process has exited. */
	stopProcess(): Promise<void> {
		const child = this.child;
		if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
		return new Promise((resolve) => {
			child.once('exit', () => resolve());
			this.killProcess();
		});
	}

	/** Waits for the init to end: the runtime asks for an event (ok), posts an init error, exits, or runs out of time. */
	waitForInit(limitMs: number): Promise<InitOutcome> {
		if (this.ready) return Promise.resolve({ok: true, durationMs: performance.now() - this.spawnedAt});
		if (this.disposed) return Promise.resolve({ok: false, durationMs: 0, status: 'error', errorType: 'Runtime.ExitError', exit: {code: null, signal: 'SIGKILL'}});
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.finishInit({ok: false, durationMs: performance.now() - this.spawnedAt, status: 'timeout', errorType: 'Sandbox.Timedout'});
				this.killProcess();
			}, limitMs);
			this.initWaiter = {resolve, timer};
		});
	}

	/**
	 * Runs one invocation: delivers the event when the runtime asks for one,
	 * and resolves when it ends. `startedAt` (performance.now()) starts the
	 * clock before delivery, when the invocation also covers a re-run init.
	 */
	run(input: InvocationInput, timeoutMs: number, options: {startedAt?: number; onDeliver?: () => void} = {}): Promise<RunOutcome> {
		const {startedAt, onDeliver} = options;
		return new Promise((resolve) => {
			const invocation: Invocation = {input, timeoutMs, delivered: false, done: false, resolve};
			if (onDeliver !== undefined) invocation.onDeliver = onDeliver;
			this.current = invocation;
			if (startedAt !== undefined) {
				invocation.startedAt = startedAt;
				this.armDeadline(invocation, startedAt + timeoutMs - performance.now());
			}
			if (!this.alive) {
				this.complete(invocation, {kind: 'lost'});
				return;
			}
			this.startMonitor();
			const waiting = this.pendingNext;
			if (waiting !== undefined) {
				this.pendingNext = undefined;
				this.deliver(invocation, waiting);
			}
		});
	}

	/** Kills the runtime's processes (the environment can be relaunched). */
	killProcess(): void {
		const child = this.child;
		if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) killTree(child.pid);
	}

	/** Stops the environment for good: its processes, its endpoint, its /tmp. */
	async dispose(): Promise<void> {
		if (this.disposed) return;
		this.disposed = true;
		this.idleTimer?.cancel();
		this.idleTimer = undefined;
		const stopped = this.stopProcess();
		this.stopMonitor();
		this.pendingNext?.destroy();
		this.pendingNext = undefined;
		this.endpoint?.close();
		if (this.initWaiter !== undefined) this.finishInit({ok: false, durationMs: performance.now() - this.spawnedAt, status: 'error', errorType: 'Runtime.ExitError', exit: {code: null, signal: 'SIGKILL'}});
		if (this.current !== undefined) this.complete(this.current, this.current.delivered ? {kind: 'exit', exit: {code: null, signal: 'SIGKILL'}} : {kind: 'lost'});
		this.logs.flush();
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([stopped, new Promise<void>((resolve) => (timer = setTimeout(resolve, processExitWaitMs)))]);
		clearTimeout(timer);
		await rm(this.tmpDir, {recursive: true, force: true}).catch(() => undefined);
	}

	// The Runtime API, as this environment's runtime sees it.

	next(_request: IncomingMessage, response: ServerResponse): void {
		if (this.disposed) {
			response.destroy();
			return;
		}
		if (this.pendingNext !== undefined || (this.current?.delivered === true && !this.current.done)) {
			invalidStateTransition(response, this.pendingNext === undefined ? 'Invoke' : 'Ready', 'Ready');
			return;
		}
		if (!this.ready) {
			this.ready = true;
			this.finishInit({ok: true, durationMs: performance.now() - this.spawnedAt});
		}
		const invocation = this.current;
		if (invocation !== undefined && !invocation.delivered && !invocation.done) {
			this.deliver(invocation, response);
			return;
		}
		this.pendingNext = response;
		response.once('close', () => {
			if (this.pendingNext === response) this.pendingNext = undefined;
		});
		if (this.current === undefined) this.stopMonitor();
	}

	invocationResponse(requestId: string, request: IncomingMessage, response: ServerResponse): void {
		if (isStreamedResponse(request)) {
			// A streamed response: its chunks go to the caller as they arrive, when the caller streams.
			const sink = this.current?.input.requestId === requestId ? this.current.input.responseStream : undefined;
			this.receiveResult(requestId, request, response, (body) => ({kind: 'response', payload: body}), (incoming) => readStreamedResponse(incoming, sink));
			return;
		}
		this.receiveResult(requestId, request, response, (body) => ({kind: 'response', payload: body}));
	}

	invocationError(requestId: string, request: IncomingMessage, response: ServerResponse): void {
		this.receiveResult(requestId, request, response, (body) => {
			const errorType = errorTypeOf(request, body, 'Unhandled');
			return {kind: 'error', errorType, payload: errorDocument(body, errorType)};
		});
	}

	/** A runtime's /response or /error for the invocation it was given: the body is accepted and `resultOf` makes it the invocation's result. */
	private receiveResult(
		requestId: string,
		request: IncomingMessage,
		response: ServerResponse,
		resultOf: (body: Buffer) => RunResult,
		reader: (request: IncomingMessage) => Promise<StreamedRead | undefined> = readBody,
	): void {
		const invocation = this.current;
		if (invocation === undefined || !invocation.delivered || invocation.done || invocation.input.requestId !== requestId) {
			request.resume();
			invalidRequestId(response);
			return;
		}
		void reader(request).then((read) => {
			if (read === undefined) return;
			if (invocation.done || this.current !== invocation) {
				invalidRequestId(response);
				return;
			}
			if (read.tooLarge) {
				payloadTooLarge(response);
				this.complete(invocation, {kind: 'too-large', size: read.size});
				return;
			}
			accepted(response);
			this.complete(invocation, read.failure === undefined ? resultOf(read.body) : {kind: 'error', ...read.failure});
		});
	}

	initError(request: IncomingMessage, response: ServerResponse): void {
		const waiter = this.initWaiter;
		if (waiter === undefined || waiter.posted !== undefined || this.ready) {
			request.resume();
			invalidStateTransition(response, this.ready ? 'Ready' : 'InitError', 'InitError');
			return;
		}
		void readBody(request).then((read) => {
			if (read === undefined || this.initWaiter !== waiter) return;
			accepted(response);
			const errorType = errorTypeOf(request, read.body, 'Runtime.Unknown');
			// The runtime exits after reporting; if it does not, it is stopped.
			waiter.posted = {errorType, document: errorDocument(read.body, errorType)};
			clearTimeout(waiter.timer);
			waiter.timer = setTimeout(() => {
				this.finishInit({ok: false, durationMs: performance.now() - this.spawnedAt, status: 'error', errorType, document: waiter.posted?.document});
				this.killProcess();
			}, initErrorExitGraceMs);
		});
	}

	// Inside.

	private deliver(invocation: Invocation, response: ServerResponse): void {
		if (response.destroyed || response.headersSent) return;
		const {input} = invocation;
		const now = performance.now();
		const startedAt = invocation.startedAt ?? now;
		const deadlineEpochMs = Date.now() + Math.max(0, Math.round(startedAt + invocation.timeoutMs - now));
		const headers: Record<string, string> = {
			'Content-Type': 'application/json',
			'Content-Length': String(input.payload.length),
			'Lambda-Runtime-Aws-Request-Id': input.requestId,
			'Lambda-Runtime-Deadline-Ms': String(deadlineEpochMs),
			'Lambda-Runtime-Invoked-Function-Arn': input.invokedFunctionArn,
		};
		if (input.traceId !== undefined) headers['Lambda-Runtime-Trace-Id'] = input.traceId;
		if (input.clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = input.clientContext;
		if (input.cognitoIdentity !== undefined) headers['Lambda-Runtime-Cognito-Identity'] = input.cognitoIdentity;
		invocation.delivered = true;
		invocation.onDeliver?.();
		if (invocation.startedAt === undefined) {
			invocation.startedAt = now;
			this.armDeadline(invocation, invocation.timeoutMs);
		}
		response.writeHead(200, headers);
		response.end(input.payload);
	}

	private armDeadline(invocation: Invocation, delayMs: number): void {
		invocation.deadline = setTimeout(
			() => {
				if (invocation.done) return;
				this.complete(invocation, {kind: 'timeout'});
				this.killProcess();
			},
			Math.max(0, delayMs),
		);
	}

	private complete(invocation: Invocation, result: RunResult): void {
		if (invocation.done) return;
		invocation.done = true;
		if (invocation.deadline !== undefined) clearTimeout(invocation.deadline);
		const endedAt = performance.now();
		const durationMs = result.kind === 'timeout' ? invocation.timeoutMs : invocation.startedAt === undefined ? 0 : endedAt - invocation.startedAt;
		if (this.current === invocation) this.current = undefined;
		if (this.current === undefined && this.initWaiter === undefined) this.stopMonitor();
		let final = result;
		if (result.kind === 'response' || result.kind === 'error' || result.kind === 'too-large') {
			this.sample();
			const bytes = directoryBytes(this.tmpDir);
			if (bytes > this.fn.ephemeralStorage * mib) {
				final = {kind: 'storage', bytes};
				this.killProcess();
			}
		}
		const outcome: RunOutcome = {result: final, durationMs, peakMemoryBytes: this.peakMemoryBytes};
		// Output the runtime wrote before answering is read before the invocation ends.
		setImmediate(() => invocation.resolve(outcome));
	}

	private finishInit(outcome: InitOutcome): void {
		const waiter = this.initWaiter;
		if (waiter === undefined) return;
		this.initWaiter = undefined;
		clearTimeout(waiter.timer);
		if (this.current === undefined && !this.ready) this.stopMonitor();
		setImmediate(() => waiter.resolve(outcome));
	}

	private processExited(): void {
		const exit = this.exited ?? {code: null, signal: null};
		this.pendingNext?.destroy();
		this.pendingNext = undefined;
		const waiter = this.initWaiter;
		const invocation = this.current;
		if (waiter !== undefined) {
			const durationMs = performance.now() - this.spawnedAt;
			if (waiter.posted !== undefined) this.finishInit({ok: false, durationMs, status: 'error', ...waiter.posted});
			else this.finishInit({ok: false, durationMs, status: 'error', errorType: 'Runtime.ExitError', exit});
		}
		if (invocation !== undefined) {
			this.complete(invocation, invocation.delivered ? {kind: 'exit', exit} : {kind: 'lost'});
		}
		if (waiter === undefined && invocation === undefined && !this.disposed) this.context.onIdleExit(this);
		if (this.current === undefined && this.initWaiter === undefined) this.stopMonitor();
	}

	private startMonitor(): void {
		if (this.monitor !== undefined) return;
		this.monitorTicks = 0;
		this.monitor = setInterval(() => this.tick(), monitorIntervalMs);
		this.monitor.unref();
	}

	private stopMonitor(): void {
		if (this.monitor === undefined) return;
		clearInterval(this.monitor);
		this.monitor = undefined;
	}

	/** Samples memory; returns the tree's current bytes. */
	private sample(): number {
		const pid = this.pid;
		if (pid === undefined) return 0;
		const sample = sampleMemory(pid);
		if (sample === undefined) return 0;
		this.peakMemoryBytes = Math.max(this.peakMemoryBytes, sample.currentBytes, sample.peakBytes);
		return sample.currentBytes;
	}

	private tick(): void {
		if (!this.alive) return;
		this.monitorTicks += 1;
		const limit = this.fn.memorySize * mib;
		const current = this.sample();
		const invocation = this.current;
		if (current > limit) {
			this.peakMemoryBytes = Math.max(this.peakMemoryBytes, limit);
			if (invocation !== undefined && invocation.delivered && !invocation.done) {
				this.complete(invocation, {kind: 'out-of-memory'});
			} else if (this.initWaiter !== undefined) {
				this.finishInit({ok: false, durationMs: performance.now() - this.spawnedAt, status: 'error', errorType: 'Runtime.OutOfMemory', exit: {code: null, signal: 'SIGKILL'}});
			}
			this.killProcess();
			return;
		}
		if (this.monitorTicks % storageEveryTicks === 0 && invocation?.delivered === true && !invocation.done) {
			const bytes = directoryBytes(this.tmpDir);
			if (bytes > this.fn.ephemeralStorage * mib) {
				this.complete(invocation, {kind: 'storage', bytes});
				this.killProcess();
			}
		}
	}
}
