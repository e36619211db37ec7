// A streamed invocation response, as a runtime posts it to the Runtime API:
// POST .../invocation/<id>/response with Lambda-Runtime-Function-Response-Mode:
// streaming, a chunked body, and, when the function failed midway, the
// trailers Lambda-Runtime-Function-Error-Type and
// Lambda-Runtime-Function-Error-Body (the error document, base64). Each chunk
// goes to the caller's sink as it arrives (when the caller streams); the
// whole body is kept as well, for callers that take the response at once.

import type {IncomingMessage} from 'node:http';
import type {ReadBody} from './runtime-api.js';
import type {ResponseStreamSink} from './types.js';

/** A streamed response may be this large (Lambda's soft limit: 20 MB); beyond it the invocation fails. */
export const streamedResponseMax = 20 * 1024 * 1024;
/** Without a streaming caller the response is buffered: Lambda's 6 MB limit for a synchronous response applies. */
export const bufferedStreamMax = 6 * 1024 * 1024 + 100;

export interface StreamedRead extends ReadBody {
	/** Set when the runtime reported an error in the trailers. */
	failure?: {errorType: string; payload: Buffer};
}

export function isStreamedResponse(request: IncomingMessage): boolean {
	const mode = request.headers['lambda-runtime-function-response-mode'];
	return (Array.isArray(mode) ? mode[0] : mode)?.toLowerCase() === 'streaming';
}

function trailer(request: IncomingMessage, name: string): string | undefined {
	const value = request.trailers[name];
	return value === undefined || value === '' ? undefined : value;
}

/** Reads a streamed response, handing each chunk to `sink` as it arrives; undefined when the connection broke. */
export function readStreamedResponse(request: IncomingMessage, sink: ResponseStreamSink | undefined): Promise<StreamedRead | undefined> {
	const limit = sink === undefined ? bufferedStreamMax : streamedResponseMax;
	const header = request.headers['content-type'];
	const contentType = (Array.isArray(header) ? header[0] : header) ?? 'application/octet-stream';
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let started = false;
		let settled = false;
		const finish = (result: StreamedRead | undefined): void => {
			if (settled) return;
			settled = true;
			resolve(result);
		};
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				chunks.length = 0;
				finish({body: Buffer.alloc(0), size, tooLarge: true});
				request.destroy();
				return;
			}
			chunks.push(chunk);
			if (sink !== undefined) {
				if (!started) sink.start(contentType);
				started = true;
				sink.write(chunk);
			}
		});
		request.on('end', () => {
			const read: StreamedRead = {body: Buffer.concat(chunks, size), size, tooLarge: false};
			const errorType = trailer(request, 'lambda-runtime-function-error-type');
			if (errorType !== undefined) {
				const encoded = trailer(request, 'lambda-runtime-function-error-body');
				const document = encoded === undefined ? '' : Buffer.from(encoded, 'base64').toString('utf8');
				read.failure = {
					errorType,
					payload: Buffer.from(document === '' ? JSON.stringify({errorMessage: 'Unknown application error occurred', errorType}) : document),
				};
			} else if (sink !== undefined && !started) {
				sink.start(contentType);
			}
			finish(read);
		});
		request.on('error', () => finish(undefined));
		request.on('close', () => finish(undefined));
	});
}
