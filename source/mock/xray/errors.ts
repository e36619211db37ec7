// X-Ray's errors as the service sends them over restJson1: the status of the
// exception (InvalidRequestException 400, ThrottledException 429), the
// x-amzn-ErrorType header, and a JSON body {"Message": "..."} (the model's
// exceptions carry a Message member; the SDKs also read it as `message`).
import {ServiceError} from '../service-error.js';

const statusByCode: Record<string, number> = {
	InvalidRequestException: 400,
	ThrottledException: 429,
	UnknownOperationException: 404,
	RequestEntityTooLargeException: 413,
	InternalFailure: 500,
};

export class XRayError extends ServiceError {
	constructor(code: string, message: string) {
		super(code, message, statusByCode[code] ?? 400);
	}

	body(): {Message: string} {
		return {Message: this.message};
	}
}

export const invalidRequest = (message: string): XRayError => new XRayError('InvalidRequestException', message);
