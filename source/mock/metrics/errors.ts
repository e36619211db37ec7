// CloudWatch's errors as the awsJson1_0 protocol carries them for a service
// that is "awsQueryCompatible" (its model has the awsQueryCompatible trait,
// and @aws-sdk/client-cloudwatch says so in its protocol settings). Such a
// service answers with the JSON error body ({"__type": shape id, "message"})
// AND an `x-amzn-query-error: <query code>;<Sender|Receiver>` header. The SDK
// reads the query code from that header first and finds the exception whose
// awsQueryError trait has that code, so the header decides the exception:
// "InvalidParameterValue" becomes InvalidParameterValueException,
// "MissingParameter" MissingRequiredParameterException, "ValidationError"
// ValidationException, and so on. The AWS CLI (botocore) reads the same header.

import type {ServerResponse} from 'node:http';

/** CloudWatch's query error codes, and the model's exception shape for each. */
const shapes = {
	InvalidParameterValue: 'InvalidParameterValueException',
	MissingParameter: 'MissingRequiredParameterException',
	InvalidParameterCombination: 'InvalidParameterCombinationException',
	ValidationError: 'ValidationException',
	InvalidNextToken: 'InvalidNextToken',
	InternalServiceError: 'InternalServiceFault',
} as const;

export type CloudWatchErrorCode = keyof typeof shapes;

export class CloudWatchError extends Error {
	constructor(
		readonly code: CloudWatchErrorCode,
		message: string,
		readonly status = code === 'InternalServiceError' ? 500 : 400,
	) {
		super(message);
	}
}

/** A request body the protocol cannot read (not JSON, or a member of the wrong type). */
export class SerializationError extends Error {}

export function sendJson(response: ServerResponse, status: number, requestId: string, body: unknown, headers: Record<string, string> = {}): void {
	if (response.headersSent || response.destroyed) return;
	const payload = Buffer.from(JSON.stringify(body), 'utf8');
	response.writeHead(status, {
		...headers,
		'Content-Type': 'application/x-amz-json-1.0',
		'Content-Length': String(payload.length),
		'x-amzn-RequestId': requestId,
	});
	response.end(payload);
}

export function sendCloudWatchError(response: ServerResponse, requestId: string, error: CloudWatchError): void {
	const fault = error.status >= 500 ? 'Receiver' : 'Sender';
	sendJson(
		response,
		error.status,
		requestId,
		{__type: `com.amazonaws.cloudwatch#${shapes[error.code]}`, message: error.message},
		{'x-amzn-query-error': `${error.code};${fault}`},
	);
}

/** An error outside CloudWatch's model (malformed request, unknown operation): only the JSON body and x-amzn-ErrorType. */
export function sendProtocolError(response: ServerResponse, requestId: string, type: string, message: string): void {
	sendJson(response, 400, requestId, {__type: type, message}, {'x-amzn-ErrorType': type});
}
