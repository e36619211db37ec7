// What the local Lambda hands an execution environment, and what it gets back.

/** One layer of a function, in the order the function lists them. */
export interface LayerArtifact {
	/** The layer version ARN. */
	arn: string;
	/** The layer version's .zip file. */
	zipPath: string;
	/** Hex SHA-256 of the zip (a cache key for its unpacked copy). */
	sha256Hex: string;
}

/** Everything about one version of a function that an environment depends on. */
export interface FunctionSnapshot {
	functionName: string;
	/** '$LATEST', '1', '2', ... */
	version: string;
	runtime: string;
	handler: string;
	/** Seconds. */
	timeout: number;
	/** MB. */
	memorySize: number;
	/** MB: the size of the environment's temporary directory. */
	ephemeralStorage: number;
	architectures: string[];
	/** The function's own environment variables. */
	environment: Record<string, string>;
	layers: LayerArtifact[];
	logFormat: 'Text' | 'JSON';
	applicationLogLevel?: string;
	systemLogLevel?: string;
	logGroup: string;
	/** Hex SHA-256 of the deployment package, and its .zip file. */
	codeSha256Hex: string;
	codePath: string;
	/**
	 * Changes whenever the code or anything above changes (a new RevisionId of
	 * $LATEST, a different version): environments made for another fingerprint
	 * of the same function are retired, never reused.
	 */
	fingerprint: string;
	/** undefined: the function draws on the account's unreserved concurrency. */
	reservedConcurrency?: number;
	/** The file systems it mounts (FileSystemConfigs); undefined: none. */
	fileSystems?: FileSystemMount[];
}

/** A file system of a function: where Lambda mounts it, and the local Lambda's directory that holds it. */
export interface FileSystemMount {
	/** /mnt/... as the function's configuration says. */
	localMountPath: string;
	directory: string;
}

export interface InvocationInput {
	requestId: string;
	/** The ARN the caller invoked, with the qualifier it named (Lambda-Runtime-Invoked-Function-Arn). */
	invokedFunctionArn: string;
	payload: Buffer;
	/** The client context as JSON text (X-Amz-Client-Context, base64-decoded). */
	clientContext?: string;
	cognitoIdentity?: string;
	traceId?: string;
	/** Set when the caller streams the response (InvokeWithResponseStream, a RESPONSE_STREAM function URL). */
	responseStream?: ResponseStreamSink;
}

/**
 * Where a streamed response goes as the runtime posts it (Lambda-Runtime-Function-Response-Mode:
 * streaming): `start` once with the response's Content-Type, then each chunk as it arrives. A
 * runtime that does not stream calls neither; the outcome's payload then holds the whole response.
 */
export interface ResponseStreamSink {
	start(contentType: string): void;
	write(chunk: Buffer): void;
}

export interface InvocationOutcome {
	requestId: string;
	/** The function's response, or the error document when `errorType` is set. */
	payload: Buffer;
	/** Set when the invocation failed: the function's error type, or Sandbox.Timedout, Runtime.ExitError, ... */
	errorType?: string;
	/** This invocation's log (START ... REPORT), at most its last 4 KB. */
	logTail: string;
	durationMs: number;
	billedDurationMs: number;
	maxMemoryUsedMb: number;
	/** Set on a cold start. */
	initDurationMs?: number;
}

export type ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded';

/** Thrown by RuntimeManager.invoke when no concurrency is left for the function. */
export class ThrottleError extends Error {
	readonly reason: ThrottleReason;

	constructor(reason: ThrottleReason) {
		super('Rate Exceeded.');
		this.name = 'ThrottleError';
		this.reason = reason;
	}
}
