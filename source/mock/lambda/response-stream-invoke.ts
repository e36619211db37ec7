// InvokeWithResponseStream (restJson1: POST
// /2021-11-15/functions/{FunctionName}/response-streaming-invocations), as
// Lambda answers it: the request is checked like Invoke's (InvocationType
// RequestResponse or DryRun, LogType None or Tail, a JSON payload, the
// function, version or alias must exist); DryRun answers 204; otherwise 200
// with X-Amz-Executed-Version, Content-Type the stream's content type, and an
// event stream: a PayloadChunk for each chunk the function streams (a
// function that does not stream sends its whole response as one), then
// InvokeComplete, with ErrorCode and ErrorDetails when the function failed
// and LogResult (the log's last 4 KB, base64) with LogType Tail.
// Errors before the stream starts (throttling: TooManyRequestsException) are
// ordinary Lambda errors.

import {randomUUID} from 'node:crypto';
import type {ServerResponse} from 'node:http';
import {ThrottleError, type InvocationOutcome, type ResponseStreamSink} from '../runtime/types.js';
import {LambdaError} from './errors.js';
import {encodeEvent} from './event-stream.js';
import {checkPayload, decodeClientContext, enumError, header} from './invoke-routes.js';
import type {RequestHeaders} from './routes.js';
import type {LambdaService, Reply} from './service.js';

const invocationTypes = ['RequestResponse', 'DryRun'];
const logTypes = ['None', 'Tail'];

function sendError(response: ServerResponse, requestId: string, error: LambdaError): void {
	if (response.headersSent || response.destroyed) return;
	const data = Buffer.from(JSON.stringify(error.body()));
	response.writeHead(error.status, {
		'Content-Type': 'application/json',
		'x-amzn-RequestId': requestId,
		'x-amzn-ErrorType': error.code,
		...error.headers,
		'Content-Length': String(data.length),
	});
	response.end(data);
}

/** The event stream of one invocation, written as the function streams. */
class EventStreamSink implements ResponseStreamSink {
	constructor(
		private readonly response: ServerResponse,
		private readonly headers: Record<string, string>,
	) {}

	start(contentType: string): void {
		if (this.response.headersSent || this.response.destroyed) return;
		this.response.writeHead(200, {...this.headers, 'Content-Type': contentType});
		this.response.flushHeaders();
	}

	write(chunk: Buffer): void {
		if (this.response.destroyed) return;
		this.response.write(encodeEvent('PayloadChunk', 'application/octet-stream', chunk));
	}

	/** Ends the stream with InvokeComplete (a function that did not stream sends its response first). */
	complete(outcome: InvocationOutcome, tail: boolean): void {
		if (this.response.destroyed) return;
		if (!this.response.headersSent) {
			this.start('application/json');
			if (outcome.errorType === undefined) this.write(outcome.payload);
		}
		const complete: Record<string, string> = {};
		if (outcome.errorType !== undefined) {
			complete['ErrorCode'] = outcome.errorType;
			complete['ErrorDetails'] = outcome.payload.toString('utf8');
		}
		if (tail) complete['LogResult'] = Buffer.from(outcome.logTail, 'utf8').toString('base64');
		this.response.end(encodeEvent('InvokeComplete', 'application/json', Buffer.from(JSON.stringify(complete))));
	}
}

export function invokeWithResponseStream(
	service: LambdaService,
	reference: string,
	qualifier: string | undefined,
	body: Buffer,
	headers: RequestHeaders,
): Reply {
	const invocationType = header(headers, 'x-amz-invocation-type') ?? 'RequestResponse';
	const logType = header(headers, 'x-amz-log-type') ?? 'None';
	if (!invocationTypes.includes(invocationType)) throw enumError('invocationType', invocationType, invocationTypes);
	if (!logTypes.includes(logType)) throw enumError('logType', logType, logTypes);
	const clientContext = decodeClientContext(header(headers, 'x-amz-client-context'));
	const payload = checkPayload(body);
	const target = service.invoker.target(reference, qualifier);
	if (invocationType === 'DryRun') return {status: 204};
	const requestId = randomUUID();
	return {
		status: 200,
		stream: async (response) => {
			const sink = new EventStreamSink(response, {'x-amzn-RequestId': requestId, 'X-Amz-Executed-Version': target.executedVersion});
			let outcome: InvocationOutcome;
			try {
				outcome = await service.invoker.run(target, {
					requestId,
					payload,
					responseStream: sink,
					...(clientContext === undefined ? {} : {clientContext}),
				});
			} catch (error) {
				const lambdaError =
					error instanceof ThrottleError
						? new LambdaError('TooManyRequestsException', error.message, {headers: {'Retry-After': '1'}, extra: {Reason: error.reason}})
						: error instanceof LambdaError
							? error
							: new LambdaError('ServiceException', 'The local Lambda hit an internal error.');
				if (response.headersSent) response.end();
				else sendError(response, requestId, lambdaError);
				return;
			}
			sink.complete(outcome, logType === 'Tail');
		},
	};
}
