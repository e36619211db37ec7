// Lambda's errors as the service sends them: an HTTP status, the
// x-amzn-ErrorType header, and a JSON body {"Type": "User", "message": ...}
// (a few exceptions name the member "Message", as the service model does).

import type {Problem} from '../../domain/validate.js';
import {summarizeProblems} from '../../domain/validate.js';

const statusByCode: Record<string, number> = {
	ValidationException: 400,
	InvalidParameterValueException: 400,
	InvalidRequestContentException: 400,
	SerializationException: 400,
	ResourceNotFoundException: 404,
	UnknownOperationException: 404,
	ResourceConflictException: 409,
	PreconditionFailedException: 412,
	RequestEntityTooLargeException: 413,
	RequestTooLargeException: 413,
	UnsupportedMediaTypeException: 415,
	TooManyRequestsException: 429,
	CodeStorageExceededException: 400,
	ServiceException: 500,
};

/** Exceptions whose message member is "Message" in the service model. */
const capitalMessage = new Set(['ResourceNotFoundException', 'ServiceException', 'CodeStorageExceededException']);

export class LambdaError extends Error {
	readonly code: string;
	readonly status: number;
	readonly type: 'User' | 'Service';
	readonly headers: Record<string, string>;
	readonly extra: Record<string, string>;

	constructor(code: string, message: string, options: {status?: number; headers?: Record<string, string>; extra?: Record<string, string>} = {}) {
		super(message);
		this.name = code;
		this.code = code;
		this.status = options.status ?? statusByCode[code] ?? 400;
		this.type = this.status >= 500 ? 'Service' : 'User';
		this.headers = options.headers ?? {};
		this.extra = options.extra ?? {};
	}

	body(): Record<string, string> {
		return {Type: this.type, [capitalMessage.has(this.code) ? 'Message' : 'message']: this.message, ...this.extra};
	}
}

/** Throws the error Lambda answers with for these problems, if there are any. */
export function throwProblems(problems: readonly Problem[]): void {
	const summary = summarizeProblems(problems);
	if (summary !== undefined) throw new LambdaError(summary.code, summary.message);
}

export function notFound(arn: string): LambdaError {
	return new LambdaError('ResourceNotFoundException', `Function not found: ${arn}`);
}

export function badContent(detail: string): LambdaError {
	return new LambdaError('InvalidRequestContentException', `Could not parse request body into json: ${detail}`);
}
