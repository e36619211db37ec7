// Invoke (restJson1: POST /2015-03-31/functions/{FunctionName}/invocations)
// and the legacy InvokeAsync, answered as Lambda answers: RequestResponse
// runs the function and returns its response (200, X-Amz-Executed-Version,
// X-Amz-Function-Error on a function error, X-Amz-Log-Result with the log's
// last 4 KB when asked); Event queues it (202); DryRun only checks (204).
// A payload must be JSON: 6 MB synchronous (the route's body limit: the
// server answers RequestEntityTooLargeException before reading on), 1 MB
// asynchronous. The exception is the one Lambda sends on the wire,
// RequestEntityTooLargeException, not the model's RequestTooLargeException.
import {randomUUID} from 'node:crypto';
import {invokePayloadAsyncMax, invokePayloadSyncMax} from '../../domain/limits.js';
import {ThrottleError} from '../runtime/types.js';
import {LambdaError} from './errors.js';
import type {RequestHeaders, RouteDefinition} from './routes.js';
import type {LambdaService, Reply} from './service.js';

const invocationTypes = ['Event', 'RequestResponse', 'DryRun'];
const logTypes = ['None', 'Tail'];
/** X-Amz-Client-Context: base64-encoded JSON, at most this many bytes as sent. */
const clientContextMax = 3583;

export function header(headers: RequestHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export function enumError(member: string, value: string, allowed: string[]): LambdaError {
	return new LambdaError(
		'ValidationException',
		`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
	);
}

/** The event a payload carries: JSON, or {} when the request has no body. */
export function checkPayload(body: Buffer): Buffer {
	if (body.length === 0) return Buffer.from('{}');
	try {
		JSON.parse(body.toString('utf8'));
	} catch (error) {
		throw new LambdaError(
			'InvalidRequestContentException',
			`Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
		);
	}
	return body;
}

export function decodeClientContext(value: string | undefined): string | undefined {
	if (value === undefined || value === '') return undefined;
	const invalid = new LambdaError('InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
	if (value.length > clientContextMax) {
		throw new LambdaError(
			'InvalidRequestContentException',
			`Client context must be at most ${clientContextMax} bytes, base64-encoded; got ${value.length}.`,
		);
	}
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw invalid;
	const text = Buffer.from(value, 'base64').toString('utf8');
	try {
		const parsed: unknown = JSON.parse(text);
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid;
	} catch {
		throw invalid;
	}
	return text;
}

function throttled(error: ThrottleError): LambdaError {
	return new LambdaError('TooManyRequestsException', error.message, {
		headers: {'Retry-After': '1'},
		extra: {Reason: error.reason},
	});
}

export async function invoke(
	service: LambdaService,
	reference: string,
	qualifier: string | undefined,
	body: Buffer,
	headers: RequestHeaders,
): Promise<Reply> {
	const invocationType = header(headers, 'x-amz-invocation-type') ?? 'RequestResponse';
	const logType = header(headers, 'x-amz-log-type') ?? 'None';
	if (!invocationTypes.includes(invocationType)) throw enumError('invocationType', invocationType, invocationTypes);
	if (!logTypes.includes(logType)) throw enumError('logType', logType, logTypes);
	const clientContext = decodeClientContext(header(headers, 'x-amz-client-context'));
	if (invocationType === 'Event' && body.length > invokePayloadAsyncMax) {
		throw new LambdaError(
			'RequestEntityTooLargeException',
			`${body.length} byte payload is too large for the Event invocation type (limit ${invokePayloadAsyncMax} bytes)`,
		);
	}
	const payload = checkPayload(body);
	const target = service.invoker.target(reference, qualifier);
	if (invocationType === 'DryRun') return {status: 204};
	const requestId = randomUUID();
	if (invocationType === 'Event') {
		service.events.enqueue({
			requestId,
			functionName: target.record.name,
			...(target.qualifier === undefined ? {} : {qualifier: target.qualifier}),
			payload,
			receivedAt: service.invoker.clock.now(),
		});
		return {status: 202, headers: {'x-amzn-RequestId': requestId}};
	}
	let outcome;
	try {
		outcome = await service.invoker.run(target, {requestId, payload, ...(clientContext === undefined ? {} : {clientContext})});
	} catch (error) {
		if (error instanceof ThrottleError) throw throttled(error);
		throw error;
	}
	const replyHeaders: Record<string, string> = {'x-amzn-RequestId': requestId, 'X-Amz-Executed-Version': target.executedVersion};
	if (outcome.errorType !== undefined) replyHeaders['X-Amz-Function-Error'] = 'Unhandled';
	if (logType === 'Tail') replyHeaders['X-Amz-Log-Result'] = Buffer.from(outcome.logTail, 'utf8').toString('base64');
	return {status: 200, headers: replyHeaders, raw: {contentType: 'application/json', data: outcome.payload}};
}

export const invokeRoutes: RouteDefinition[] = [
	{
		method: 'POST',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'invocations'],
		// Lambda's messages call this operation InvokeFunction.
		operation: 'InvokeFunction',
		bodyLimit: invokePayloadSyncMax,
		run: (service, parameters, query, body, headers) => invoke(service, parameters['FunctionName'] ?? '', query.get('Qualifier') ?? undefined, body, headers),
	},
	{
		method: 'POST',
		pattern: ['2014-11-13', 'functions', '{FunctionName}', 'invoke-async'],
		operation: 'InvokeAsync',
		bodyLimit: invokePayloadSyncMax,
		run: async (service, parameters, _query, body) => {
			await invoke(service, parameters['FunctionName'] ?? '', undefined, body, {'x-amz-invocation-type': 'Event'});
			return {status: 202, body: {Status: 202}};
		},
	},
];
