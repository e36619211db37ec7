// Every error from the SDK becomes one sentence a person can act on.
import {cleanText} from '../domain/sanitize.js';

interface ErrorLike {
	name?: unknown;
	message?: unknown;
	code?: unknown;
	$metadata?: {httpStatusCode?: number};
	cause?: unknown;
}

function field(error: ErrorLike, key: 'name' | 'message' | 'code'): string {
	const value = error[key];
	return typeof value === 'string' ? cleanText(value) : '';
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

function networkCode(error: ErrorLike): string | undefined {
	for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
		const code = (current as ErrorLike).code;
		if (typeof code === 'string' && networkCodes.has(code)) return code;
		current = (current as ErrorLike).cause;
	}
	return undefined;
}

/** The error's AWS name (e.g. "ResourceConflictException"), or "" when it has none. */
export function errorName(error: unknown): string {
	return error && typeof error === 'object' ? field(error as ErrorLike, 'name') : '';
}

/** A call's answer, or undefined when AWS says there is none (ResourceNotFoundException); other errors as they are. */
export async function unlessMissing<T>(call: Promise<T>): Promise<T | undefined> {
	try {
		return await call;
	} catch (error) {
		if (errorName(error) === 'ResourceNotFoundException') return undefined;
		throw error;
	}
}

/**
 * Lambda's refusal of a value a form sent (InvalidParameterValueException,
 * ValidationException), with what to do next first, since the message row is
 * one line and Lambda's message may be longer than it; other errors as they are.
 */
export function withFormAdvice(error: unknown): unknown {
	const name = errorName(error);
	if (!(error instanceof Error) || (name !== 'InvalidParameterValueException' && name !== 'ValidationException')) return error;
	const advised = new Error(`fix the form, then Enter: ${error.message}`);
	advised.name = name;
	return advised;
}

/**
 * What went wrong and what to do next, in one line. In the console the next
 * step may be a key (r refreshes); a command's message says it in words.
 */
export function describeAwsError(error: unknown, endpoint?: string, where: 'console' | 'command' = 'console'): string {
	const message = describe(error, endpoint);
	if (where === 'console') return message;
	return message.replace(/, then press r to retry\.$/, ', then try again.').replace(/: press r to refresh\.$/, ': check the name, the region and the profile.');
}

/**
 * EventBridge Schemas refuses with ForbiddenException (no other service the
 * console calls uses that name); an IAM denial elsewhere names the action, so
 * one that names a schemas: action is about the shareable test events too.
 */
function isSchemasPermissionError(name: string, message: string): boolean {
	if (name === 'ForbiddenException') return true;
	return (name === 'AccessDeniedException' || name === 'AccessDenied') && /\bschemas:/.test(message);
}

function describe(error: unknown, endpoint: string | undefined): string {
	if (!error || typeof error !== 'object') return `Unexpected error: ${cleanText(String(error))}`;
	const e = error as ErrorLike;
	const name = field(e, 'name');
	const message = field(e, 'message') || name || 'no message';
	const code = networkCode(e);
	if (code) {
		return `Cannot reach ${endpoint ?? 'the Lambda endpoint'} (${code}). Check the network or the endpoint, then press r to retry.`;
	}
	if (isSchemasPermissionError(name, message)) {
		return `Not allowed to use shareable test events (${message}). They need schemas:* permissions on the lambda-testevent-schemas registry: ask for them on your role, or save the event as private instead.`;
	}
	switch (name) {
		case 'CredentialsProviderError':
		case 'ExpiredTokenException':
		case 'ExpiredToken':
		case 'UnrecognizedClientException':
		case 'InvalidClientTokenId':
		case 'InvalidSignatureException':
		case 'SignatureDoesNotMatch':
			return `AWS did not accept the credentials (${message}). Refresh them (aws sso login, or check AWS_PROFILE / --profile), or try lambdash --local.`;
		case 'AccessDeniedException':
		case 'AccessDenied':
			return `Not allowed: ${message}. Ask for this permission on your role, or use a profile that has it.`;
		case 'ResourceNotFoundException':
			return `${message}. It may have been deleted or be in another region: press r to refresh.`;
		case 'ResourceConflictException':
			return `${message}. The function is busy with another update: wait a few seconds and try again.`;
		case 'PreconditionFailedException':
			return `Someone else changed the function first (${message}). The fresh values are shown: check them and try again.`;
		case 'TooManyRequestsException':
		case 'ThrottlingException':
			return `Lambda is limiting the request rate (${message}). Wait a moment and try again.`;
		case 'TimeoutError':
			return `The request timed out (${message}). Check the network, then press r to retry.`;
		case 'InvalidParameterValueException':
		case 'ValidationException':
			return message;
		default:
			return name && name !== 'Error' ? `${name}: ${message}` : message;
	}
}
