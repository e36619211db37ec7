// Runs invocations: resolves what a request names (the function, a version,
// or an alias with weighted routing) into the snapshot an execution
// environment runs, hands it to the runtime manager, and records the
// AWS/Lambda metrics of what happened (Invocations, Errors, Duration,
// Throttles, ConcurrentExecutions; with provisioned concurrency also
// ProvisionedConcurrentExecutions, ProvisionedConcurrencyUtilization,
// ProvisionedConcurrencyInvocations and ProvisionedConcurrencySpilloverInvocations)
// for the function, for the qualifier it was invoked with (the Resource
// dimension), and for the account.
//
// With active tracing (TracingConfig.Mode Active) the runtime gets a sampled
// trace header (Root=1-<epoch>-<random>;Parent=<the Invocation subsegment>;
// Sampled=1) and each invocation, or throttled request, is recorded in the
// local X-Ray with the timings the runtime manager measured. PassThrough
// records nothing (Lambda traces those only for an upstream sampled header).
import {createHash, randomBytes} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import type {Clock} from '../clock.js';
import type {MetricSink} from '../metrics/metric-sink.js';
import type {InvocationPhases, RuntimeManager} from '../runtime/manager.js';
import {ThrottleError, type FunctionSnapshot, type InvocationInput, type InvocationOutcome, type ResponseStreamSink} from '../runtime/types.js';
import type {FunctionRecord} from '../store/records.js';
import {lambdaSegmentDocuments, segmentId, type Span} from '../xray/lambda-segments.js';
import type {TraceSink} from '../xray/trace-sink.js';
import {isQualifier, qualifierPattern} from '../../domain/validate.js';
import {imageInvokeError, imageOf} from './container-images.js';
import {LambdaError} from './errors.js';
import {fileSystemMounts} from './file-systems.js';
import type {AttemptResult, QueuedEvent} from './event-queue.js';
import type {LambdaService} from './service.js';

export interface InvokerOptions {
	service: LambdaService;
	runtime: RuntimeManager;
	metrics: MetricSink;
	clock: Clock;
	/** Picks a number in [0, 1) for weighted alias routing; default Math.random. */
	random?: () => number;
	/** Where the traces of functions with active tracing go (the local X-Ray); none: not recorded. */
	traces?: TraceSink;
}

/** A traced invocation: its trace, the Invocation subsegment's id, and when it began (epoch ms and performance.now()). */
interface TraceContext {
	root: string;
	invocationId: string;
	epoch: number;
	mark: number;
}

/** What an invoke request names, resolved to the configuration that runs. */
export interface InvokeTarget {
	record: FunctionRecord;
	/** The configuration of the version that runs. */
	view: FunctionRecord;
	/** The version that runs: "$LATEST", "1", ... (X-Amz-Executed-Version). */
	executedVersion: string;
	/** The qualifier the caller named, if any. */
	qualifier: string | undefined;
	/** The ARN the caller invoked, qualifier included. */
	invokedArn: string;
}

export interface InvokeRequest {
	requestId: string;
	payload: Buffer;
	clientContext?: string;
	cognitoIdentity?: string;
	/** Where a streamed response goes as it arrives (InvokeWithResponseStream, RESPONSE_STREAM function URLs). */
	responseStream?: ResponseStreamSink;
}

export class Invoker {
	private readonly service: LambdaService;
	private readonly runtime: RuntimeManager;
	private readonly metrics: MetricSink;
	readonly clock: Clock;
	private readonly random: () => number;
	private readonly traces: TraceSink | undefined;

	constructor(options: InvokerOptions) {
		this.service = options.service;
		this.runtime = options.runtime;
		this.metrics = options.metrics;
		this.clock = options.clock;
		this.random = options.random ?? Math.random;
		this.traces = options.traces;
	}

	/**
	 * The function, version or alias a request names, as of now; an alias with
	 * AdditionalVersionWeights picks one of its versions by weight.
	 */
	target(reference: string, qualifier: string | undefined): InvokeTarget {
		if (qualifier !== undefined && qualifier !== '' && !isQualifier(qualifier)) {
			throw new LambdaError(
				'ValidationException',
				`1 validation error detected: Value '${qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ${qualifierPattern}`,
			);
		}
		const resolved = this.service.resolveQualified(reference, qualifier);
		const invokedArn = `${this.service.arn(resolved.record.name)}${resolved.qualifier === undefined ? '' : `:${resolved.qualifier}`}`;
		let target: InvokeTarget = {
			record: resolved.record,
			view: resolved.view,
			executedVersion: resolved.version,
			qualifier: resolved.qualifier,
			invokedArn,
		};
		const alias = resolved.qualifier === undefined ? undefined : resolved.record.aliases?.find((entry) => entry.name === resolved.qualifier);
		if (alias?.additionalVersionWeights !== undefined) {
			let draw = this.random();
			for (const [version, weight] of Object.entries(alias.additionalVersionWeights)) {
				if (draw < weight) {
					const routed = this.service.resolveQualified(resolved.record.name, version);
					target = {...target, view: routed.view, executedVersion: routed.version};
					break;
				}
				draw -= weight;
			}
		}
		const image = imageOf(target.record);
		if (image !== undefined) throw imageInvokeError(target.record.name, image);
		if (target.executedVersion === '$LATEST' && target.record.state === 'Pending') {
			throw new LambdaError(
				'ResourceConflictException',
				'The operation cannot be performed at this time. The function is currently in the following state: Pending',
			);
		}
		return target;
	}

	/** What an execution environment of this target depends on. */
	snapshot(target: InvokeTarget): FunctionSnapshot {
		const {view, record, executedVersion} = target;
		const layers = this.service.layers.resolve(view.layers);
		const logFormat = view.loggingConfig.LogFormat === 'JSON' ? 'JSON' : 'Text';
		const snapshot: FunctionSnapshot = {
			functionName: record.name,
			version: executedVersion,
			runtime: view.runtime,
			handler: view.handler,
			timeout: view.timeout,
			memorySize: view.memorySize,
			ephemeralStorage: view.ephemeralStorage,
			architectures: [...view.architectures],
			environment: {...view.environment},
			layers: layers.map((layer) => ({arn: layer.arn, zipPath: layer.zipPath, sha256Hex: layer.sha256Hex})),
			logFormat,
			logGroup: view.loggingConfig.LogGroup,
			codeSha256Hex: view.codeSha256Hex,
			codePath: this.service.store.codePath(view.codeSha256Hex),
			fingerprint: '',
		};
		if (logFormat === 'JSON') {
			if (view.loggingConfig.ApplicationLogLevel !== undefined) snapshot.applicationLogLevel = view.loggingConfig.ApplicationLogLevel;
			if (view.loggingConfig.SystemLogLevel !== undefined) snapshot.systemLogLevel = view.loggingConfig.SystemLogLevel;
		}
		if (record.reservedConcurrency !== undefined) snapshot.reservedConcurrency = record.reservedConcurrency;
		const mounts = fileSystemMounts(this.service.store.dataDir, view.fileSystemConfigs);
		if (mounts.length > 0) snapshot.fileSystems = mounts;
		snapshot.fingerprint = createHash('sha256')
			.update(
				JSON.stringify([
					snapshot.version,
					snapshot.runtime,
					snapshot.handler,
					snapshot.timeout,
					snapshot.memorySize,
					snapshot.ephemeralStorage,
					snapshot.architectures,
					Object.entries(snapshot.environment).sort(),
					snapshot.layers.map((layer) => layer.sha256Hex),
					view.loggingConfig,
					snapshot.codeSha256Hex,
					// Lambda starts new environments after any configuration change: tracing and VPC too.
					view.tracingMode,
					view.vpcConfig ?? null,
					view.fileSystemConfigs ?? null,
				]),
			)
			.digest('hex')
			.slice(0, 32);
		return snapshot;
	}

	/**
	 * The snapshot of a published version, or of the version an alias points
	 * to (its main version: weights are not drawn), as provisioned concurrency
	 * allocates environments for it ahead of invocations.
	 */
	provisioningSnapshot(functionName: string, qualifier: string): FunctionSnapshot {
		const resolved = this.service.resolveQualified(functionName, qualifier);
		return this.snapshot({
			record: resolved.record,
			view: resolved.view,
			executedVersion: resolved.version,
			qualifier,
			invokedArn: `${this.service.arn(resolved.record.name)}:${qualifier}`,
		});
	}

	/** The runtime manager, for what allocates environments ahead of invocations (provisioned concurrency). */
	get runtimeManager(): RuntimeManager {
		return this.runtime;
	}

	/** Runs one invocation of a resolved target, recording its metrics; throws ThrottleError when there is no concurrency left. */
	async run(target: InvokeTarget, request: InvokeRequest): Promise<InvocationOutcome> {
		const snapshot = this.snapshot(target);
		const trace: TraceContext | undefined =
			target.view.tracingMode === 'Active'
				? {root: traceRoot(this.clock.now()), invocationId: segmentId(), epoch: this.clock.now(), mark: performance.now()}
				: undefined;
		const input: InvocationInput = {
			requestId: request.requestId,
			invokedFunctionArn: target.invokedArn,
			payload: request.payload,
			traceId: trace === undefined ? traceId(request.requestId, this.clock.now()) : `Root=${trace.root};Parent=${trace.invocationId};Sampled=1`,
		};
		if (request.clientContext !== undefined) input.clientContext = request.clientContext;
		if (request.cognitoIdentity !== undefined) input.cognitoIdentity = request.cognitoIdentity;
		if (request.responseStream !== undefined) input.responseStream = request.responseStream;
		const started = this.clock.now();
		// Provisioned concurrency: whether a provisioned environment takes this invocation (invoke() takes one at once when one waits).
		const provisioned = this.runtime.provisionedCapacity(snapshot);
		let outcome: InvocationOutcome;
		try {
			const running = this.runtime.invoke(snapshot, input);
			this.record(target, 'ConcurrentExecutions', this.runtime.running(target.record.name), 'Count', started);
			if (provisioned.available > 0) {
				const busy = this.runtime.provisionedCapacity(snapshot).busy;
				this.record(target, 'ProvisionedConcurrentExecutions', busy, 'Count', started);
				this.record(target, 'ProvisionedConcurrencyUtilization', busy / provisioned.available, 'None', started);
			}
			outcome = await running;
		} catch (error) {
			if (error instanceof ThrottleError) {
				this.record(target, 'Throttles', 1, 'Count', started);
				if (trace !== undefined) this.recordTrace(target, request.requestId, trace, undefined, undefined);
			}
			throw error;
		}
		if (trace !== undefined) this.recordTrace(target, request.requestId, trace, outcome, this.runtime.phasesOf(input));
		this.record(target, 'Invocations', 1, 'Count', started);
		this.record(target, 'Errors', outcome.errorType === undefined ? 0 : 1, 'Count', started);
		this.record(target, 'Duration', outcome.durationMs, 'Milliseconds', started);
		if (provisioned.available > 0) {
			this.record(target, provisioned.idle > 0 ? 'ProvisionedConcurrencyInvocations' : 'ProvisionedConcurrencySpilloverInvocations', 1, 'Count', started);
		}
		return outcome;
	}

	/** Stops the execution environments of a function that was deleted. */
	retire(functionName: string): void {
		this.runtime.retire(functionName);
	}

	/** One attempt of a queued event: the target as of now. */
	async runEvent(event: QueuedEvent): Promise<AttemptResult> {
		const target = this.target(event.functionName, event.qualifier);
		const outcome = await this.run(target, {requestId: event.requestId, payload: event.payload});
		return {outcome, executedVersion: target.executedVersion, functionArn: target.invokedArn};
	}

	/** Sends the segments of a traced invocation (outcome undefined: throttled) to the local X-Ray. */
	private recordTrace(
		target: InvokeTarget,
		requestId: string,
		trace: TraceContext,
		outcome: InvocationOutcome | undefined,
		phases: InvocationPhases | undefined,
	): void {
		if (this.traces === undefined) return;
		const epoch = (mark: number): number => trace.epoch + (mark - trace.mark);
		const span = (phase: {start: number; end: number}): Span => ({start: epoch(phase.start), end: epoch(phase.end)});
		const functionArn = this.service.arn(target.record.name);
		const documents = lambdaSegmentDocuments({
			traceId: trace.root,
			invocationId: trace.invocationId,
			functionName: target.record.name,
			functionArn,
			executedArn: target.executedVersion === '$LATEST' ? functionArn : `${functionArn}:${target.executedVersion}`,
			accountId: this.service.accountId,
			requestId,
			service: {start: trace.epoch, end: epoch(performance.now())},
			status: outcome === undefined ? 429 : 200,
			...(outcome === undefined || phases === undefined
				? {}
				: {
						run: {
							...(phases.init === undefined ? {} : {init: {...span(phases.init), failed: phases.init.failed}}),
							invocation: span(phases.invocation),
							overhead: span(phases.overhead),
							...(outcome.errorType === undefined ? {} : {error: {type: outcome.errorType, message: errorMessageOf(outcome.payload)}}),
						},
					}),
		});
		this.traces.putDocuments(documents);
	}

	private record(target: InvokeTarget, name: string, value: number, unit: string, timestamp: number): void {
		const functionName = target.record.name;
		const dimensionSets: Array<Record<string, string>> = [{}, {FunctionName: functionName}];
		if (target.qualifier !== undefined) dimensionSets.push({FunctionName: functionName, Resource: `${functionName}:${target.qualifier}`});
		if (target.qualifier !== undefined && target.executedVersion !== '$LATEST') {
			dimensionSets.push({FunctionName: functionName, Resource: `${functionName}:${target.qualifier}`, ExecutedVersion: target.executedVersion});
		}
		for (const dimensions of dimensionSets) this.metrics.put({namespace: 'AWS/Lambda', name, dimensions, value, unit, timestamp});
	}
}

/** A new trace's id: "1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>". */
function traceRoot(now: number): string {
	return `1-${Math.floor(now / 1000).toString(16).padStart(8, '0')}-${randomBytes(12).toString('hex')}`;
}

/** The errorMessage of an error document, or the document itself when it has none. */
function errorMessageOf(payload: Buffer): string {
	const text = payload.toString('utf8');
	try {
		const document: unknown = JSON.parse(text);
		if (typeof document === 'object' && document !== null && 'errorMessage' in document && typeof document.errorMessage === 'string') return document.errorMessage;
	} catch {
		// Not JSON: the text is the message.
	}
	return text.slice(0, 1024);
}

/** An X-Ray trace header of the form Lambda passes to the runtime (not sampled: PassThrough). */
function traceId(requestId: string, now: number): string {
	const epoch = Math.floor(now / 1000).toString(16).padStart(8, '0');
	const random = requestId.replace(/-/g, '').slice(0, 24).padEnd(24, '0');
	const parent = requestId.replace(/-/g, '').slice(-16).padStart(16, '0');
	return `Root=1-${epoch}-${random};Parent=${parent};Sampled=0`;
}
