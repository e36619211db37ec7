// Function URLs answered for real. The local Lambda's server hands over every
// request whose Host names a function URL (<url-id>.lambda-url.<region>.localhost,
// any port: curl and browsers resolve *.localhost to loopback; or
// http://127.0.0.1:<port>/ with that Host header), and this answers it as
// Lambda does:
//
// - AuthType AWS_IAM needs a SigV4-signed request (an Authorization header
//   "AWS4-HMAC-SHA256 Credential=...", or a presigned query); without one the
//   answer is 403 {"Message":"Forbidden"}. Signatures are not verified: every
//   credential is accepted, as everywhere in the local Lambda.
// - With Cors configured, a preflight (OPTIONS with Origin and
//   Access-Control-Request-Method) is answered by the URL itself, and every
//   other answer to a request with an Origin carries the CORS headers of the
//   configuration in place of any the function returned.
// - The function gets the payload format 2.0 event (function-url-event.ts);
//   its result becomes the HTTP response; a function error (or a result that
//   is not JSON) is 502 "Internal Server Error"; a throttle is 429.
// - InvokeMode RESPONSE_STREAM sends the response as the function streams it
//   (chunked), status and headers from its HTTP integration prelude when it
//   opens with one; a function that does not stream is answered as BUFFERED.
// - A URL that does not exist (deleted, or its function or alias deleted) is
//   403 Forbidden, which is what an unknown URL's host answers.

import {randomUUID} from 'node:crypto';
import type {IncomingMessage, OutgoingHttpHeaders, ServerResponse} from 'node:http';
import {corsAllows, parseFunctionUrlHost, type FunctionUrlCors} from '../../domain/function-url.js';
import {invokePayloadSyncMax} from '../../domain/limits.js';
import {ThrottleError, type ResponseStreamSink} from '../runtime/types.js';
import {LambdaError} from './errors.js';
import {httpIntegrationContentType, splitPrelude, urlEvent, urlResponse, type UrlResponse} from './function-url-event.js';
import type {FunctionUrlRecord} from './function-url-store.js';
import {functionUrlsOf, urlTargetExists} from './function-urls.js';
import type {LambdaService} from './service.js';

/** Whether a request's Host header names a function URL. */
export function isFunctionUrlHost(host: string | undefined): boolean {
	return host !== undefined && parseFunctionUrlHost(host) !== undefined;
}

function sendJson(response: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: unknown): void {
	if (response.headersSent || response.destroyed) return;
	const data = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	response.writeHead(status, {'Content-Type': 'application/json', ...headers, 'Content-Length': String(data.length)});
	response.end(data);
}

function forbidden(response: ServerResponse, requestId: string): void {
	sendJson(response, 403, {'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': 'AccessDeniedException'}, {Message: 'Forbidden'});
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | undefined> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const finish = (result: Buffer | 'too-large' | undefined): void => {
			if (settled) return;
			settled = true;
			resolve(result);
		};
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				chunks.length = 0;
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => finish(size > limit ? 'too-large' : Buffer.concat(chunks)));
		request.on('error', () => finish(undefined));
		request.on('close', () => finish(undefined));
	});
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The access key of a SigV4-signed request (header or presigned query); undefined when it is not signed. */
export function sigV4AccessKey(authorization: string | undefined, query: URLSearchParams): string | undefined {
	if (authorization !== undefined) {
		const match = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\//.exec(authorization.trim());
		return match?.[1];
	}
	if (query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' && query.get('X-Amz-Signature') !== null) {
		return /^([^/]+)\//.exec(query.get('X-Amz-Credential') ?? '')?.[1];
	}
	return undefined;
}

/** The CORS headers of an answer to a request from `origin` (none when the origin is not allowed). */
function corsHeaders(cors: FunctionUrlCors, origin: string): Record<string, string> {
	if (!corsAllows(cors.allowOrigins, origin)) return {};
	const wildcard = cors.allowOrigins?.includes('*') === true && cors.allowCredentials !== true;
	const headers: Record<string, string> = {'access-control-allow-origin': wildcard ? '*' : origin};
	if (cors.exposeHeaders !== undefined && cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
	if (cors.allowCredentials === true) headers['access-control-allow-credentials'] = 'true';
	headers['vary'] = 'Origin';
	return headers;
}

function preflight(response: ServerResponse, requestId: string, cors: FunctionUrlCors, origin: string, method: string): void {
	const headers: Record<string, string> = {'x-amzn-RequestId': requestId};
	if (corsAllows(cors.allowOrigins, origin) && corsAllows(cors.allowMethods, method, true)) {
		Object.assign(headers, corsHeaders(cors, origin));
		delete headers['access-control-expose-headers'];
		headers['access-control-allow-methods'] = (cors.allowMethods ?? []).join(',');
		if (cors.allowHeaders !== undefined && cors.allowHeaders.length > 0) headers['access-control-allow-headers'] = cors.allowHeaders.join(',');
		if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
	}
	response.writeHead(200, {...headers, 'Content-Length': '0'});
	response.end();
}

/** The response's headers: the function's, with the URL's CORS headers in place of any CORS headers it set. */
function responseHeaders(url: FunctionUrlRecord, origin: string | undefined, requestId: string, mapped: UrlResponse): OutgoingHttpHeaders {
	const headers: OutgoingHttpHeaders = {};
	for (const [name, value] of Object.entries(mapped.headers)) {
		if (url.cors !== undefined && name.startsWith('access-control-')) continue;
		headers[name] = value;
	}
	if (url.cors !== undefined && origin !== undefined) Object.assign(headers, corsHeaders(url.cors, origin));
	if (mapped.cookies.length > 0) headers['set-cookie'] = mapped.cookies;
	headers['x-amzn-requestid'] = requestId;
	return headers;
}

function badGateway(response: ServerResponse, requestId: string): void {
	sendJson(response, 502, {'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': 'InternalServerErrorException'}, 'Internal Server Error');
}

/** Sends what the function's buffered result maps to. */
function sendBuffered(response: ServerResponse, url: FunctionUrlRecord, origin: string | undefined, requestId: string, payload: Buffer): void {
	const mapped = urlResponse(payload);
	if (mapped === undefined) {
		badGateway(response, requestId);
		return;
	}
	const headers = responseHeaders(url, origin, requestId, mapped);
	headers['content-length'] = String(mapped.body.length);
	response.writeHead(mapped.statusCode, headers);
	response.end(mapped.body);
}

/**
 * A sink that writes a streamed response to the HTTP response as it comes:
 * after the HTTP integration prelude when the stream opens with one.
 */
class UrlStream implements ResponseStreamSink {
	/** The stream began (whether or not its headers could be written yet). */
	started = false;
	private prelude: Buffer[] | undefined;

	constructor(
		private readonly response: ServerResponse,
		private readonly url: FunctionUrlRecord,
		private readonly origin: string | undefined,
		private readonly requestId: string,
	) {}

	start(contentType: string): void {
		this.started = true;
		if (contentType === httpIntegrationContentType) {
			this.prelude = [];
			return;
		}
		this.open({statusCode: 200, headers: {'content-type': contentType}, cookies: [], body: Buffer.alloc(0)});
	}

	write(chunk: Buffer): void {
		if (this.response.destroyed) return;
		if (this.prelude === undefined) {
			this.response.write(chunk);
			return;
		}
		this.prelude.push(chunk);
		const split = splitPrelude(Buffer.concat(this.prelude));
		if (split === undefined) return;
		this.prelude = undefined;
		this.open(split.response);
		if (split.rest.length > 0) this.response.write(split.rest);
	}

	/** Ends the response; a stream that never got past its prelude is a 502. */
	end(): void {
		if (!this.response.headersSent) {
			badGateway(this.response, this.requestId);
			return;
		}
		this.response.end();
	}

	private open(mapped: UrlResponse): void {
		if (this.response.headersSent || this.response.destroyed) return;
		this.response.writeHead(mapped.statusCode, responseHeaders(this.url, this.origin, this.requestId, mapped));
		// Each chunk goes out at once.
		this.response.flushHeaders();
	}
}

/** Answers a request to a function URL (the Host header names one). */
export async function serveFunctionUrl(service: LambdaService, request: IncomingMessage, response: ServerResponse): Promise<void> {
	const requestId = randomUUID();
	const host = parseFunctionUrlHost(headerOf(request, 'host') ?? '');
	const url = host === undefined ? undefined : functionUrlsOf(service).get(host.urlId);
	if (host === undefined || url === undefined || host.region !== service.region || !urlTargetExists(service, url)) {
		request.resume();
		forbidden(response, requestId);
		return;
	}
	const method = request.method ?? 'GET';
	const origin = headerOf(request, 'origin');
	const requestedMethod = headerOf(request, 'access-control-request-method');
	const rawUrl = request.url ?? '/';
	const query = new URLSearchParams(rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '');
	if (url.cors !== undefined && method === 'OPTIONS' && origin !== undefined && requestedMethod !== undefined) {
		request.resume();
		preflight(response, requestId, url.cors, origin, requestedMethod);
		return;
	}
	const accessKey = sigV4AccessKey(headerOf(request, 'authorization'), query);
	if (url.authType === 'AWS_IAM' && accessKey === undefined) {
		request.resume();
		forbidden(response, requestId);
		return;
	}
	const body = await readBody(request, invokePayloadSyncMax);
	if (body === undefined) return;
	if (body === 'too-large') {
		sendJson(response, 413, {'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': 'RequestEntityTooLargeException'}, {Message: 'Request Entity Too Large'});
		return;
	}
	const event = urlEvent({
		method,
		url: rawUrl,
		rawHeaders: request.rawHeaders,
		body,
		sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
		urlId: url.urlId,
		region: service.region,
		accountId: url.authType === 'AWS_IAM' ? service.accountId : 'anonymous',
		...(url.authType === 'AWS_IAM' && accessKey !== undefined ? {accessKey} : {}),
		requestId,
		now: new Date(service.invoker.clock.now()),
		protocol: `HTTP/${request.httpVersion}`,
	});
	const stream = url.invokeMode === 'RESPONSE_STREAM' ? new UrlStream(response, url, origin, requestId) : undefined;
	let outcome;
	try {
		const target = service.invoker.target(url.functionName, url.qualifier);
		outcome = await service.invoker.run(target, {
			requestId,
			payload: Buffer.from(JSON.stringify(event)),
			...(stream === undefined ? {} : {responseStream: stream}),
		});
	} catch (error) {
		if (error instanceof ThrottleError) {
			sendJson(response, 429, {'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': 'TooManyRequestsException'}, {Message: 'Rate Exceeded.'});
			return;
		}
		if (error instanceof LambdaError) {
			sendJson(response, error.status, {'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': error.code}, {Message: error.message});
			return;
		}
		throw error;
	}
	if (stream?.started === true) {
		stream.end();
		return;
	}
	if (outcome.errorType !== undefined) {
		badGateway(response, requestId);
		return;
	}
	sendBuffered(response, url, origin, requestId, outcome.payload);
}
