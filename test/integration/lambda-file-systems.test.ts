// File systems (FileSystemConfigs) on the local Lambda through the real
// @aws-sdk/client-lambda: Lambda's checks (at most one, the access point ARN
// and /mnt path patterns, a VPC first), the configuration that shows them,
// versions that keep them, and a running function that writes and reads its
// files through LAMBDASH_MOUNT_<NAME> across invocations, environments,
// functions and a restart.

import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CreateFunctionCommand,
	GetFunctionConfigurationCommand,
	InvokeCommand,
	PublishVersionCommand,
	UpdateFunctionConfigurationCommand,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
	type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const accessPoint = 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0';
const vpc = {SubnetIds: ['subnet-0123456789abcdef0'], SecurityGroupIds: ['sg-0123456789abcdef0']};
const counter = makeZip({
	'index.mjs': `import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
export const handler = async () => {
	const root = process.env.LAMBDASH_MOUNT_EFS;
	const file = join(root, 'counter.txt');
	const count = (existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0) + 1;
	writeFileSync(file, String(count));
	return {root, count};
};
`,
});
const payloadOf = (output: InvokeCommandOutput): {root: string; count: number} =>
	JSON.parse(Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8')) as {root: string; count: number};

describe('file systems through the SDK', () => {
	let harness: Harness;
	let dataDir: string;
	const waitActive = (name: string) => waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	const waitUpdated = (name: string) => waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	const base = {Runtime: 'nodejs22.x' as const, Role: role, Handler: 'index.handler', Code: {ZipFile: counter}};

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-file-systems-'));
		harness = await startHarness({dataDir, transitionDelayMs: 50});
	});
	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('refuses a file system without a VPC, in Lambda\'s words', async () => {
		await rejectsWith(
			harness.lambda.send(new CreateFunctionCommand({...base, FunctionName: 'no-vpc', FileSystemConfigs: [{Arn: accessPoint, LocalMountPath: '/mnt/efs'}]})),
			'InvalidParameterValueException',
			`Function must be configured to execute in a VPC to reference access point ${accessPoint}. Please update the function configuration to include VPC subnets and security groups.`,
			400,
		);
	});

	it('checks the model constraints: one file system, an access point ARN, a path under /mnt', async () => {
		await rejectsWith(
			harness.lambda.send(
				new CreateFunctionCommand({
					...base,
					FunctionName: 'bad',
					VpcConfig: vpc,
					FileSystemConfigs: [
						{Arn: 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1', LocalMountPath: '/data'},
						{Arn: accessPoint, LocalMountPath: '/mnt/two'},
					],
				}),
			),
			'ValidationException',
			/^3 validation errors detected: Value '\[.*\]' at 'fileSystemConfigs' failed to satisfy constraint: Member must have length less than or equal to 1; Value 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system\/fs-1' at 'fileSystemConfigs.1.member.arn'.*; Value '\/data' at 'fileSystemConfigs.1.member.localMountPath'/,
			400,
		);
	});

	it('shows the file system in the configuration, keeps it in versions, and keeps the VPC it needs', async () => {
		const created = await harness.lambda.send(
			new CreateFunctionCommand({...base, FunctionName: 'counter', VpcConfig: vpc, FileSystemConfigs: [{Arn: accessPoint, LocalMountPath: '/mnt/efs'}]}),
		);
		assert.deepEqual(created.FileSystemConfigs, [{Arn: accessPoint, LocalMountPath: '/mnt/efs'}]);
		await waitActive('counter');
		const version = await harness.lambda.send(new PublishVersionCommand({FunctionName: 'counter'}));
		assert.deepEqual(version.FileSystemConfigs, [{Arn: accessPoint, LocalMountPath: '/mnt/efs'}]);
		await rejectsWith(
			harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'counter', VpcConfig: {SubnetIds: [], SecurityGroupIds: []}})),
			'InvalidParameterValueException',
			/^Function must be configured to execute in a VPC to reference access point/,
		);
		const plain = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'counter'}));
		assert.deepEqual(plain.VpcConfig?.SubnetIds, vpc.SubnetIds);
	});

	it('lets a running function write and read its files across invocations, in the data directory', async () => {
		const first = payloadOf(await harness.lambda.send(new InvokeCommand({FunctionName: 'counter'})));
		const second = payloadOf(await harness.lambda.send(new InvokeCommand({FunctionName: 'counter'})));
		assert.equal(first.count, 1);
		assert.equal(second.count, 2);
		const directory = join(dataDir, 'file-systems', 'fsap-0123456789abcdef0');
		assert.equal(first.root, directory);
		assert.equal(await readFile(join(directory, 'counter.txt'), 'utf8'), '2');
		// A new environment (after a configuration change) and the published version see the same files.
		await harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'counter', MemorySize: 256}));
		await waitUpdated('counter');
		assert.equal(payloadOf(await harness.lambda.send(new InvokeCommand({FunctionName: 'counter'}))).count, 3);
		assert.equal(payloadOf(await harness.lambda.send(new InvokeCommand({FunctionName: 'counter', Qualifier: '1'}))).count, 4);
	});

	it('shares an access point between functions, removes a file system with [], and keeps the files across a restart', async () => {
		await harness.lambda.send(
			new CreateFunctionCommand({...base, FunctionName: 'reader', VpcConfig: vpc, FileSystemConfigs: [{Arn: accessPoint, LocalMountPath: '/mnt/efs'}]}),
		);
		await waitActive('reader');
		assert.equal(payloadOf(await harness.lambda.send(new InvokeCommand({FunctionName: 'reader'}))).count, 5);

		await harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: 'reader', FileSystemConfigs: []}));
		await waitUpdated('reader');
		const detached = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'reader'}));
		assert.equal(detached.FileSystemConfigs, undefined);

		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 50});
		const kept = await harness.lambda.send(new GetFunctionConfigurationCommand({FunctionName: 'counter'}));
		assert.deepEqual(kept.FileSystemConfigs, [{Arn: accessPoint, LocalMountPath: '/mnt/efs'}]);
		assert.equal(payloadOf(await harness.lambda.send(new InvokeCommand({FunctionName: 'counter'}))).count, 6);
	});
});
