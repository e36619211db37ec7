// The Lambda Runtime API (2018-06-01) that environments talk to, on
// loopback. Each environment gets its own port (AWS_LAMBDA_RUNTIME_API is a
// host:port, so a port is how a request says which environment it comes
// from): a small listener per environment hands its connections to one
// shared HTTP server, which routes a request to the environment its socket
// belongs to. Connections stay open between invocations (keep-alive, no
// idle timeout): a runtime waits for its next event in a long poll.
//
// Answers are those of the real Runtime API: 202 {"status":"OK"}, 400
// InvalidRequestID for an unknown or finished request id, 403
// InvalidStateTransition for a call out of turn, 413 RequestEntityTooLarge
// for a response over the payload limit, 404 for any other path.

import {createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket} from 'node:net';

/** The largest response a runtime may post: 6 MB and the 100 bytes Lambda allows beyond it. */
export const responsePayloadMax = 6 * 1024 * 1024 + 100;
/** A body beyond the limit is read (to count it) up to this much, then the connection is cut. */
const drainMax = 64 * 1024 * 1024;

const base = '/2018-06-01/runtime';

export interface ReadBody {
	body: Buffer;
	/** Bytes the runtime sent; more than the limit when `tooLarge`. */
	size: number;
	tooLarge: boolean;
}

/** What an environment does with the calls its runtime makes. */
export interface RuntimeApiHandler {
	next(request: IncomingMessage, response: ServerResponse): void;
	invocationResponse(requestId: string, request: IncomingMessage, response: ServerResponse): void;
	invocationError(requestId: string, request: IncomingMessage, response: ServerResponse): void;
	initError(request: IncomingMessage, response: ServerResponse): void;
}

export interface RuntimeApiEndpoint {
	/** host:port: the value of AWS_LAMBDA_RUNTIME_API. */
	address: string;
	/** Stops listening and cuts every connection of this environment. */
	close(): void;
}

interface Attachment {
	handler: RuntimeApiHandler;
	sockets: Set<Socket>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	if (response.headersSent || response.destroyed) return;
	const data = Buffer.from(JSON.stringify(body));
	response.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': String(data.length)});
	response.end(data);
}

export function accepted(response: ServerResponse): void {
	sendJson(response, 202, {status: 'OK'});
}

export function invalidRequestId(response: ServerResponse): void {
	sendJson(response, 400, {errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID'});
}

export function invalidStateTransition(response: ServerResponse, from: string, to: string): void {
	sendJson(response, 403, {
		errorMessage: `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`,
		errorType: 'InvalidStateTransition',
	});
}

export function payloadTooLarge(response: ServerResponse): void {
	sendJson(response, 413, {
		errorMessage: `Exceeded maximum allowed payload size (${responsePayloadMax} bytes).`,
		errorType: 'RequestEntityTooLarge',
	});
}

/** Reads a request's body, keeping at most `limit` bytes. */
export function readBody(request: IncomingMessage, limit = responsePayloadMax): Promise<ReadBody | undefined> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const finish = (result: ReadBody | undefined): void => {
			if (settled) return;
			settled = true;
			resolve(result);
		};
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				chunks.length = 0;
				if (size > drainMax) {
					finish({body: Buffer.alloc(0), size, tooLarge: true});
					request.destroy();
				}
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => finish({body: size > limit ? Buffer.alloc(0) : Buffer.concat(chunks, size), size, tooLarge: size > limit}));
		request.on('error', () => finish(undefined));
		request.on('close', () => finish(undefined));
	});
}

export class RuntimeApiServer {
	private readonly http: Server;
	private readonly bySocket = new WeakMap<Socket, Attachment>();

	constructor() {
		this.http = createHttpServer({keepAlive: true, noDelay: true}, (request, response) => this.route(request, response));
		// A runtime's connection waits in /next for as long as the environment is idle.
		this.http.keepAliveTimeout = 0;
		this.http.requestTimeout = 0;
		this.http.headersTimeout = 60_000;
		this.http.on('clientError', (_error, socket) => socket.destroy());
	}

	/** A new endpoint on 127.0.0.1 and a free port, served by `handler`. */
	async open(handler: RuntimeApiHandler): Promise<RuntimeApiEndpoint> {
		const attachment: Attachment = {handler, sockets: new Set()};
		const listener: NetServer = createNetServer({noDelay: true}, (socket) => {
			socket.unref();
			attachment.sockets.add(socket);
			socket.once('close', () => attachment.sockets.delete(socket));
			this.bySocket.set(socket, attachment);
			this.http.emit('connection', socket);
		});
		await new Promise<void>((resolve, reject) => {
			listener.once('error', reject);
			listener.listen(0, '127.0.0.1', () => {
				listener.off('error', reject);
				resolve();
			});
		});
		listener.unref();
		const {port} = listener.address() as AddressInfo;
		return {
			address: `127.0.0.1:${port}`,
			close: () => {
				listener.close();
				for (const socket of attachment.sockets) socket.destroy();
				attachment.sockets.clear();
			},
		};
	}

	close(): void {
		this.http.closeAllConnections();
	}

	private route(request: IncomingMessage, response: ServerResponse): void {
		const attachment = this.bySocket.get(request.socket);
		if (attachment === undefined) {
			request.socket.destroy();
			return;
		}
		const {handler} = attachment;
		const path = (request.url ?? '').split('?')[0] ?? '';
		const method = request.method ?? 'GET';
		if (path === `${base}/invocation/next`) {
			if (method !== 'GET') return notAllowed(request, response);
			request.resume();
			handler.next(request, response);
			return;
		}
		if (path === `${base}/init/error`) {
			if (method !== 'POST') return notAllowed(request, response);
			handler.initError(request, response);
			return;
		}
		const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(path);
		if (match !== null) {
			if (method !== 'POST') return notAllowed(request, response);
			let requestId: string;
			try {
				requestId = decodeURIComponent(match[1] ?? '');
			} catch {
				request.resume();
				invalidRequestId(response);
				return;
			}
			if (match[2] === 'response') handler.invocationResponse(requestId, request, response);
			else handler.invocationError(requestId, request, response);
			return;
		}
		request.resume();
		const data = Buffer.from('404 page not found\n');
		response.writeHead(404, {'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(data.length)});
		response.end(data);
	}
}

function notAllowed(request: IncomingMessage, response: ServerResponse): void {
	request.resume();
	response.writeHead(405, {'Content-Length': '0'});
	response.end();
}
