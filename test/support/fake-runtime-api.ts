// A minimal Lambda Runtime API on loopback for testing the runtime bootstraps: it hands out
// queued invocations with Lambda's headers (GET /2018-06-01/runtime/invocation/next), records
// what the bootstrap posts back (responses, invocation errors, init errors), and reads the
// telemetry frames a bootstrap writes to its log fd.
import {randomUUID} from 'node:crypto';
import {createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Readable} from 'node:stream';

export interface Invocation {
	/** The event: serialised as JSON unless it is already a Buffer. */
	event: unknown;
	requestId?: string;
	/** The deadline is this far from the moment the invocation is handed out (default 30 s). */
	timeoutMs?: number;
	invokedFunctionArn?: string;
	traceId?: string;
	/** JSON text, as Lambda-Runtime-Client-Context carries it. */
	clientContext?: string;
	/** JSON text, as Lambda-Runtime-Cognito-Identity carries it. */
	cognitoIdentity?: string;
}

/** What the bootstrap reported for an invocation. */
export interface Reported {
	requestId: string;
	kind: 'response' | 'error';
	headers: IncomingHttpHeaders;
	body: Buffer;
	/** The deadline (epoch ms) handed out with the invocation. */
	deadlineMs: number;
}

export interface InitError {
	headers: IncomingHttpHeaders;
	body: Buffer;
}

interface Pending {
	invocation: Invocation;
	requestId: string;
	resolve: (reported: Reported) => void;
	deadlineMs: number;
}

export const defaultFunctionArn = 'arn:aws:lambda:us-east-1:123456789012:function:demo';

export class FakeRuntimeApi {
	private readonly queue: Pending[] = [];
	private readonly inFlight = new Map<string, Pending>();
	private readonly waiting: ServerResponse[] = [];
	private readonly initErrorWaiters: Array<(error: InitError) => void> = [];
	private readonly pollWaiters: Array<() => void> = [];
	/** Every init error posted, in order. */
	readonly initErrors: InitError[] = [];
	/** Every invocation result posted, in order (including ones for unknown request ids). */
	readonly reports: Reported[] = [];
	/** How many times the bootstrap asked for the next invocation. */
	polls = 0;

	private constructor(private readonly server: Server) {}

	static async start(): Promise<FakeRuntimeApi> {
		let api: FakeRuntimeApi | undefined;
		const server = createServer((request, response) => {
			api?.route(request, response);
		});
		api = new FakeRuntimeApi(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return api;
	}

	/** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
	get address(): string {
		const {port} = this.server.address() as AddressInfo;
		return `127.0.0.1:${port}`;
	}

	/** Queues an invocation; resolves with what the bootstrap posts for it. */
	invoke(invocation: Invocation): Promise<Reported> {
		return new Promise((resolve) => {
			const pending: Pending = {invocation, requestId: invocation.requestId ?? randomUUID(), resolve, deadlineMs: 0};
			this.queue.push(pending);
			this.dispatch();
		});
	}

	/** Resolves with the first init error posted. */
	initError(): Promise<InitError> {
		const first = this.initErrors[0];
		if (first) return Promise.resolve(first);
		return new Promise((resolve) => this.initErrorWaiters.push(resolve));
	}

	/** Resolves once the bootstrap has asked for an invocation (its init is over). */
	polled(): Promise<void> {
		if (this.polls > 0) return Promise.resolve();
		return new Promise((resolve) => this.pollWaiters.push(resolve));
	}

	async close(): Promise<void> {
		for (const response of this.waiting.splice(0)) response.destroy();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private route(request: IncomingMessage, response: ServerResponse): void {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks);
			const path = request.url ?? '';
			if (request.method === 'GET' && path === '/2018-06-01/runtime/invocation/next') {
				this.polls += 1;
				for (const waiter of this.pollWaiters.splice(0)) waiter();
				this.waiting.push(response);
				this.dispatch();
				return;
			}
			if (request.method === 'POST' && path === '/2018-06-01/runtime/init/error') {
				const error = {headers: request.headers, body};
				this.initErrors.push(error);
				for (const waiter of this.initErrorWaiters.splice(0)) waiter(error);
				accepted(response);
				return;
			}
			const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(path);
			if (request.method === 'POST' && match) {
				const requestId = decodeURIComponent(match[1] ?? '');
				const pending = this.inFlight.get(requestId);
				const reported: Reported = {
					requestId,
					kind: match[2] === 'error' ? 'error' : 'response',
					headers: request.headers,
					body,
					deadlineMs: pending?.deadlineMs ?? 0,
				};
				this.reports.push(reported);
				if (!pending) {
					response.writeHead(400, {'Content-Type': 'application/json'});
					response.end(JSON.stringify({errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID'}));
					return;
				}
				this.inFlight.delete(requestId);
				accepted(response);
				pending.resolve(reported);
				return;
			}
			response.writeHead(404, {'Content-Type': 'application/json'});
			response.end(JSON.stringify({errorMessage: 'Not found', errorType: 'NotFound'}));
		});
	}

	private dispatch(): void {
		while (this.queue.length > 0 && this.waiting.length > 0) {
			const pending = this.queue.shift() as Pending;
			const response = this.waiting.shift() as ServerResponse;
			const {invocation} = pending;
			pending.deadlineMs = Date.now() + (invocation.timeoutMs ?? 30_000);
			this.inFlight.set(pending.requestId, pending);
			const body = Buffer.isBuffer(invocation.event) ? invocation.event : Buffer.from(JSON.stringify(invocation.event));
			const headers: Record<string, string> = {
				'Content-Type': 'application/json',
				'Lambda-Runtime-Aws-Request-Id': pending.requestId,
				'Lambda-Runtime-Deadline-Ms': String(pending.deadlineMs),
				'Lambda-Runtime-Invoked-Function-Arn': invocation.invokedFunctionArn ?? defaultFunctionArn,
			};
			if (invocation.traceId !== undefined) headers['Lambda-Runtime-Trace-Id'] = invocation.traceId;
			if (invocation.clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = invocation.clientContext;
			if (invocation.cognitoIdentity !== undefined) headers['Lambda-Runtime-Cognito-Identity'] = invocation.cognitoIdentity;
			response.writeHead(200, {...headers, 'Content-Length': String(body.length)});
			response.end(body);
		}
	}
}

function accepted(response: ServerResponse): void {
	response.writeHead(202, {'Content-Type': 'application/json'});
	response.end(JSON.stringify({status: 'OK'}));
}

/** One record a runtime wrote to the telemetry fd. */
export interface TelemetryFrame {
	type: number;
	/** Microseconds since the epoch. */
	timestampUs: bigint;
	message: string;
}

/** Reads the frames (type, length, timestamp, payload; big-endian) from a telemetry pipe. */
export class TelemetryReader {
	readonly frames: TelemetryFrame[] = [];
	/** Bytes left over that do not make a whole frame. */
	private rest = Buffer.alloc(0);
	private readonly ended: Promise<void>;

	constructor(stream: Readable) {
		stream.on('data', (chunk: Buffer) => {
			this.rest = Buffer.concat([this.rest, chunk]);
			this.parse();
		});
		this.ended = new Promise((resolve) => {
			stream.on('close', () => resolve());
			stream.on('end', () => resolve());
		});
	}

	/** Resolves when the writer has closed its end (the process is gone). */
	async closed(): Promise<TelemetryFrame[]> {
		await this.ended;
		return this.frames;
	}

	/** Bytes received that do not form a whole frame (none when the writer framed correctly). */
	get leftover(): number {
		return this.rest.length;
	}

	private parse(): void {
		while (this.rest.length >= 16) {
			const length = this.rest.readUInt32BE(4);
			if (this.rest.length < 16 + length) return;
			this.frames.push({
				type: this.rest.readUInt32BE(0),
				timestampUs: this.rest.readBigUInt64BE(8),
				message: this.rest.subarray(16, 16 + length).toString('utf8'),
			});
			this.rest = this.rest.subarray(16 + length);
		}
	}
}
