// Every field of the Configuration tab through UpdateFunctionConfiguration
// (and CreateFunction), with the real SDK and the AWS CLI against the local
// Lambda: VPC settings, runtime deprecation, environment variables, KMS key,
// tracing, dead-letter queue, logging, layers, and the update's state,
// RevisionId and conflicts.

import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CreateFunctionCommand,
	GetFunctionCommand,
	GetFunctionConfigurationCommand,
	ListFunctionsCommand,
	PublishLayerVersionCommand,
	PublishVersionCommand,
	UpdateFunctionConfigurationCommand,
	type CreateFunctionCommandInput,
	type FunctionConfiguration,
	type UpdateFunctionConfigurationCommandInput,
} from '@aws-sdk/client-lambda';
import {functionFileName} from '../../source/mock/store/function-store.js';
import {localVpcIdFor} from '../../source/domain/vpc-config.js';
import {awsJson} from './aws-cli-support.js';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const subnetA = 'subnet-0a1b2c3d4e5f60718';
const subnetB = 'subnet-0123456789abcdef0';
const groupA = 'sg-0fedcba9876543210';

describe('UpdateFunctionConfiguration: every field of the Configuration tab, through the SDK', () => {
	let harness: Harness;
	let dataDir: string;
	const base = (name: string): CreateFunctionCommandInput => ({
		FunctionName: name,
		Runtime: 'nodejs22.x',
		Role: role,
		Handler: 'index.handler',
		Code: {ZipFile: makeZip()},
	});
	/** Polls until the update in flight is applied (LastUpdateStatus leaves InProgress). */
	const settled = async (name: string): Promise<FunctionConfiguration> => {
		for (;;) {
			// eslint-disable-next-line no-await-in-loop
			const configuration = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: name}));
			if (configuration.LastUpdateStatus !== 'InProgress' && configuration.State !== 'Pending') return configuration;
			// eslint-disable-next-line no-await-in-loop
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	};
	const update = async (input: UpdateFunctionConfigurationCommandInput): Promise<FunctionConfiguration> => {
		const answer = await harness.lambda.send(new UpdateFunctionConfigurationCommand(input));
		await settled(input.FunctionName ?? '');
		return answer;
	};

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-configuration-'));
		harness = await startHarness({dataDir, transitionDelayMs: 20});
		for (const name of ['plain', 'net', 'env', 'dlq', 'logs', 'busy', 'legacy']) {
			// eslint-disable-next-line no-await-in-loop
			await harness.lambda.send(new CreateFunctionCommand(base(name)));
			// eslint-disable-next-line no-await-in-loop
			await settled(name);
		}
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('shows no VpcConfig for a function created without one, in Get and List alike', async () => {
		const got = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'plain'}));
		assert.equal(got.VpcConfig, undefined);
		const listed = await harness.lambda.send(new ListFunctionsCommand({}));
		assert.equal(listed.Functions?.find((fn) => fn.FunctionName === 'plain')?.VpcConfig, undefined);
	});

	it('attaches a function to a VPC: subnets, security groups, a stable local VpcId, IPv6 for dual stack', async () => {
		const answer = await update({
			FunctionName: 'net',
			VpcConfig: {SubnetIds: [subnetA, subnetB], SecurityGroupIds: [groupA], Ipv6AllowedForDualStack: true},
		});
		assert.equal(answer.LastUpdateStatus, 'InProgress');
		const expected = {
			SubnetIds: [subnetA, subnetB],
			SecurityGroupIds: [groupA],
			VpcId: localVpcIdFor([subnetB, subnetA]),
			Ipv6AllowedForDualStack: true,
		};
		assert.match(expected.VpcId, /^vpc-[0-9a-f]{17}$/);
		assert.deepEqual(answer.VpcConfig, expected);
		assert.deepEqual((await harness.lambda.send(new GetFunctionCommand({FunctionName: 'net'}))).Configuration?.VpcConfig, expected);
		const listed = await harness.lambda.send(new ListFunctionsCommand({}));
		assert.deepEqual(listed.Functions?.find((fn) => fn.FunctionName === 'net')?.VpcConfig, expected);
		// The same subnets in another order are the same VPC.
		const reordered = await update({FunctionName: 'net', VpcConfig: {SubnetIds: [subnetB, subnetA], SecurityGroupIds: [groupA]}});
		assert.equal(reordered.VpcConfig?.VpcId, expected.VpcId);
		assert.equal(reordered.VpcConfig?.Ipv6AllowedForDualStack, true, 'left out, Ipv6AllowedForDualStack keeps its value');
	});

	it('a published version keeps the VpcConfig it had', async () => {
		const version = await harness.lambda.send(new PublishVersionCommand({FunctionName: 'net'}));
		await update({FunctionName: 'net', VpcConfig: {SubnetIds: [subnetA], SecurityGroupIds: [groupA]}});
		const frozen = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'net', Qualifier: version.Version}));
		assert.deepEqual(frozen.VpcConfig?.SubnetIds, [subnetB, subnetA]);
		const latest = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'net'}));
		assert.deepEqual(latest.VpcConfig?.SubnetIds, [subnetA]);
	});

	it('refuses what Lambda refuses in a VpcConfig, in its words', async () => {
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'net', VpcConfig: {SubnetIds: ['my-subnet'], SecurityGroupIds: [groupA]}})),
			'ValidationException',
			"1 validation error detected: Value '[my-subnet]' at 'vpcConfig.subnetIds' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: ^subnet-[0-9a-z]*$]",
			400,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'net', VpcConfig: {SubnetIds: [subnetA], SecurityGroupIds: ['default']}})),
			'ValidationException',
			/Value '\[default\]' at 'vpcConfig.securityGroupIds' failed to satisfy constraint: .*pattern: \^sg-\[0-9a-zA-Z\]\*\$\]$/,
		);
		const seventeen = Array.from({length: 17}, (_, index) => `subnet-${index.toString(16).padStart(8, '0')}`);
		const six = Array.from({length: 6}, (_, index) => `sg-${index.toString(16).padStart(8, '0')}`);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'net', VpcConfig: {SubnetIds: seventeen, SecurityGroupIds: six}})),
			'ValidationException',
			/^2 validation errors detected: .*'vpcConfig.subnetIds' failed to satisfy constraint: Member must have length less than or equal to 16; .*'vpcConfig.securityGroupIds' failed to satisfy constraint: Member must have length less than or equal to 5$/,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'net', VpcConfig: {SubnetIds: [subnetA], SecurityGroupIds: []}})),
			'InvalidParameterValueException',
			'SubnetIds and SecurityIds must coexist or be both empty list.',
			400,
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('half-vpc'), VpcConfig: {SecurityGroupIds: [groupA]}})),
			'InvalidParameterValueException',
			'SubnetIds and SecurityIds must coexist or be both empty list.',
		);
		// Detaching a dual-stack function without turning IPv6 off: Lambda keeps the flag, and refuses.
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'net', VpcConfig: {SubnetIds: [], SecurityGroupIds: []}})),
			'InvalidParameterValueException',
			'Ipv6AllowedForDualStack cannot be true without subnet or security groups. Please remove Ipv6AllowedForDualStack value from your request and try again.',
		);
		assert.deepEqual((await settled('net')).VpcConfig?.SubnetIds, [subnetA], 'nothing changed');
	});

	it('detaches a function from its VPC with empty lists: Lambda then shows empty lists and VpcId ""', async () => {
		const detached = await update({FunctionName: 'net', VpcConfig: {SubnetIds: [], SecurityGroupIds: [], Ipv6AllowedForDualStack: false}});
		const empty = {SubnetIds: [], SecurityGroupIds: [], VpcId: '', Ipv6AllowedForDualStack: false};
		assert.deepEqual(detached.VpcConfig, empty);
		assert.deepEqual((await settled('net')).VpcConfig, empty);
	});

	it('creates a function in a VPC, and keeps it across a restart', async () => {
		const created = await harness.lambda.send(
			new CreateFunctionCommand({...base('born-in-vpc'), VpcConfig: {SubnetIds: [subnetB], SecurityGroupIds: [groupA]}}),
		);
		assert.deepEqual(created.VpcConfig, {SubnetIds: [subnetB], SecurityGroupIds: [groupA], VpcId: localVpcIdFor([subnetB]), Ipv6AllowedForDualStack: false});
		await settled('born-in-vpc');
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 20});
		const reloaded = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'born-in-vpc'}));
		assert.deepEqual(reloaded.VpcConfig, created.VpcConfig);
	});

	it('changes description, handler, runtime, memory, ephemeral storage, timeout and tracing', async () => {
		const answer = await update({
			FunctionName: 'plain',
			Description: 'orders API',
			Handler: 'app.main',
			Runtime: 'nodejs24.x',
			MemorySize: 1769,
			EphemeralStorage: {Size: 2048},
			Timeout: 90,
			TracingConfig: {Mode: 'Active'},
		});
		assert.equal(answer.Description, 'orders API');
		assert.equal(answer.Handler, 'app.main');
		assert.equal(answer.Runtime, 'nodejs24.x');
		assert.equal(answer.MemorySize, 1769);
		assert.equal(answer.EphemeralStorage?.Size, 2048);
		assert.equal(answer.Timeout, 90);
		assert.equal(answer.TracingConfig?.Mode, 'Active');
		const cleared = await update({FunctionName: 'plain', Description: '', TracingConfig: {Mode: 'PassThrough'}});
		assert.equal(cleared.Description, '');
		assert.equal(cleared.TracingConfig?.Mode, 'PassThrough');
		assert.equal(cleared.Handler, 'app.main', 'members left out keep their value');
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'plain', TracingConfig: {Mode: 'Sometimes' as never}})),
			'ValidationException',
			/Value 'Sometimes' at 'tracingConfig.mode' failed to satisfy constraint: Member must satisfy enum value set: \[Active, PassThrough\]/,
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'plain', Description: 'd'.repeat(257)})),
			'ValidationException',
			/at 'description' failed to satisfy constraint: Member must have length less than or equal to 256/,
		);
	});

	it('refuses runtimes Lambda no longer takes, for creating and for updating', async () => {
		const message =
			'The runtime parameter of nodejs12.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (nodejs22.x) while creating or updating functions.';
		await rejectsWith(harness.lambda.send(new CreateFunctionCommand({...base('old'), Runtime: 'nodejs12.x'})), 'InvalidParameterValueException', message, 400);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'plain', Runtime: 'nodejs12.x'})),
			'InvalidParameterValueException',
			message,
		);
		assert.equal((await settled('plain')).Runtime, 'nodejs24.x');
	});

	it('refuses any update of a function whose runtime Lambda blocks, except one that moves it to a supported runtime', async () => {
		// A function created years ago on nodejs12.x: written into the data directory as Lambda would still hold it.
		await harness.close();
		const file = join(dataDir, 'functions', functionFileName('legacy'));
		const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
		await writeFile(file, `${JSON.stringify({...stored, runtime: 'nodejs12.x'})}\n`);
		harness = await startHarness({dataDir, transitionDelayMs: 20});
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'legacy', Environment: {Variables: {STAGE: 'prod'}}})),
			'InvalidParameterValueException',
			/^The runtime parameter of nodejs12.x is no longer supported for creating or updating AWS Lambda functions/,
		);
		const moved = await update({FunctionName: 'legacy', Runtime: 'nodejs22.x', Environment: {Variables: {STAGE: 'prod'}}});
		assert.equal(moved.Runtime, 'nodejs22.x');
		assert.deepEqual(moved.Environment?.Variables, {STAGE: 'prod'});
	});

	it('sets, replaces and clears environment variables; refuses reserved keys and more than 4 KB', async () => {
		const set = await update({FunctionName: 'env', Environment: {Variables: {TABLE: 'orders', URL: 'https://x.test/?a=b'}}});
		assert.deepEqual(set.Environment?.Variables, {TABLE: 'orders', URL: 'https://x.test/?a=b'});
		const replaced = await update({FunctionName: 'env', Environment: {Variables: {TABLE: 'invoices'}}});
		assert.deepEqual(replaced.Environment?.Variables, {TABLE: 'invoices'}, 'the map replaces the old one whole');
		const untouched = await update({FunctionName: 'env', Timeout: 5});
		assert.deepEqual(untouched.Environment?.Variables, {TABLE: 'invoices'}, 'left out, the variables stay');
		const cleared = await update({FunctionName: 'env', Environment: {Variables: {}}});
		assert.equal(cleared.Environment, undefined);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'env', Environment: {Variables: {AWS_LAMBDA_LOG_GROUP_NAME: 'x', LAMBDA_TASK_ROOT: 'y'}}})),
			'InvalidParameterValueException',
			'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_LAMBDA_LOG_GROUP_NAME, LAMBDA_TASK_ROOT',
		);
		// {"BIG":"…"} is 10 bytes of JSON around the value: 4086 characters fit, 4087 do not.
		await update({FunctionName: 'env', Environment: {Variables: {BIG: 'x'.repeat(4086)}}});
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'env', Environment: {Variables: {BIG: 'x'.repeat(4087)}}})),
			'InvalidParameterValueException',
			/^Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit\./,
		);
	});

	it('sets and removes the KMS key (KMSKeyArn "")', async () => {
		const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
		assert.equal((await update({FunctionName: 'env', KMSKeyArn: key})).KMSKeyArn, key);
		assert.equal((await update({FunctionName: 'env', KMSKeyArn: ''})).KMSKeyArn, undefined);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'env', KMSKeyArn: 'my-key'})),
			'ValidationException',
			/Value 'my-key' at 'kMSKeyArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
		);
	});

	it('sets and removes the dead-letter queue: SQS or SNS only, in the function\'s region', async () => {
		const queue = 'arn:aws:sqs:us-east-1:123456789012:failed-orders';
		const topic = 'arn:aws:sns:us-east-1:123456789012:alerts';
		assert.equal((await update({FunctionName: 'dlq', DeadLetterConfig: {TargetArn: queue}})).DeadLetterConfig?.TargetArn, queue);
		assert.equal((await update({FunctionName: 'dlq', DeadLetterConfig: {TargetArn: topic}})).DeadLetterConfig?.TargetArn, topic);
		assert.equal((await update({FunctionName: 'dlq', DeadLetterConfig: {TargetArn: ''}})).DeadLetterConfig, undefined);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'dlq', DeadLetterConfig: {TargetArn: 'arn:aws:s3:::bucket'}})),
			'InvalidParameterValueException',
			'Invalid dead letter queue ARN: The service specified by the TargetArn is not supported for dead letter configuration.',
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'dlq', DeadLetterConfig: {TargetArn: 'arn:aws:sqs:eu-west-1:123456789012:q'}})),
			'InvalidParameterValueException',
			"Invalid dead letter queue ARN: The resource specified by the TargetArn must be in the same region as the Lambda function it's associated with.",
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'dlq', DeadLetterConfig: {TargetArn: 'arn:aws:sqs:us-east-1:123456789012:q.fifo'}})),
			'InvalidParameterValueException',
			'Invalid dead letter queue ARN: FIFO SQS queue is not supported for dead letter configuration',
		);
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base('dlq-empty'), DeadLetterConfig: {TargetArn: ''}})),
			'InvalidParameterValueException',
			"Invalid dead letter queue ARN: ARNs must start with 'arn:': ",
		);
	});

	it('logging: Text or JSON, levels only with JSON (INFO by default), and the log group', async () => {
		const json = await update({FunctionName: 'logs', LoggingConfig: {LogFormat: 'JSON'}});
		assert.deepEqual(json.LoggingConfig, {LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: '/aws/lambda/logs'});
		const levels = await update({FunctionName: 'logs', LoggingConfig: {ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN', LogGroup: '/shop/orders'}});
		assert.deepEqual(levels.LoggingConfig, {LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN', LogGroup: '/shop/orders'});
		const text = await update({FunctionName: 'logs', LoggingConfig: {LogFormat: 'Text'}});
		assert.deepEqual(text.LoggingConfig, {LogFormat: 'Text', LogGroup: '/shop/orders'}, 'Text has no levels');
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'logs', LoggingConfig: {ApplicationLogLevel: 'ERROR'}})),
			'InvalidParameterValueException',
			'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "Json" and try again.',
		);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'logs', LoggingConfig: {LogGroup: 'my group!'}})),
			'ValidationException',
			/Value 'my group!' at 'loggingConfig.logGroup' failed to satisfy constraint: Member must satisfy regular expression pattern/,
		);
		const created = await harness.lambda.send(
			new CreateFunctionCommand({...base('json-born'), LoggingConfig: {LogFormat: 'JSON', SystemLogLevel: 'DEBUG'}}),
		);
		assert.deepEqual(created.LoggingConfig, {LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'DEBUG', LogGroup: '/aws/lambda/json-born'});
	});

	it('sets and removes layers', async () => {
		const layer = await harness.lambda.send(new PublishLayerVersionCommand({LayerName: 'shared', Content: {ZipFile: makeZip({'nodejs/x.js': 'x'})}}));
		const arn = layer.LayerVersionArn ?? '';
		const added = await update({FunctionName: 'plain', Layers: [arn]});
		assert.deepEqual(added.Layers?.map((entry) => entry.Arn), [arn]);
		const removed = await update({FunctionName: 'plain', Layers: []});
		assert.equal(removed.Layers, undefined);
	});

	it('an update is InProgress with a new RevisionId; a stale RevisionId and a second update in flight are refused', async () => {
		// Long enough an update that the second request surely arrives while it is in flight, however busy the machine.
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 1500});
		const before = await settled('busy');
		const answer = await harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'busy', MemorySize: 256, RevisionId: before.RevisionId}));
		assert.equal(answer.LastUpdateStatus, 'InProgress');
		assert.notEqual(answer.RevisionId, before.RevisionId);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'busy', MemorySize: 512})),
			'ResourceConflictException',
			`The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:busy`,
			409,
		);
		const after = await settled('busy');
		assert.equal(after.LastUpdateStatus, 'Successful');
		assert.equal(after.MemorySize, 256);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'busy', MemorySize: 512, RevisionId: before.RevisionId})),
			'PreconditionFailedException',
			'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
			412,
		);
		assert.equal((await settled('busy')).MemorySize, 256);
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 20});
	});

	it('the AWS CLI sets and removes a VPC: update-function-configuration --vpc-config', async () => {
		const endpoint = harness.server.endpoint;
		const attached = await awsJson(endpoint, [
			'lambda', 'update-function-configuration',
			'--function-name', 'busy',
			'--vpc-config', `SubnetIds=${subnetA},${subnetB},SecurityGroupIds=${groupA}`,
		]);
		assert.deepEqual(attached['VpcConfig'], {
			SubnetIds: [subnetA, subnetB],
			SecurityGroupIds: [groupA],
			VpcId: localVpcIdFor([subnetA, subnetB]),
			Ipv6AllowedForDualStack: false,
		});
		await settled('busy');
		const detached = await awsJson(endpoint, [
			'lambda', 'update-function-configuration',
			'--function-name', 'busy',
			'--vpc-config', 'SubnetIds=[],SecurityGroupIds=[]',
		]);
		assert.deepEqual(detached['VpcConfig'], {SubnetIds: [], SecurityGroupIds: [], VpcId: '', Ipv6AllowedForDualStack: false});
		await settled('busy');
	});
});
