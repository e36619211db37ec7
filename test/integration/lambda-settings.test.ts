// The real SDK against the local Lambda: concurrency, account settings, tags,
// STS GetCallerIdentity, and Lambda's validation errors.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
	CreateFunctionCommand,
	DeleteFunctionCommand,
	DeleteFunctionConcurrencyCommand,
	GetAccountSettingsCommand,
	GetFunctionCommand,
	GetFunctionConcurrencyCommand,
	GetFunctionConfigurationCommand,
	ListTagsCommand,
	PutFunctionConcurrencyCommand,
	TagResourceCommand,
	UntagResourceCommand,
	UpdateFunctionConfigurationCommand,
	type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const arn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

describe('Lambda concurrency, account settings, tags and STS through the SDK', () => {
	let harness: Harness;
	const base = (name: string): CreateFunctionCommandInput => ({
		FunctionName: name,
		Runtime: 'nodejs22.x',
		Role: role,
		Handler: 'index.handler',
		Code: {ZipFile: makeZip()},
	});
	before(async () => {
		harness = await startHarness({transitionDelayMs: 50});
		for (const name of ['alpha', 'beta', 'gamma']) await harness.lambda.send(new CreateFunctionCommand(base(name)));
	});
	after(async () => {
		await harness.close();
	});

	it('puts, gets and deletes reserved concurrency; GetFunction shows it', async () => {
		const none = await harness.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: 'alpha'}));
		assert.equal(none.ReservedConcurrentExecutions, undefined);
		const put = await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'alpha', ReservedConcurrentExecutions: 0}));
		assert.equal(put.ReservedConcurrentExecutions, 0);
		const got = await harness.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: arn('alpha')}));
		assert.equal(got.ReservedConcurrentExecutions, 0);
		const fn = await harness.lambda.send(new GetFunctionCommand({FunctionName: 'alpha'}));
		assert.equal(fn.Concurrency?.ReservedConcurrentExecutions, 0);
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'alpha', ReservedConcurrentExecutions: 25}));
		assert.equal((await harness.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: 'alpha'}))).ReservedConcurrentExecutions, 25);
		await harness.lambda.send(new DeleteFunctionConcurrencyCommand({FunctionName: 'alpha'}));
		assert.equal((await harness.lambda.send(new GetFunctionConcurrencyCommand({FunctionName: 'alpha'}))).ReservedConcurrentExecutions, undefined);
		assert.equal((await harness.lambda.send(new GetFunctionCommand({FunctionName: 'alpha'}))).Concurrency, undefined);
	});

	it('keeps 100 of the 1000 unreserved, in AWS words; GetAccountSettings counts reservations', async () => {
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'alpha', ReservedConcurrentExecutions: 600}));
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'beta', ReservedConcurrentExecutions: 300}));
		await rejectsWith(
			harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'gamma', ReservedConcurrentExecutions: 1})),
			'InvalidParameterValueException',
			"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
			400,
		);
		// Changing a function's own reservation counts only the others.
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'beta', ReservedConcurrentExecutions: 300}));
		const settings = await harness.lambda.send(new GetAccountSettingsCommand({}));
		assert.equal(settings.AccountLimit?.ConcurrentExecutions, 1000);
		assert.equal(settings.AccountLimit?.UnreservedConcurrentExecutions, 100);
		assert.equal(settings.AccountLimit?.CodeSizeZipped, 52428800);
		assert.equal(settings.AccountLimit?.CodeSizeUnzipped, 262144000);
		assert.equal(settings.AccountLimit?.TotalCodeSize, 80530636800);
		assert.equal(settings.AccountUsage?.FunctionCount, 3);
		assert.equal(settings.AccountUsage?.TotalCodeSize, makeZip().length * 3);
		await rejectsWith(
			harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'gamma', ReservedConcurrentExecutions: -1})),
			'ValidationException',
			/Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0/,
			400,
		);
		await harness.lambda.send(new DeleteFunctionConcurrencyCommand({FunctionName: 'alpha'}));
		await harness.lambda.send(new DeleteFunctionConcurrencyCommand({FunctionName: 'beta'}));
		const after = await harness.lambda.send(new GetAccountSettingsCommand({}));
		assert.equal(after.AccountLimit?.UnreservedConcurrentExecutions, 1000);
	});

	it('tags, lists and untags by function ARN; a change of tags changes the RevisionId', async () => {
		const before = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'gamma'}));
		await harness.lambda.send(new TagResourceCommand({Resource: arn('gamma'), Tags: {team: 'core', 'lambdash:throttled-from': 'unreserved', cost: ''}}));
		const listed = await harness.lambda.send(new ListTagsCommand({Resource: arn('gamma')}));
		assert.deepEqual(listed.Tags, {team: 'core', 'lambdash:throttled-from': 'unreserved', cost: ''});
		const afterTag = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'gamma'}));
		assert.notEqual(afterTag.RevisionId, before.RevisionId);
		await harness.lambda.send(new UntagResourceCommand({Resource: arn('gamma'), TagKeys: ['team', 'cost', 'not-there']}));
		assert.deepEqual((await harness.lambda.send(new ListTagsCommand({Resource: arn('gamma')}))).Tags, {'lambdash:throttled-from': 'unreserved'});
		assert.deepEqual((await harness.lambda.send(new GetFunctionCommand({FunctionName: 'gamma'}))).Tags, {'lambdash:throttled-from': 'unreserved'});
	});

	it('refuses bad tags and unknown resources', async () => {
		await rejectsWith(
			harness.lambda.send(new TagResourceCommand({Resource: arn('gamma'), Tags: {'aws:owner': 'x'}})),
			'InvalidParameterValueException',
			/cannot start with 'aws:'/,
			400,
		);
		await rejectsWith(
			harness.lambda.send(new TagResourceCommand({Resource: arn('gamma'), Tags: {['k'.repeat(129)]: 'x'}})),
			'InvalidParameterValueException',
			/between 1 and 128/,
		);
		await rejectsWith(
			harness.lambda.send(new TagResourceCommand({Resource: arn('gamma'), Tags: {k: 'v'.repeat(257)}})),
			'InvalidParameterValueException',
			/at most 256/,
		);
		await rejectsWith(
			harness.lambda.send(new TagResourceCommand({Resource: arn('gamma'), Tags: {'bad{key}': 'x'}})),
			'InvalidParameterValueException',
			/may contain only/,
		);
		const many = Object.fromEntries(Array.from({length: 50}, (_, index) => [`tag${index}`, 'x']));
		await rejectsWith(
			harness.lambda.send(new TagResourceCommand({Resource: arn('gamma'), Tags: many})),
			'InvalidParameterValueException',
			/at most 50 tags/,
		);
		await rejectsWith(
			harness.lambda.send(new ListTagsCommand({Resource: arn('nobody')})),
			'ResourceNotFoundException',
			`Function not found: ${arn('nobody')}`,
			404,
		);
		await rejectsWith(harness.lambda.send(new ListTagsCommand({Resource: 'gamma'})), 'ValidationException', /at 'resource' failed to satisfy constraint/, 400);
	});

	it('validates CreateFunction like Lambda', async () => {
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('bad-memory'), MemorySize: 64, Timeout: 0})),
			'ValidationException',
			"2 validation errors detected: Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
			400,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('big-memory'), MemorySize: 10241})),
			'ValidationException',
			"'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 10240",
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('long-timeout'), Timeout: 901})),
			'ValidationException',
			/Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('disk'), EphemeralStorage: {Size: 10241}})),
			'ValidationException',
			/at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value less than or equal to 10240/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('has space')})),
			'ValidationException',
			/Value 'has space' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('n'.repeat(65))})),
			'ValidationException',
			/at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('bad-runtime'), Runtime: 'cobol85' as never})),
			'ValidationException',
			/Value 'cobol85' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('old-runtime'), Runtime: 'nodejs12.x'})),
			'InvalidParameterValueException',
			/The runtime parameter of nodejs12.x is no longer supported/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('bad-role'), Role: 'lambda-role'})),
			'ValidationException',
			/Value 'lambda-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('bad-handler'), Handler: 'index handler'})),
			'ValidationException',
			/at 'handler' failed to satisfy constraint/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('no-handler'), Handler: undefined})),
			'InvalidParameterValueException',
			'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('reserved-env'), Environment: {Variables: {AWS_REGION: 'eu-west-1', OK: '1'}}})),
			'InvalidParameterValueException',
			/contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('bad-env-name'), Environment: {Variables: {'1ABC': 'x'}}})),
			'ValidationException',
			/at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('big-env'), Environment: {Variables: {BIG: 'x'.repeat(4100)}}})),
			'InvalidParameterValueException',
			/exceeded the 4KB limit/,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('not-zip'), Code: {ZipFile: new TextEncoder().encode('hello, I am not a zip file')}})),
			'InvalidParameterValueException',
			'Could not unzip uploaded file. Please check your file, then try to upload again.',
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('aws-tag'), Tags: {'aws:cloudformation:stack-name': 'x'}})),
			'InvalidParameterValueException',
			/cannot start with 'aws:'/,
		);
		// None of them was created.
		const settings = await harness.lambda.send(new GetAccountSettingsCommand({}));
		assert.equal(settings.AccountUsage?.FunctionCount, 3);
	});

	it('validates UpdateFunctionConfiguration like Lambda', async () => {
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'gamma', Environment: {Variables: {AWS_LAMBDA_FUNCTION_NAME: 'x'}}})),
			'InvalidParameterValueException',
			/Reserved keys used in this request: AWS_LAMBDA_FUNCTION_NAME/,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'gamma', EphemeralStorage: {Size: 100}})),
			'ValidationException',
			/Member must have value greater than or equal to 512/,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'ghost', MemorySize: 256})),
			'ResourceNotFoundException',
			`Function not found: ${arn('ghost')}`,
			404,
		);
		const good = await harness.lambda.send(
			new UpdateFunctionConfigurationCommand({FunctionName: 'gamma', MemorySize: 10240, Timeout: 900, EphemeralStorage: {Size: 10240}}),
		);
		assert.equal(good.MemorySize, 10240);
		assert.equal(good.EphemeralStorage?.Size, 10240);
	});

	it('answers STS GetCallerIdentity with the account', async () => {
		const identity = await harness.sts.send(new GetCallerIdentityCommand({}));
		assert.equal(identity.Account, '123456789012');
		assert.match(identity.Arn ?? '', /^arn:aws:iam::123456789012:/);
		assert.ok((identity.UserId ?? '').length > 0);
	});

	it('deletes the function with its reservation', async () => {
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'beta', ReservedConcurrentExecutions: 10}));
		await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'beta'}));
		const settings = await harness.lambda.send(new GetAccountSettingsCommand({}));
		assert.equal(settings.AccountLimit?.UnreservedConcurrentExecutions, 1000);
		assert.equal(settings.AccountUsage?.FunctionCount, 2);
	});
});
