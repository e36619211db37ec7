// What a function URL hands the function and what it makes of the answer, as
// Lambda does: the payload format 2.0 event (version "2.0", routeKey
// "$default", rawPath, rawQueryString, cookies, headers in lower case with
// repeated ones joined by commas, queryStringParameters, requestContext with
// the url id as apiId, http {method, path, protocol, sourceIp, userAgent},
// time and timeEpoch, body: text as is, anything else base64 with
// isBase64Encoded), and the HTTP response made of the function's result: an
// object with statusCode gives statusCode, headers, cookies (Set-Cookie) and
// body (base64-decoded when isBase64Encoded); any other JSON value is a 200
// application/json response whose body is that value (a string as is).
// A streamed response that opens with the HTTP integration prelude
// (awslambda.HttpResponseStream.from: JSON, then 8 NUL bytes) gives its
// status, headers and cookies the same way.

export interface UrlRequest {
	method: string;
	/** Path and query as requested: "/a/b?x=1". */
	url: string;
	/** Node's rawHeaders: name, value, name, value ... */
	rawHeaders: readonly string[];
	body: Buffer;
	sourceIp: string;
	urlId: string;
	region: string;
	/** "anonymous" for AuthType NONE; the caller's account for AWS_IAM. */
	accountId: string;
	/** AWS_IAM: the access key of the request's SigV4 credential. */
	accessKey?: string;
	requestId: string;
	now: Date;
	/** HTTP/1.1 */
	protocol: string;
}

export interface UrlResponse {
	statusCode: number;
	headers: Record<string, string>;
	cookies: string[];
	body: Buffer;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** requestContext.time: "12/Mar/2020:19:03:58 +0000". */
export function requestTime(date: Date): string {
	const pad = (value: number): string => String(value).padStart(2, '0');
	return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()] ?? 'Jan'}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** Whether a body of this content type reaches the function as text (else base64). */
export function isTextContentType(contentType: string | undefined): boolean {
	if (contentType === undefined) return false;
	const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
	return (
		type.startsWith('text/') ||
		type === 'application/json' ||
		type.endsWith('+json') ||
		type === 'application/xml' ||
		type.endsWith('+xml') ||
		type === 'application/javascript' ||
		type === 'application/yaml' ||
		type === 'application/graphql'
	);
}

function decodeComponent(value: string): string {
	try {
		return decodeURIComponent(value.replace(/\+/g, ' '));
	} catch {
		return value;
	}
}

/** The payload format 2.0 event of a request to a function URL. */
export function urlEvent(request: UrlRequest): Record<string, unknown> {
	const queryAt = request.url.indexOf('?');
	const rawPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
	const rawQueryString = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
	const headers: Record<string, string> = {};
	const cookies: string[] = [];
	for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
		const name = (request.rawHeaders[index] ?? '').toLowerCase();
		const value = request.rawHeaders[index + 1] ?? '';
		if (name === 'cookie') {
			cookies.push(...value.split(';').map((cookie) => cookie.trim()).filter((cookie) => cookie !== ''));
			continue;
		}
		headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
	}
	headers['x-forwarded-for'] ??= request.sourceIp;
	headers['x-forwarded-proto'] ??= 'http';
	const query: Record<string, string> = {};
	for (const pair of rawQueryString.split('&')) {
		if (pair === '') continue;
		const equals = pair.indexOf('=');
		const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals));
		const value = decodeComponent(equals === -1 ? '' : pair.slice(equals + 1));
		query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
	}
	const domainName = (headers['host'] ?? '').replace(/:\d+$/, '');
	const requestContext: Record<string, unknown> = {
		accountId: request.accountId,
		apiId: request.urlId,
		domainName,
		domainPrefix: request.urlId,
		http: {
			method: request.method,
			path: rawPath,
			protocol: request.protocol,
			sourceIp: request.sourceIp,
			userAgent: headers['user-agent'] ?? '',
		},
		requestId: request.requestId,
		routeKey: '$default',
		stage: '$default',
		time: requestTime(request.now),
		timeEpoch: request.now.getTime(),
	};
	if (request.accessKey !== undefined) {
		requestContext['authorizer'] = {
			iam: {
				accessKey: request.accessKey,
				accountId: request.accountId,
				callerId: request.accessKey,
				cognitoIdentity: null,
				principalOrgId: null,
				userArn: `arn:aws:iam::${request.accountId}:root`,
				userId: request.accountId,
			},
		};
	}
	const event: Record<string, unknown> = {version: '2.0', routeKey: '$default', rawPath, rawQueryString};
	if (cookies.length > 0) event['cookies'] = cookies;
	event['headers'] = headers;
	if (Object.keys(query).length > 0) event['queryStringParameters'] = query;
	event['requestContext'] = requestContext;
	const text = isTextContentType(headers['content-type']);
	if (request.body.length > 0) event['body'] = text ? request.body.toString('utf8') : request.body.toString('base64');
	event['isBase64Encoded'] = request.body.length > 0 && !text;
	return event;
}

function stringValue(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The response an object with statusCode describes; undefined when the value is not one. */
function structuredResponse(value: unknown, defaultContentType = 'application/json'): UrlResponse | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value) || !('statusCode' in value)) return undefined;
	const result = value as Record<string, unknown>;
	const statusCode = Number(result['statusCode']);
	const headers: Record<string, string> = {};
	const given = result['headers'];
	if (typeof given === 'object' && given !== null && !Array.isArray(given)) {
		for (const [name, header] of Object.entries(given)) headers[name.toLowerCase()] = stringValue(header);
	}
	const cookies = Array.isArray(result['cookies']) ? result['cookies'].map(stringValue) : [];
	const bodyValue = result['body'];
	const bodyText = bodyValue === undefined || bodyValue === null ? '' : stringValue(bodyValue);
	const body = result['isBase64Encoded'] === true ? Buffer.from(bodyText, 'base64') : Buffer.from(bodyText, 'utf8');
	headers['content-type'] ??= defaultContentType;
	return {statusCode: Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 599 ? statusCode : 502, headers, cookies, body};
}

/** The HTTP response of a function's (buffered) result; undefined when the result is not JSON (Lambda answers 502). */
export function urlResponse(payload: Buffer): UrlResponse | undefined {
	let value: unknown;
	try {
		value = JSON.parse(payload.toString('utf8'));
	} catch {
		return undefined;
	}
	return (
		structuredResponse(value) ?? {
			statusCode: 200,
			headers: {'content-type': 'application/json'},
			cookies: [],
			body: Buffer.from(typeof value === 'string' ? value : payload.toString('utf8'), 'utf8'),
		}
	);
}

/** The content type of a streamed response that opens with the HTTP integration prelude. */
export const httpIntegrationContentType = 'application/vnd.awslambda.http-integration-response';

/**
 * Splits the HTTP integration prelude off the start of a streamed response:
 * the response it describes and the body bytes that followed it, or undefined
 * while the 8 NUL bytes that end it have not arrived yet.
 */
export function splitPrelude(received: Buffer): {response: UrlResponse; rest: Buffer} | undefined {
	const end = received.indexOf(Buffer.alloc(8));
	if (end === -1) return undefined;
	let prelude: unknown = {};
	try {
		prelude = JSON.parse(received.subarray(0, end).toString('utf8'));
	} catch {
		prelude = {};
	}
	const described = structuredResponse({statusCode: 200, ...(typeof prelude === 'object' && prelude !== null ? prelude : {})}, 'application/octet-stream');
	const response = described ?? {statusCode: 200, headers: {'content-type': 'application/octet-stream'}, cookies: [], body: Buffer.alloc(0)};
	return {response, rest: received.subarray(end + 8)};
}
