// Container image functions (PackageType Image) through the real SDK against the
// local Lambda: created with Code.ImageUri and ImageConfig, shown as AWS shows
// them (no Runtime or Handler, ImageConfigResponse, Code from ECR), kept across
// a restart, and an Invoke that says the local Lambda needs a container engine.
import assert from 'node:assert/strict';
import {rm} from 'node:fs/promises';
import {after, before, describe, it} from 'node:test';
import {
	CreateFunctionCommand,
	DeleteFunctionCommand,
	GetFunctionCommand,
	InvokeCommand,
	ListFunctionsCommand,
	UpdateFunctionCodeCommand,
	UpdateFunctionConfigurationCommand,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const imageUri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:v1';

describe('container image functions on the local Lambda', () => {
	let harness: Harness;
	before(async () => {
		harness = await startHarness({transitionDelayMs: 100});
	});
	after(async () => {
		await harness.close();
	});

	it('creates an image function and shows it as AWS does', async () => {
		const created = await harness.lambda.send(
			new CreateFunctionCommand({
				FunctionName: 'orders-image',
				Role: role,
				PackageType: 'Image',
				Code: {ImageUri: imageUri},
				ImageConfig: {Command: ['app.handler'], EntryPoint: ['/lambda-entrypoint.sh'], WorkingDirectory: '/var/task'},
				Architectures: ['arm64'],
			}),
		);
		assert.equal(created.PackageType, 'Image');
		assert.equal(created.Runtime, undefined, 'an image function has no runtime');
		assert.equal(created.Handler, undefined, 'nor a handler');
		assert.equal(created.State, 'Pending');
		assert.deepEqual(created.ImageConfigResponse?.ImageConfig, {Command: ['app.handler'], EntryPoint: ['/lambda-entrypoint.sh'], WorkingDirectory: '/var/task'});
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 20}, {FunctionName: 'orders-image'});

		const got = await harness.lambda.send(new GetFunctionCommand({FunctionName: 'orders-image'}));
		assert.equal(got.Configuration?.PackageType, 'Image');
		assert.equal(got.Configuration?.State, 'Active');
		assert.deepEqual(got.Configuration?.Architectures, ['arm64']);
		assert.equal(got.Code?.RepositoryType, 'ECR');
		assert.equal(got.Code?.ImageUri, imageUri);
		assert.match(got.Code?.ResolvedImageUri ?? '', /orders-api@sha256:[a-f0-9]{64}$/);

		const listed = await harness.lambda.send(new ListFunctionsCommand({}));
		const entry = listed.Functions?.find((fn) => fn.FunctionName === 'orders-image');
		assert.equal(entry?.PackageType, 'Image');
	});

	it('an invocation says clearly that running images needs a container engine', async () => {
		const invoking = harness.lambda.send(new InvokeCommand({FunctionName: 'orders-image', Payload: Buffer.from('{}')}));
		await rejectsWith(invoking, 'InvalidRuntimeException', /container image.*needs a container engine/, 502);
	});

	it('refuses an image URI that is not an ECR image, and Runtime/Handler/ZipFile with an image', async () => {
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({FunctionName: 'bad-image', Role: role, PackageType: 'Image', Code: {ImageUri: 'docker.io/library/nginx:latest'}})),
			'InvalidParameterValueException',
			/Source image docker\.io\/library\/nginx:latest is not valid/,
		);
		await rejectsWith(
			harness.lambda.send(
				new CreateFunctionCommand({FunctionName: 'bad-image', Role: role, PackageType: 'Image', Runtime: 'nodejs22.x', Handler: 'index.handler', Code: {ImageUri: imageUri}}),
			),
			'InvalidParameterValueException',
			/Runtime and Handler are not supported/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({FunctionName: 'bad-image', Role: role, PackageType: 'Image', Code: {ZipFile: makeZip()}})),
			'InvalidParameterValueException',
			/ZipFile/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({FunctionName: 'orders-image', Role: role, PackageType: 'Image', Code: {ImageUri: imageUri}})),
			'ResourceConflictException',
			/Function already exist: orders-image/,
		);
	});

	it('takes a new image as its code, and no runtime or handler as configuration', async () => {
		const v2 = '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:v2';
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'orders-image', ZipFile: makeZip()})),
			'InvalidParameterValueException',
			/provide ImageUri/,
		);
		await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'orders-image', ImageUri: v2}));
		await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 20}, {FunctionName: 'orders-image'});
		const got = await harness.lambda.send(new GetFunctionCommand({FunctionName: 'orders-image'}));
		assert.equal(got.Code?.ImageUri, v2);
		assert.deepEqual(got.Configuration?.ImageConfigResponse?.ImageConfig?.Command, ['app.handler'], 'the image settings stay');
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'orders-image', Runtime: 'nodejs22.x'})),
			'InvalidParameterValueException',
			/Runtime and Handler are not supported/,
		);
		await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'orders-image', ImageUri: imageUri}));
		await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 20}, {FunctionName: 'orders-image'});
	});

	it('keeps the image function across a restart, and deletes it', async () => {
		const dataDir = harness.dataDir;
		harness.lambda.destroy();
		harness.sts.destroy();
		await harness.server.close();
		const again = await startHarness({dataDir, transitionDelayMs: 100});
		try {
			const got = await again.lambda.send(new GetFunctionCommand({FunctionName: 'orders-image'}));
			assert.equal(got.Configuration?.PackageType, 'Image');
			assert.equal(got.Code?.ImageUri, imageUri);
			assert.deepEqual(got.Configuration?.ImageConfigResponse?.ImageConfig?.Command, ['app.handler']);
			await again.lambda.send(new DeleteFunctionCommand({FunctionName: 'orders-image'}));
			await rejectsWith(again.lambda.send(new GetFunctionCommand({FunctionName: 'orders-image'})), 'ResourceNotFoundException', /orders-image/);
		} finally {
			await again.close();
			await rm(dataDir, {recursive: true, force: true});
		}
		harness = await startHarness({transitionDelayMs: 100});
	});
});
