// Function URLs answered for real by the local Lambda, over HTTP with node:http
// (the Host header names the URL, as curl sends it for *.localhost): a NONE
// URL answering a GET and a POST with the payload format 2.0 event, a
// structured response (status, headers, cookies), CORS preflight and CORS
// headers, AWS_IAM refusing an unsigned request, a function error as 502,
// RESPONSE_STREAM sending chunks as the function writes them, and
// InvokeWithResponseStream through the SDK.

import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {request, type IncomingHttpHeaders, type IncomingMessage} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CreateFunctionCommand,
	CreateFunctionUrlConfigCommand,
	InvokeWithResponseStreamCommand,
	UpdateFunctionUrlConfigCommand,
	waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import {makeZip, role, startHarness, type Harness} from './harness.js';

interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

/** A request to a function URL: to the server's port, with the URL's Host. */
function call(functionUrl: string, options: {method?: string; path?: string; headers?: Record<string, string | string[]>; body?: string | Buffer} = {}): Promise<Answer> {
	const url = new URL(functionUrl);
	return new Promise((resolve, reject) => {
		const outgoing = request(
			{host: '127.0.0.1', port: url.port, method: options.method ?? 'GET', path: options.path ?? '/', headers: {host: url.host, ...options.headers}},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8')}));
				response.on('error', reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(options.body);
	});
}

function object(value: unknown): Record<string, unknown> {
	assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), 'expected an object');
	return value as Record<string, unknown>;
}

/** The next chunk of a response, as text. */
function nextChunk(response: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		response.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')));
		response.once('error', reject);
	});
}

const echo = 'export const handler = async (event) => event;\n';
const structured = `export const handler = async (event) => ({
	statusCode: 201,
	headers: {'Content-Type': 'text/plain', 'X-Kind': 'structured', 'Access-Control-Allow-Origin': 'https://evil.example'},
	cookies: ['a=1; Path=/', 'b=2'],
	body: Buffer.from('made ' + event.rawPath).toString('base64'),
	isBase64Encoded: true,
});
`;
const failing = "export const handler = async () => { throw new Error('broken'); };\n";
// Writes its first chunk, then waits for the test to create the gate file before it writes the rest:
// the test can only see the first chunk before the end if the response is really streamed.
const streaming = `import {existsSync} from 'node:fs';
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
	const stream = awslambda.HttpResponseStream.from(responseStream, {statusCode: 202, headers: {'content-type': 'text/plain', 'x-kind': 'stream'}});
	stream.write('first;');
	while (!existsSync(process.env.GATE)) await new Promise((next) => setTimeout(next, 10));
	stream.write('second;');
	stream.end('third');
});
`;
const brokenStream = `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
	responseStream.write('partial');
	await new Promise((next) => setTimeout(next, 10));
	throw new TypeError('stream broke');
});
`;
const plainStream = `import {existsSync} from 'node:fs';
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
	responseStream.setContentType('text/plain');
	responseStream.write('hello ');
	while (!existsSync(process.env.GATE)) await new Promise((next) => setTimeout(next, 10));
	responseStream.end(event.name);
});
`;

describe('Function URLs served by the local Lambda', () => {
	let harness: Harness;
	let gates: string;
	const urls: Record<string, string> = {};

	const create = async (name: string, code: string, environment: Record<string, string> = {}): Promise<void> => {
		await harness.lambda.send(
			new CreateFunctionCommand({
				FunctionName: name,
				Runtime: 'nodejs22.x',
				Role: role,
				Handler: 'index.handler',
				Code: {ZipFile: makeZip({'index.mjs': code})},
				Environment: {Variables: environment},
			}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	const createUrl = async (name: string, settings: Partial<Pick<CreateFunctionUrlConfigCommand['input'], 'AuthType' | 'Cors' | 'InvokeMode'>> = {}): Promise<void> => {
		const created = await harness.lambda.send(new CreateFunctionUrlConfigCommand({FunctionName: name, AuthType: 'NONE', ...settings}));
		urls[name] = created.FunctionUrl ?? '';
	};

	before(async () => {
		gates = mkdtempSync(join(tmpdir(), 'lambdash-url-gates-'));
		harness = await startHarness({transitionDelayMs: 50});
		await create('echo', echo);
		await createUrl('echo', {Cors: {AllowOrigins: ['https://shop.example'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['x-token'], ExposeHeaders: ['x-kind'], MaxAge: 300}});
		await create('structured', structured);
		await createUrl('structured');
		await create('failing', failing);
		await createUrl('failing');
		await create('private', echo);
		await createUrl('private', {AuthType: 'AWS_IAM'});
		await create('streaming', streaming, {GATE: join(gates, 'url')});
		await createUrl('streaming', {InvokeMode: 'RESPONSE_STREAM'});
		await create('plain-stream', plainStream, {GATE: join(gates, 'sdk')});
		await create('broken-stream', brokenStream);
	});
	after(async () => {
		await harness.close();
		rmSync(gates, {recursive: true, force: true});
	});

	it('answers a GET with the payload format 2.0 event the function echoes, as 200 application/json', async () => {
		const answer = await call(urls['echo'] ?? '', {path: '/orders/42?size=large&tag=a&tag=b', headers: {'User-Agent': 'curl/8.5.0', 'X-Custom': 'one', cookie: 'session=abc; theme=dark'}});
		assert.equal(answer.status, 200);
		assert.match(String(answer.headers['content-type']), /^application\/json/);
		const event = object(JSON.parse(answer.body));
		const urlId = new URL(urls['echo'] ?? '').hostname.split('.')[0];
		assert.equal(event['version'], '2.0');
		assert.equal(event['routeKey'], '$default');
		assert.equal(event['rawPath'], '/orders/42');
		assert.equal(event['rawQueryString'], 'size=large&tag=a&tag=b');
		assert.deepEqual(event['cookies'], ['session=abc', 'theme=dark']);
		assert.deepEqual(event['queryStringParameters'], {size: 'large', tag: 'a,b'});
		const headers = object(event['headers']);
		assert.equal(headers['x-custom'], 'one');
		assert.equal(headers['user-agent'], 'curl/8.5.0');
		assert.equal(headers['host'], new URL(urls['echo'] ?? '').host);
		assert.equal(headers['cookie'], undefined);
		const context = object(event['requestContext']);
		assert.equal(context['accountId'], 'anonymous');
		assert.equal(context['apiId'], urlId);
		assert.equal(context['domainPrefix'], urlId);
		assert.equal(context['domainName'], `${urlId}.lambda-url.us-east-1.localhost`);
		assert.deepEqual(context['http'], {method: 'GET', path: '/orders/42', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8.5.0'});
		assert.match(String(context['time']), /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
		assert.equal(typeof context['timeEpoch'], 'number');
		assert.equal(context['requestId'], answer.headers['x-amzn-requestid']);
		assert.equal(event['isBase64Encoded'], false);
		assert.equal(event['body'], undefined);
	});

	it('hands a POST\'s text body as is and a binary body base64-encoded', async () => {
		const text = object(JSON.parse((await call(urls['echo'] ?? '', {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"item":"tea"}'})).body));
		assert.equal(text['body'], '{"item":"tea"}');
		assert.equal(text['isBase64Encoded'], false);
		assert.equal(object(object(text['requestContext'])['http'])['method'], 'POST');
		const bytes = Buffer.from([0, 1, 2, 250]);
		const binary = object(JSON.parse((await call(urls['echo'] ?? '', {method: 'POST', headers: {'content-type': 'application/octet-stream'}, body: bytes})).body));
		assert.equal(binary['body'], bytes.toString('base64'));
		assert.equal(binary['isBase64Encoded'], true);
	});

	it('maps a structured result: status, headers, cookies and a base64 body', async () => {
		const answer = await call(urls['structured'] ?? '', {path: '/x'});
		assert.equal(answer.status, 201);
		assert.equal(answer.headers['content-type'], 'text/plain');
		assert.equal(answer.headers['x-kind'], 'structured');
		assert.deepEqual(answer.headers['set-cookie'], ['a=1; Path=/', 'b=2']);
		assert.equal(answer.body, 'made /x');
	});

	it('answers a CORS preflight itself, and puts its CORS headers on the function\'s answers', async () => {
		const preflight = await call(urls['echo'] ?? '', {
			method: 'OPTIONS',
			headers: {origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-token'},
		});
		assert.equal(preflight.status, 200);
		assert.equal(preflight.body, '');
		assert.equal(preflight.headers['access-control-allow-origin'], 'https://shop.example');
		assert.equal(preflight.headers['access-control-allow-methods'], 'GET,POST');
		assert.equal(preflight.headers['access-control-allow-headers'], 'x-token');
		assert.equal(preflight.headers['access-control-max-age'], '300');

		const refused = await call(urls['echo'] ?? '', {method: 'OPTIONS', headers: {origin: 'https://evil.example', 'access-control-request-method': 'POST'}});
		assert.equal(refused.status, 200);
		assert.equal(refused.headers['access-control-allow-origin'], undefined);

		const answer = await call(urls['echo'] ?? '', {headers: {origin: 'https://shop.example'}});
		assert.equal(answer.status, 200);
		assert.equal(answer.headers['access-control-allow-origin'], 'https://shop.example');
		assert.equal(answer.headers['access-control-expose-headers'], 'x-kind');
		assert.equal(answer.headers['vary'], 'Origin');

		// Without a CORS configuration the function's own headers pass, and OPTIONS reaches the function.
		const own = await call(urls['structured'] ?? '', {method: 'OPTIONS', headers: {origin: 'https://shop.example', 'access-control-request-method': 'GET'}});
		assert.equal(own.status, 201);
		assert.equal(own.headers['access-control-allow-origin'], 'https://evil.example');
	});

	it('refuses an unsigned request to an AWS_IAM URL with 403, and takes a signed one', async () => {
		const refused = await call(urls['private'] ?? '');
		assert.equal(refused.status, 403);
		assert.deepEqual(JSON.parse(refused.body), {Message: 'Forbidden'});
		const signed = await call(urls['private'] ?? '', {
			headers: {
				authorization: 'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
				'x-amz-date': '20240101T000000Z',
			},
		});
		assert.equal(signed.status, 200);
		const context = object(object(JSON.parse(signed.body))['requestContext']);
		assert.equal(context['accountId'], '123456789012');
		assert.equal(object(object(context['authorizer'])['iam'])['accessKey'], 'AKIDLOCAL');
	});

	it('answers a function error with 502, and a URL that does not exist with 403', async () => {
		const answer = await call(urls['failing'] ?? '');
		assert.equal(answer.status, 502);
		assert.equal(answer.body, 'Internal Server Error');
		const unknown = await call(`http://${'0'.repeat(32)}.lambda-url.us-east-1.localhost:${harness.server.port}/`);
		assert.equal(unknown.status, 403);
	});

	it('RESPONSE_STREAM: sends each chunk as the function writes it, with the status and headers of its prelude', async () => {
		const url = new URL(urls['streaming'] ?? '');
		const response = await new Promise<IncomingMessage>((resolve, reject) => {
			const outgoing = request({host: '127.0.0.1', port: url.port, path: '/', headers: {host: url.host}}, resolve);
			outgoing.on('error', reject);
			outgoing.end();
		});
		assert.equal(response.statusCode, 202);
		assert.equal(response.headers['content-type'], 'text/plain');
		assert.equal(response.headers['x-kind'], 'stream');
		// The function is still waiting for the gate: this chunk can only have come while it runs.
		assert.equal(await nextChunk(response), 'first;');
		writeFileSync(join(gates, 'url'), 'open');
		let rest = '';
		for await (const chunk of response) rest += (chunk as Buffer).toString('utf8');
		assert.equal(rest, 'second;third');
	});

	it('RESPONSE_STREAM with a function that does not stream answers as BUFFERED', async () => {
		await harness.lambda.send(new UpdateFunctionUrlConfigCommand({FunctionName: 'structured', InvokeMode: 'RESPONSE_STREAM'}));
		const answer = await call(urls['structured'] ?? '', {path: '/y'});
		assert.equal(answer.status, 201);
		assert.equal(answer.body, 'made /y');
	});

	it('InvokeWithResponseStream: PayloadChunk events as the function streams, then InvokeComplete', async () => {
		const output = await harness.lambda.send(
			new InvokeWithResponseStreamCommand({FunctionName: 'plain-stream', Payload: Buffer.from(JSON.stringify({name: 'Ada'})), LogType: 'Tail'}),
		);
		assert.equal(output.StatusCode, 200);
		assert.equal(output.ExecutedVersion, '$LATEST');
		assert.equal(output.ResponseStreamContentType, 'text/plain');
		const chunks: string[] = [];
		let complete: Record<string, unknown> | undefined;
		for await (const event of output.EventStream ?? []) {
			if (event.PayloadChunk?.Payload !== undefined) {
				chunks.push(Buffer.from(event.PayloadChunk.Payload).toString('utf8'));
				// The function waits for the gate after its first chunk.
				if (chunks.length === 1) {
					assert.equal(existsSync(join(gates, 'sdk')), false);
					writeFileSync(join(gates, 'sdk'), 'open');
				}
			}
			if (event.InvokeComplete !== undefined) complete = {...event.InvokeComplete};
		}
		assert.equal(chunks.join(''), 'hello Ada');
		assert.ok(chunks.length >= 2, 'streamed in more than one chunk');
		assert.equal(complete?.['ErrorCode'], undefined);
		assert.match(Buffer.from(String(complete?.['LogResult']), 'base64').toString('utf8'), /REPORT RequestId:/);
	});

	it('InvokeWithResponseStream of a function that does not stream: one chunk; a failure: ErrorCode and ErrorDetails', async () => {
		const output = await harness.lambda.send(new InvokeWithResponseStreamCommand({FunctionName: 'echo', Payload: Buffer.from('{"a":1}')}));
		const chunks: string[] = [];
		for await (const event of output.EventStream ?? []) if (event.PayloadChunk?.Payload !== undefined) chunks.push(Buffer.from(event.PayloadChunk.Payload).toString('utf8'));
		assert.deepEqual(chunks, ['{"a":1}']);

		const failed = await harness.lambda.send(new InvokeWithResponseStreamCommand({FunctionName: 'failing'}));
		let complete: Record<string, unknown> | undefined;
		for await (const event of failed.EventStream ?? []) if (event.InvokeComplete !== undefined) complete = {...event.InvokeComplete};
		assert.equal(complete?.['ErrorCode'], 'Error');
		assert.equal(object(JSON.parse(String(complete?.['ErrorDetails'])))['errorMessage'], 'broken');
	});

	it('InvokeWithResponseStream of a stream that fails midway: the chunks it sent, then the error from the runtime\'s trailers', async () => {
		const output = await harness.lambda.send(new InvokeWithResponseStreamCommand({FunctionName: 'broken-stream'}));
		const chunks: string[] = [];
		let complete: Record<string, unknown> | undefined;
		for await (const event of output.EventStream ?? []) {
			if (event.PayloadChunk?.Payload !== undefined) chunks.push(Buffer.from(event.PayloadChunk.Payload).toString('utf8'));
			if (event.InvokeComplete !== undefined) complete = {...event.InvokeComplete};
		}
		assert.equal(chunks.join(''), 'partial');
		assert.equal(complete?.['ErrorCode'], 'TypeError');
		const details = object(JSON.parse(String(complete?.['ErrorDetails'])));
		assert.equal(details['errorType'], 'TypeError');
		assert.equal(details['errorMessage'], 'stream broke');
	});
});
