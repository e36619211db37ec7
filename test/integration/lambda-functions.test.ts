// The real @aws-sdk/client-lambda against the local Lambda: the function
// operations, their state transitions and RevisionId checks, and paging.

import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {
	CreateFunctionCommand,
	DeleteFunctionCommand,
	GetFunctionCommand,
	GetFunctionConfigurationCommand,
	ListFunctionsCommand,
	UpdateFunctionCodeCommand,
	UpdateFunctionConfigurationCommand,
	paginateListFunctions,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

describe('Lambda functions through the SDK', () => {
	let harness: Harness;
	before(async () => {
		harness = await startHarness({transitionDelayMs: 300});
	});
	after(async () => {
		await harness.close();
	});

	it('creates a function Pending, and the waiter waits until it is Active', async () => {
		const zip = makeZip();
		const created = await harness.lambda.send(
			new CreateFunctionCommand({
				FunctionName: 'orders',
				Runtime: 'nodejs22.x',
				Role: role,
				Handler: 'index.handler',
				Code: {ZipFile: zip},
				Description: 'Takes orders',
				MemorySize: 256,
				Timeout: 10,
				Environment: {Variables: {TABLE: 'orders'}},
				Tags: {team: 'payments'},
			}),
		);
		assert.equal(created.$metadata.httpStatusCode, 201);
		assert.equal(created.FunctionName, 'orders');
		assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:orders');
		assert.equal(created.State, 'Pending');
		assert.equal(created.StateReasonCode, 'Creating');
		assert.equal(created.CodeSize, zip.length);
		assert.equal(created.CodeSha256, createHash('sha256').update(zip).digest('base64'));
		assert.match(created.LastModified ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
		assert.match(created.RevisionId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		assert.deepEqual(created.Environment?.Variables, {TABLE: 'orders'});
		assert.equal(created.MemorySize, 256);
		assert.equal(created.Timeout, 10);
		assert.equal(created.PackageType, 'Zip');
		assert.deepEqual(created.Architectures, ['x86_64']);
		assert.equal(created.EphemeralStorage?.Size, 512);

		const started = Date.now();
		const waited = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'orders'}));
		assert.equal(waited.State, 'Pending', 'still Pending right after the create');
		const result = await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'orders'});
		assert.equal(result.state, 'SUCCESS');
		assert.ok(Date.now() - started >= 200, 'the waiter really waited');
		const active = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'orders'}));
		assert.equal(active.State, 'Active');
		assert.equal(active.LastUpdateStatus, 'Successful');
	});

	it('gets a function: configuration, code location serving the zip, tags', async () => {
		const got = await harness.lambda.send(new GetFunctionCommand({FunctionName: 'orders'}));
		assert.equal(got.Configuration?.FunctionName, 'orders');
		assert.equal(got.Code?.RepositoryType, 'S3');
		assert.deepEqual(got.Tags, {team: 'payments'});
		assert.equal(got.Concurrency, undefined);
		const location = got.Code?.Location ?? '';
		assert.ok(location.startsWith(harness.server.endpoint), location);
		const response = await fetch(location);
		assert.equal(response.status, 200);
		const bytes = new Uint8Array(await response.arrayBuffer());
		assert.equal(createHash('sha256').update(bytes).digest('base64'), got.Configuration?.CodeSha256);
	});

	it('names a function by name, partial ARN or full ARN, and $LATEST', async () => {
		for (const name of [
			'orders',
			'123456789012:function:orders',
			'arn:aws:lambda:us-east-1:123456789012:function:orders',
			'arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST',
		]) {
			const got = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
			assert.equal(got.FunctionName, 'orders', name);
		}
		await rejectsWith(
			harness.lambda.send(new GetFunctionCommand({FunctionName: 'orders', Qualifier: '7'})),
			'ResourceNotFoundException',
			'Function not found: arn:aws:lambda:us-east-1:123456789012:function:orders:7',
			404,
		);
		await rejectsWith(
			harness.lambda.send(new GetFunctionCommand({FunctionName: 'missing'})),
			'ResourceNotFoundException',
			'Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing',
			404,
		);
	});

	it('refuses a second function of the same name', async () => {
		await rejectsWith(
			harness.lambda.send(
				new CreateFunctionCommand({FunctionName: 'orders', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}),
			),
			'ResourceConflictException',
			'Function already exist: orders',
			409,
		);
	});

	it('updates the configuration: InProgress, 409 while in progress, the updated waiter, a new RevisionId', async () => {
		const before = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'orders'}));
		const updated = await harness.lambda.send(
			new UpdateFunctionConfigurationCommand({
				FunctionName: 'orders',
				MemorySize: 1024,
				Timeout: 60,
				Description: 'Takes and checks orders',
				Environment: {Variables: {TABLE: 'orders-v2', MODE: 'strict'}},
				RevisionId: before.RevisionId,
			}),
		);
		assert.equal(updated.LastUpdateStatus, 'InProgress');
		assert.equal(updated.MemorySize, 1024);
		assert.notEqual(updated.RevisionId, before.RevisionId);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'orders', MemorySize: 512})),
			'ResourceConflictException',
			'The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:orders',
			409,
		);
		const result = await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'orders'});
		assert.equal(result.state, 'SUCCESS');
		const after = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'orders'}));
		assert.equal(after.LastUpdateStatus, 'Successful');
		assert.equal(after.Timeout, 60);
		assert.equal(after.Description, 'Takes and checks orders');
		assert.deepEqual(after.Environment?.Variables, {TABLE: 'orders-v2', MODE: 'strict'});
		assert.equal(after.Runtime, 'nodejs22.x', 'members not given are kept');
	});

	it('checks a given RevisionId: PreconditionFailedException when someone changed the function first', async () => {
		const current = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'orders'}));
		await rejectsWith(
			harness.lambda.send(
				new UpdateFunctionConfigurationCommand({FunctionName: 'orders', MemorySize: 2048, RevisionId: '00000000-0000-0000-0000-000000000000'}),
			),
			'PreconditionFailedException',
			'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
			412,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'orders', ZipFile: makeZip(), RevisionId: 'stale'})),
			'PreconditionFailedException',
			/does not match the latest Revision Id/,
			412,
		);
		const unchanged = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'orders'}));
		assert.equal(unchanged.RevisionId, current.RevisionId);
		assert.equal(unchanged.MemorySize, 1024);
	});

	it('updates the code: new CodeSha256 and CodeSize, served at the new location', async () => {
		const current = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'orders'}));
		const zip = makeZip({'index.mjs': 'export const handler = async () => "v2";\n', 'lib/util.mjs': 'export const x = 1;\n'});
		const updated = await harness.lambda.send(
			new UpdateFunctionCodeCommand({FunctionName: 'orders', ZipFile: zip, RevisionId: current.RevisionId}),
		);
		assert.equal(updated.LastUpdateStatus, 'InProgress');
		assert.equal(updated.CodeSize, zip.length);
		assert.equal(updated.CodeSha256, createHash('sha256').update(zip).digest('base64'));
		assert.notEqual(updated.RevisionId, current.RevisionId);
		await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'orders'});
		const got = await harness.lambda.send(new GetFunctionCommand({FunctionName: 'orders'}));
		const response = await fetch(got.Code?.Location ?? '');
		assert.deepEqual(new Uint8Array(await response.arrayBuffer()), zip);
	});

	it('refuses code that is not a zip', async () => {
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'orders', ZipFile: new TextEncoder().encode('not a zip at all, not even close')})),
			'InvalidParameterValueException',
			'Could not unzip uploaded file. Please check your file, then try to upload again.',
			400,
		);
	});

	it('deletes a function', async () => {
		const deleted = await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'orders'}));
		assert.ok([200, 204].includes(deleted.$metadata.httpStatusCode ?? 0));
		await rejectsWith(harness.lambda.send(new GetFunctionCommand({FunctionName: 'orders'})), 'ResourceNotFoundException', /Function not found/, 404);
		await rejectsWith(harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'orders'})), 'ResourceNotFoundException', /Function not found/, 404);
	});

	it('lists 120 functions in pages: 50 by default, MaxItems, an opaque NextMarker', async () => {
		const names = Array.from({length: 120}, (_, index) => `page-${String(index).padStart(3, '0')}`);
		const zip = Buffer.from(makeZip()).toString('base64');
		await Promise.all(
			names.map((name) =>
				harness.server.createFunction({FunctionName: name, Runtime: 'python3.12', Role: role, Handler: 'app.handler', Code: {ZipFile: zip}}),
			),
		);
		const first = await harness.lambda.send(new ListFunctionsCommand({}));
		assert.equal(first.Functions?.length, 50);
		assert.ok(first.NextMarker !== undefined && !first.NextMarker.includes('page-'), 'NextMarker is opaque');
		assert.equal(first.Functions?.[0]?.State, undefined, 'ListFunctions does not return State, as in AWS');

		const seen: string[] = [];
		let marker: string | undefined;
		let pages = 0;
		do {
			const page = await harness.lambda.send(new ListFunctionsCommand({MaxItems: 7, Marker: marker}));
			assert.ok((page.Functions?.length ?? 0) <= 7);
			seen.push(...(page.Functions ?? []).map((fn) => fn.FunctionName ?? ''));
			marker = page.NextMarker;
			pages += 1;
		} while (marker !== undefined);
		assert.equal(pages, Math.ceil(120 / 7));
		assert.deepEqual(seen, names);

		const big = await harness.lambda.send(new ListFunctionsCommand({MaxItems: 1000}));
		assert.equal(big.Functions?.length, 50, 'at most 50 a page');

		const all: string[] = [];
		for await (const page of paginateListFunctions({client: harness.lambda, pageSize: 50}, {})) {
			all.push(...(page.Functions ?? []).map((fn) => fn.FunctionName ?? ''));
		}
		assert.deepEqual(all, names);
		await rejectsWith(harness.lambda.send(new ListFunctionsCommand({MaxItems: 0})), 'ValidationException', /at 'maxItems' failed to satisfy constraint/, 400);
		await rejectsWith(harness.lambda.send(new ListFunctionsCommand({Marker: 'garbage'})), 'InvalidParameterValueException', /Invalid Marker/, 400);
	});
});
