// The local Lambda: an HTTP server on 127.0.0.1 that speaks the AWS wire
// protocols, so the AWS SDKs and the AWS CLI work against it with
// --endpoint-url. Each request is routed by protocol: the Lambda REST API
// (restJson1) by its dated paths, the EventBridge Schemas REST API (restJson1)
// by its /v1/ paths, the X-Ray REST API (restJson1) by its paths
// (/TraceSummaries, /Traces, /TraceSegments), STS (awsQuery) by a
// form-encoded POST to /, and the
// deployment packages GetFunction points at (Code.Location). Requests whose
// Host names a function URL (<url-id>.lambda-url.<region>.localhost) are
// answered as that URL (lambda/function-url-http.ts).
// Signatures are not checked: every SigV4 credential is accepted.

import {randomUUID} from 'node:crypto';
import {mkdir} from 'node:fs/promises';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {accountConcurrentExecutions, requestBodyMax} from '../domain/limits.js';
import {systemClock, type Clock} from './clock.js';
import {LambdaError} from './lambda/errors.js';
import {EventQueue} from './lambda/event-queue.js';
import {isFunctionUrlHost, serveFunctionUrl} from './lambda/function-url-http.js';
import {Invoker} from './lambda/invoker.js';
import {LayerService} from './lambda/layers.js';
import {routeLambda} from './lambda/routes.js';
import {restoreProvisionedConcurrency} from './lambda/provisioned-concurrency.js';
import {LambdaService} from './lambda/service.js';
import {LogsService} from './logs/service.js';
import {MetricsService} from './metrics/service.js';
import {RuntimeManager} from './runtime/manager.js';
import {isSchemasPath, SchemasService} from './schemas/service.js';
import {seedDemoFunctions} from './seed.js';
import {seedDemoStateMachines} from './sfn/seed.js';
import {sfnTargetPrefix, SfnService} from './sfn/service.js';
import {FunctionStore} from './store/function-store.js';
import {handleSts, stsError} from './sts/service.js';
import {isXRayPath, XRayService} from './xray/service.js';

export interface LocalLambdaOptions {
	/** State lives here; created if missing. */
	dataDir: string;
	/** 0 or undefined: a free port. */
	port?: number;
	/** Default 'us-east-1' (used in ARNs). */
	region?: string;
	/** Default '123456789012'. */
	accountId?: string;
	/** Pending->Active and InProgress->Successful delay, default 500 ms. */
	transitionDelayMs?: number;
	/** Seed the demo functions into a NEW (empty) data dir; default true. */
	seed?: boolean;
	/** Time for retries, event age, idle reaping and live tail; default the system clock. */
	clock?: Clock;
	/** The account's concurrency limit; default 1000. */
	accountConcurrency?: number;
	/** Idle execution environments stop after this long; default 5 minutes. */
	idleTimeoutMs?: number;
	/** Live tail events a session gets per second; default CloudWatch's 500 (sampled beyond). */
	liveTailEventsPerSecond?: number;
}

export interface LocalLambda {
	/** e.g. 'http://127.0.0.1:45678' */
	endpoint: string;
	port: number;
	region: string;
	accountId: string;
	/**
	 * Create a function exactly as the CreateFunction route would (same
	 * validation, same persistence). Input is the CreateFunction JSON body
	 * shape (FunctionName, Runtime, Role, Handler, Code: {ZipFile: base64}, ...).
	 */
	createFunction(request: Record<string, unknown>): Promise<void>;
	close(): Promise<void>;
}

const codePathPrefix = '/lambdash-local/code/';
/** Bodies beyond the operation's limit are read and dropped up to this much, then the connection is cut. */
const drainLimit = 256 * 1024 * 1024;

type BodyResult = {kind: 'ok'; body: Buffer} | {kind: 'too-large'; received: number} | {kind: 'aborted'};

function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
	return new Promise((resolve) => {
		const declared = Number(request.headers['content-length'] ?? NaN);
		const chunks: Buffer[] = [];
		let received = 0;
		let tooLarge = Number.isFinite(declared) && declared > limit;
		let settled = false;
		const finish = (result: BodyResult): void => {
			if (settled) return;
			settled = true;
			resolve(result);
		};
		request.on('data', (chunk: Buffer) => {
			received += chunk.length;
			if (received > limit) tooLarge = true;
			if (tooLarge) {
				chunks.length = 0;
				if (received > drainLimit) {
					finish({kind: 'too-large', received});
					request.destroy();
				}
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => finish(tooLarge ? {kind: 'too-large', received} : {kind: 'ok', body: Buffer.concat(chunks)}));
		request.on('error', () => finish({kind: 'aborted'}));
		request.on('close', () => finish({kind: 'aborted'}));
	});
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body?: string | Buffer): void {
	if (response.headersSent || response.destroyed) return;
	const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	response.writeHead(status, {...headers, 'Content-Length': String(payload?.length ?? 0)});
	response.end(payload);
}

function sendLambdaError(response: ServerResponse, requestId: string, error: LambdaError): void {
	send(
		response,
		error.status,
		{
			'Content-Type': 'application/json',
			'x-amzn-RequestId': requestId,
			'x-amzn-ErrorType': error.code,
			...error.headers,
		},
		JSON.stringify(error.body()),
	);
}

function operationLabel(operation: string): string {
	return operation === 'Unknown' ? 'requested' : operation;
}

export async function startLocalLambda(options: LocalLambdaOptions): Promise<LocalLambda> {
	const region = options.region ?? 'us-east-1';
	const accountId = options.accountId ?? '123456789012';
	await mkdir(options.dataDir, {recursive: true, mode: 0o700});
	const clock = options.clock ?? systemClock;
	// Independent stores under the data directory: read side by side (the console waits for them before its first frame).
	const [store, layers, logs, metrics, schemas, xray, sfn] = await Promise.all([
		FunctionStore.open(options.dataDir),
		LayerService.open({dataDir: options.dataDir, region, accountId}),
		LogsService.open({dataDir: options.dataDir, region, accountId, clock, ...(options.liveTailEventsPerSecond === undefined ? {} : {liveTailEventsPerUpdate: options.liveTailEventsPerSecond})}),
		MetricsService.open({dataDir: options.dataDir, clock}),
		SchemasService.open({dataDir: options.dataDir, region, accountId, clock}),
		XRayService.open({dataDir: options.dataDir, clock}),
		SfnService.open({dataDir: options.dataDir, region, accountId, clock}),
	]);
	let endpoint = '';
	const service = new LambdaService({
		store,
		region,
		accountId,
		transitionDelayMs: options.transitionDelayMs ?? 500,
		codeUrl: (hex) => `${endpoint}${codePathPrefix}${hex}.zip`,
		layers,
	});
	const runtime = new RuntimeManager({
		workDir: join(options.dataDir, 'runtime'),
		region,
		accountId,
		clock,
		logs,
		accountConcurrency: options.accountConcurrency ?? accountConcurrentExecutions,
		reservedTotal: () => service.reservedTotal(),
		idleTimeoutMs: options.idleTimeoutMs ?? 5 * 60_000,
	});
	const invoker = new Invoker({service, runtime, metrics, clock, traces: xray});
	const events = new EventQueue({clock, metrics, logs, service, run: (event) => invoker.runEvent(event)});
	service.attach({invoker, events});
	restoreProvisionedConcurrency(service);
	if (store.isNew && options.seed !== false) {
		await seedDemoFunctions(service);
		await seedDemoStateMachines(sfn, region, accountId);
		await store.markInitialized(true);
	} else if (!store.isInitialized) {
		await store.markInitialized(false);
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const requestId = randomUUID();
		const method = request.method ?? 'GET';
		let url: URL;
		try {
			url = new URL(request.url ?? '/', 'http://127.0.0.1');
		} catch {
			sendLambdaError(response, requestId, new LambdaError('UnknownOperationException', 'Unknown operation: the request URL cannot be parsed'));
			request.resume();
			return;
		}

		// Function URLs, by their Host (<url-id>.lambda-url.<region>.localhost).
		if (isFunctionUrlHost(request.headers.host)) {
			await serveFunctionUrl(service, request, response);
			return;
		}

		// Deployment packages (GetFunction's Code.Location).
		if (url.pathname.startsWith(codePathPrefix)) {
			request.resume();
			const name = url.pathname.slice(codePathPrefix.length);
			const file = name.endsWith('.zip') ? service.codeFile(name.slice(0, -'.zip'.length)) : undefined;
			if ((method !== 'GET' && method !== 'HEAD') || file === undefined) {
				send(
					response,
					404,
					{'Content-Type': 'application/xml', 'x-amz-request-id': requestId},
					`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>${requestId}</RequestId></Error>\n`,
				);
				return;
			}
			const code = await store.readCode(name.slice(0, -'.zip'.length)).catch(() => undefined);
			if (code === undefined) {
				send(response, 404, {'Content-Type': 'application/xml'}, '<Error><Code>NoSuchKey</Code></Error>\n');
				return;
			}
			response.writeHead(200, {'Content-Type': 'application/zip', 'Content-Length': String(code.length), 'x-amz-request-id': requestId});
			response.end(method === 'HEAD' ? undefined : code);
			return;
		}

		// awsQuery (STS) and awsJson services post to "/".
		if (url.pathname === '/' && method === 'POST') {
			const result = await readBody(request, requestBodyMax);
			if (result.kind === 'aborted') return;
			const target = request.headers['x-amz-target'];
			if (typeof target === 'string' && result.kind === 'ok') {
				if (target.startsWith('Logs_20140328.')) {
					await logs.handle(target, result.body, request, response, requestId);
					return;
				}
				if (target.startsWith('GraniteServiceVersion20100801.')) {
					await metrics.handle(target, result.body, response, requestId);
					return;
				}
				if (target.startsWith(sfnTargetPrefix)) {
					await sfn.handle(target, result.body, response, requestId);
					return;
				}
			}
			if (typeof target === 'string' && result.kind === 'too-large') {
				send(
					response,
					413,
					{'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': 'RequestEntityTooLargeException'},
					JSON.stringify({__type: 'RequestEntityTooLargeException', message: `Request must be smaller than ${requestBodyMax} bytes`}),
				);
				return;
			}
			if (typeof target === 'string') {
				send(
					response,
					400,
					{'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': 'UnknownOperationException'},
					JSON.stringify({__type: 'UnknownOperationException', message: `The local Lambda does not serve ${target}`}),
				);
				return;
			}
			if (result.kind === 'too-large') {
				const error = stsError('RequestEntityTooLarge', `Request must be smaller than ${requestBodyMax} bytes`, 413);
				send(response, error.status, {'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId}, error.body);
				return;
			}
			const reply = handleSts(new URLSearchParams(result.body.toString('utf8')), accountId);
			send(response, reply.status, {'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId}, reply.body);
			return;
		}

		// The EventBridge Schemas REST API (shareable test events).
		if (isSchemasPath(url.pathname)) {
			const result = await readBody(request, requestBodyMax);
			if (result.kind === 'aborted') return;
			const reply = result.kind === 'too-large' ? schemas.tooLarge(requestBodyMax) : await schemas.handle(method, url, result.body);
			send(response, reply.status, {'x-amzn-RequestId': requestId, ...reply.headers}, reply.body);
			return;
		}

		// The X-Ray REST API (traces of functions with active tracing).
		if (isXRayPath(url.pathname)) {
			const result = await readBody(request, requestBodyMax);
			if (result.kind === 'aborted') return;
			const reply = result.kind === 'too-large' ? xray.tooLarge(requestBodyMax) : await xray.handle(method, url.pathname, result.body);
			send(response, reply.status, {'x-amzn-RequestId': requestId, ...reply.headers}, reply.body);
			return;
		}

		// The Lambda REST API.
		const route = routeLambda(method, url);
		const result = await readBody(request, route.bodyLimit);
		if (result.kind === 'aborted') return;
		if (result.kind === 'too-large') {
			sendLambdaError(
				response,
				requestId,
				new LambdaError(
					'RequestEntityTooLargeException',
					`Request must be smaller than ${route.bodyLimit} bytes for the ${operationLabel(route.operation)} operation`,
				),
			);
			return;
		}
		const reply = await route.run(service, result.body, request.headers);
		const headers = {'x-amzn-RequestId': requestId, ...reply.headers};
		if (reply.stream !== undefined) {
			await reply.stream(response);
		} else if (reply.raw !== undefined) {
			send(response, reply.status, {...headers, 'Content-Type': reply.raw.contentType}, reply.raw.data);
		} else if (reply.body === undefined) {
			send(response, reply.status, headers);
		} else {
			send(response, reply.status, {...headers, 'Content-Type': 'application/json'}, JSON.stringify(reply.body));
		}
	}

	const server: Server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			const requestId = randomUUID();
			if (error instanceof LambdaError) {
				sendLambdaError(response, requestId, error);
				return;
			}
			process.stderr.write(`local Lambda: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			sendLambdaError(response, requestId, new LambdaError('ServiceException', 'The local Lambda hit an internal error.'));
		});
	});
	server.on('clientError', (_error, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
		else socket.destroy();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	endpoint = `http://127.0.0.1:${port}`;

	let closing: Promise<void> | undefined;
	return {
		endpoint,
		port,
		region,
		accountId,
		async createFunction(request: Record<string, unknown>): Promise<void> {
			await service.createFunction(request);
		},
		close(): Promise<void> {
			closing ??= (async () => {
				service.close();
				events.close();
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					server.closeAllConnections();
				});
				await runtime.close();
				await Promise.all([store.flush(), logs.close(), metrics.close(), layers.close(), schemas.close(), xray.close(), sfn.close()]);
			})();
			return closing;
		},
	};
}
