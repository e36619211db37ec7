// Malformed requests with raw fetch: each gets an AWS-shaped 4xx error
// (status, x-amzn-ErrorType, JSON body with Type and message), never a 500 or a crash.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {startHarness, type Harness} from './harness.js';

async function expectError(response: Response, status: number, type: string, message?: RegExp): Promise<void> {
	assert.equal(response.status, status, `status of ${type}`);
	assert.equal(response.headers.get('x-amzn-errortype'), type);
	const body = (await response.json()) as Record<string, unknown>;
	assert.equal(body['Type'], 'User');
	const text = body['message'] ?? body['Message'];
	assert.equal(typeof text, 'string');
	if (message !== undefined) assert.match(String(text), message);
}

describe('malformed requests to the local Lambda', () => {
	let harness: Harness;
	let endpoint: string;
	before(async () => {
		harness = await startHarness();
		endpoint = harness.server.endpoint;
	});
	after(async () => {
		await harness.close();
	});

	it('bad JSON is an InvalidRequestContentException', async () => {
		const response = await fetch(`${endpoint}/2015-03-31/functions`, {method: 'POST', body: '{"FunctionName": "x",', headers: {'content-type': 'application/json'}});
		await expectError(response, 400, 'InvalidRequestContentException', /Could not parse request body into json/);
		const array = await fetch(`${endpoint}/2015-03-31/functions`, {method: 'POST', body: '[1,2]'});
		await expectError(array, 400, 'InvalidRequestContentException');
		const wrongType = await fetch(`${endpoint}/2015-03-31/functions`, {method: 'POST', body: JSON.stringify({FunctionName: 'x', MemorySize: 'lots'})});
		await expectError(wrongType, 400, 'InvalidRequestContentException', /MemorySize/);
	});

	it('bad base64 in ZipFile is refused', async () => {
		const response = await fetch(`${endpoint}/2015-03-31/functions/`, {
			method: 'POST',
			body: JSON.stringify({FunctionName: 'b64', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::123456789012:role/r', Handler: 'index.handler', Code: {ZipFile: '%%% not base64 %%%'}}),
		});
		await expectError(response, 400, 'InvalidRequestContentException', /base64/);
	});

	it('an unknown path is an UnknownOperationException (404)', async () => {
		await expectError(await fetch(`${endpoint}/2015-03-31/nothing-here`), 404, 'UnknownOperationException');
		await expectError(await fetch(`${endpoint}/favicon.ico`), 404, 'UnknownOperationException');
		await expectError(await fetch(`${endpoint}/2015-03-31/functions/a/b/c/d`), 404, 'UnknownOperationException');
	});

	it('a wrong method is an UnknownOperationException (404)', async () => {
		await expectError(await fetch(`${endpoint}/2015-03-31/functions`, {method: 'PATCH', body: '{}'}), 404, 'UnknownOperationException');
		await expectError(await fetch(`${endpoint}/2016-08-19/account-settings`, {method: 'DELETE'}), 404, 'UnknownOperationException');
	});

	it('a body over the limit is a RequestEntityTooLargeException (413)', async () => {
		const big = 'x'.repeat(7 * 1024 * 1024);
		const response = await fetch(`${endpoint}/2015-03-31/functions/some/configuration`, {method: 'PUT', body: JSON.stringify({Description: big})});
		await expectError(response, 413, 'RequestEntityTooLargeException', /Request must be smaller than 6291456 bytes for the UpdateFunctionConfiguration operation/);
		const huge = Buffer.alloc(70 * 1024 * 1024, 0x41);
		const create = await fetch(`${endpoint}/2015-03-31/functions`, {method: 'POST', body: huge});
		await expectError(create, 413, 'RequestEntityTooLargeException', /69905067 bytes for the CreateFunction operation/);
	});

	it('a bad function name in the path is a ValidationException', async () => {
		await expectError(await fetch(`${endpoint}/2015-03-31/functions/${encodeURIComponent('no spaces')}`), 400, 'ValidationException', /functionName/);
		await expectError(await fetch(`${endpoint}/2015-03-31/functions/%E0%A4%A`), 404, 'UnknownOperationException');
	});

	it('keeps serving after all of that, and answers unknown STS actions in XML', async () => {
		const ok = await fetch(`${endpoint}/2015-03-31/functions/`);
		assert.equal(ok.status, 200);
		assert.deepEqual(await ok.json(), {Functions: []});
		const sts = await fetch(`${endpoint}/`, {method: 'POST', body: 'Action=AssumeRole&Version=2011-06-15', headers: {'content-type': 'application/x-www-form-urlencoded'}});
		assert.equal(sts.status, 400);
		assert.match(await sts.text(), /<Code>InvalidAction<\/Code>/);
	});
});
