// EventBridge Schemas errors as the service sends them over restJson1: the
// HTTP status of the exception, the x-amzn-ErrorType header, and a body
// {"Code": "<exception>", "Message": "..."} (the service model's ErrorOutput).
import {ServiceError} from '../service-error.js';

const statusByCode: Record<string, number> = {
	BadRequestException: 400,
	UnauthorizedException: 401,
	ForbiddenException: 403,
	NotFoundException: 404,
	UnknownOperationException: 404,
	ConflictException: 409,
	PreconditionFailedException: 412,
	TooManyRequestsException: 429,
	InternalServerErrorException: 500,
	ServiceUnavailableException: 503,
};

export class SchemasError extends ServiceError {
	constructor(code: string, message: string) {
		super(code, message, statusByCode[code] ?? 400);
	}

	body(): {Code: string; Message: string} {
		return {Code: this.code, Message: this.message};
	}
}

export const badRequest = (message: string): SchemasError => new SchemasError('BadRequestException', message);
export const registryNotFound = (name: string): SchemasError => new SchemasError('NotFoundException', `Registry with name ${name} does not exist.`);
export const schemaNotFound = (registry: string, name: string): SchemasError =>
	new SchemasError('NotFoundException', `Schema with name ${name} does not exist in registry ${registry}.`);
export const versionNotFound = (name: string, version: string): SchemasError =>
	new SchemasError('NotFoundException', `Version ${version} of schema ${name} does not exist.`);
