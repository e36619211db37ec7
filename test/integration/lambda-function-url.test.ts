// Function URL configurations of the local Lambda through the real
// @aws-sdk/client-lambda: Create, Get, Update, Delete and List
// FunctionUrlConfig for $LATEST and an alias, Lambda's refusals (a version or
// $LATEST as qualifier, a URL that exists already or does not, a missing
// function or alias, the model's limits on Cors, AuthType and InvokeMode), a
// URL going with its alias and its function, and that URLs survive a restart.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CreateAliasCommand,
	CreateFunctionCommand,
	CreateFunctionUrlConfigCommand,
	DeleteAliasCommand,
	DeleteFunctionCommand,
	DeleteFunctionUrlConfigCommand,
	GetFunctionUrlConfigCommand,
	ListFunctionUrlConfigsCommand,
	PublishVersionCommand,
	UpdateFunctionUrlConfigCommand,
	waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const arn = 'arn:aws:lambda:us-east-1:123456789012:function:shop';

describe('Lambda function URL configurations through the SDK', () => {
	let harness: Harness;
	let dataDir: string;

	const create = async (name: string): Promise<void> => {
		await harness.lambda.send(new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}));
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-urls-'));
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		await create('shop');
		await harness.lambda.send(new PublishVersionCommand({FunctionName: 'shop'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'shop', Name: 'live', FunctionVersion: '1'}));
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('creates a URL for $LATEST: 201, a loopback URL, the defaults, no LastModifiedTime', async () => {
		const created = await harness.lambda.send(new CreateFunctionUrlConfigCommand({FunctionName: 'shop', AuthType: 'NONE'}));
		assert.equal(created.$metadata.httpStatusCode, 201);
		assert.match(created.FunctionUrl ?? '', new RegExp(`^http://[a-z0-9]{32}\\.lambda-url\\.us-east-1\\.localhost:${harness.server.port}/$`));
		assert.equal(created.FunctionArn, arn);
		assert.equal(created.AuthType, 'NONE');
		assert.equal(created.InvokeMode, 'BUFFERED');
		assert.equal(created.Cors, undefined);
		assert.ok(!Number.isNaN(Date.parse(created.CreationTime ?? '')));
		assert.equal((created as {LastModifiedTime?: string}).LastModifiedTime, undefined);

		const read = await harness.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: 'shop'}));
		assert.equal(read.FunctionUrl, created.FunctionUrl);
		assert.equal(read.CreationTime, created.CreationTime);
		assert.equal(read.LastModifiedTime, created.CreationTime);
	});

	it('refuses a second URL for the same function: ResourceConflictException', async () => {
		await rejectsWith(
			harness.lambda.send(new CreateFunctionUrlConfigCommand({FunctionName: 'shop', AuthType: 'AWS_IAM'})),
			'ResourceConflictException',
			`Failed to create function url config for [functionArn = ${arn}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
			409,
		);
	});

	it('creates a URL for an alias with CORS and streaming; the ARN names the alias', async () => {
		const cors = {AllowOrigins: ['https://shop.example'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['x-token'], ExposeHeaders: ['x-kind'], MaxAge: 600, AllowCredentials: true};
		const created = await harness.lambda.send(
			new CreateFunctionUrlConfigCommand({FunctionName: 'shop', Qualifier: 'live', AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM', Cors: cors}),
		);
		assert.equal(created.FunctionArn, `${arn}:live`);
		assert.deepEqual(created.Cors, cors);
		assert.equal(created.InvokeMode, 'RESPONSE_STREAM');
		const latest = await harness.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: 'shop'}));
		assert.notEqual(created.FunctionUrl, latest.FunctionUrl);
		const byArn = await harness.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: `${arn}:live`}));
		assert.equal(byArn.AuthType, 'AWS_IAM');
	});

	it('refuses a version number or $LATEST as the qualifier, and a qualifier that differs from the ARN\'s', async () => {
		await rejectsWith(
			harness.lambda.send(new CreateFunctionUrlConfigCommand({FunctionName: 'shop', Qualifier: '1', AuthType: 'NONE'})),
			'ValidationException',
			"1 validation error detected: Value '1' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (^\\$LATEST$)|((?!^[0-9]+$)([a-zA-Z0-9-_]+))",
			400,
		);
		await rejectsWith(
			harness.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: 'shop', Qualifier: '$LATEST'})),
			'ValidationException',
			"1 validation error detected: Value '$LATEST' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)",
		);
		await rejectsWith(
			harness.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: `${arn}:live`, Qualifier: 'other'})),
			'InvalidParameterValueException',
			'The derived qualifier from the function name does not match the specified qualifier.',
		);
	});

	it('answers ResourceNotFoundException for a missing function, alias or URL', async () => {
		await rejectsWith(
			harness.lambda.send(new CreateFunctionUrlConfigCommand({FunctionName: 'nothing', AuthType: 'NONE'})),
			'ResourceNotFoundException',
			'Function does not exist',
			404,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionUrlConfigCommand({FunctionName: 'shop', Qualifier: 'staging', AuthType: 'NONE'})),
			'ResourceNotFoundException',
			'Function does not exist',
		);
		await rejectsWith(
			harness.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: 'nothing'})),
			'ResourceNotFoundException',
			'The resource you requested does not exist.',
		);
		await rejectsWith(
			harness.lambda.send(new ListFunctionUrlConfigsCommand({FunctionName: 'nothing'})),
			'ResourceNotFoundException',
			'Function does not exist',
		);
	});

	it('checks the model: AuthType required and enumerated, InvokeMode enumerated, Cors limits all at once', async () => {
		await rejectsWith(
			harness.lambda.send(new CreateFunctionUrlConfigCommand({FunctionName: 'shop', Qualifier: 'live', AuthType: 'OPEN' as 'NONE'})),
			'ValidationException',
			"1 validation error detected: Value 'OPEN' at 'authType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, AWS_IAM]",
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionUrlConfigCommand({FunctionName: 'shop', InvokeMode: 'FAST' as 'BUFFERED', Cors: {MaxAge: 86_401}})),
			'ValidationException',
			"2 validation errors detected: Value 'FAST' at 'invokeMode' failed to satisfy constraint: Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]; Value '86401' at 'cors.maxAge' failed to satisfy constraint: Member must have value less than or equal to 86400",
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionUrlConfigCommand({FunctionName: 'shop', Cors: {AllowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', '*']}})),
			'ValidationException',
			/Value '\[GET, POST, PUT, PATCH, DELETE, HEAD, \*\]' at 'cors.allowMethods' failed to satisfy constraint: Member must have length less than or equal to 6/,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionUrlConfigCommand({FunctionName: 'shop', Cors: {AllowMethods: ['TRACE']}})),
			'InvalidParameterValueException',
			/TRACE is not supported in Cors\.AllowMethods\. Use any of: GET, PUT, HEAD, POST, PATCH, DELETE, \*/,
		);
	});

	it('updates what it is given, and an empty Cors removes CORS', async () => {
		const before = await harness.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: 'shop'}));
		const updated = await harness.lambda.send(
			new UpdateFunctionUrlConfigCommand({FunctionName: 'shop', AuthType: 'AWS_IAM', Cors: {AllowOrigins: ['*'], MaxAge: 0}}),
		);
		assert.equal(updated.FunctionUrl, before.FunctionUrl);
		assert.equal(updated.AuthType, 'AWS_IAM');
		assert.equal(updated.InvokeMode, 'BUFFERED');
		assert.deepEqual(updated.Cors, {AllowOrigins: ['*'], MaxAge: 0});
		assert.equal(updated.CreationTime, before.CreationTime);
		const again = await harness.lambda.send(new UpdateFunctionUrlConfigCommand({FunctionName: 'shop', InvokeMode: 'RESPONSE_STREAM', Cors: {}}));
		assert.equal(again.AuthType, 'AWS_IAM');
		assert.equal(again.InvokeMode, 'RESPONSE_STREAM');
		assert.equal(again.Cors, undefined);
		await harness.lambda.send(new UpdateFunctionUrlConfigCommand({FunctionName: 'shop', AuthType: 'NONE', InvokeMode: 'BUFFERED'}));
	});

	it('lists the function\'s URLs, a page at a time', async () => {
		const all = await harness.lambda.send(new ListFunctionUrlConfigsCommand({FunctionName: 'shop'}));
		assert.deepEqual(
			all.FunctionUrlConfigs?.map((config) => config.FunctionArn),
			[arn, `${arn}:live`],
		);
		assert.equal(all.NextMarker, undefined);
		const first = await harness.lambda.send(new ListFunctionUrlConfigsCommand({FunctionName: 'shop', MaxItems: 1}));
		assert.equal(first.FunctionUrlConfigs?.length, 1);
		assert.ok(first.NextMarker !== undefined);
		const second = await harness.lambda.send(new ListFunctionUrlConfigsCommand({FunctionName: 'shop', MaxItems: 1, Marker: first.NextMarker}));
		assert.equal(second.FunctionUrlConfigs?.[0]?.FunctionArn, `${arn}:live`);
		assert.equal(second.NextMarker, undefined);
	});

	it('keeps the URLs across a restart', async () => {
		const before = await harness.lambda.send(new ListFunctionUrlConfigsCommand({FunctionName: 'shop'}));
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		const after = await harness.lambda.send(new ListFunctionUrlConfigsCommand({FunctionName: 'shop'}));
		const strip = (configs: typeof before.FunctionUrlConfigs): unknown =>
			configs?.map((config) => ({...config, FunctionUrl: config.FunctionUrl?.replace(/:\d+\/$/, '/')}));
		assert.deepEqual(strip(after.FunctionUrlConfigs), strip(before.FunctionUrlConfigs));
		assert.match(after.FunctionUrlConfigs?.[0]?.FunctionUrl ?? '', new RegExp(`:${harness.server.port}/$`));
	});

	it('deletes a URL (204), then it is gone', async () => {
		const deleted = await harness.lambda.send(new DeleteFunctionUrlConfigCommand({FunctionName: 'shop'}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);
		await rejectsWith(
			harness.lambda.send(new DeleteFunctionUrlConfigCommand({FunctionName: 'shop'})),
			'ResourceNotFoundException',
			'The resource you requested does not exist.',
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionUrlConfigCommand({FunctionName: 'shop', AuthType: 'NONE'})),
			'ResourceNotFoundException',
			'The resource you requested does not exist.',
		);
	});

	it('a URL goes with its alias, and with its function', async () => {
		await harness.lambda.send(new DeleteAliasCommand({FunctionName: 'shop', Name: 'live'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'shop', Name: 'live', FunctionVersion: '1'}));
		await rejectsWith(
			harness.lambda.send(new GetFunctionUrlConfigCommand({FunctionName: 'shop', Qualifier: 'live'})),
			'ResourceNotFoundException',
			'The resource you requested does not exist.',
		);
		await harness.lambda.send(new CreateFunctionUrlConfigCommand({FunctionName: 'shop', AuthType: 'NONE'}));
		await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'shop'}));
		await create('shop');
		const listed = await harness.lambda.send(new ListFunctionUrlConfigsCommand({FunctionName: 'shop'}));
		assert.deepEqual(listed.FunctionUrlConfigs, []);
	});
});
