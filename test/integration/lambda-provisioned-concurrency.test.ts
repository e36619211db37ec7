// Provisioned concurrency on the local Lambda through the real
// @aws-sdk/client-lambda: Put, Get, List and Delete with Lambda's answers and
// errors, environments allocated for real (their init runs at allocation,
// logged then, with AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency),
// invocations served by them first without Init Duration and spilling over
// to on-demand environments beyond them, aliases that move, a failing init,
// and a restart that allocates everything again.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {
	CreateAliasCommand,
	CreateFunctionCommand,
	DeleteAliasCommand,
	DeleteFunctionCommand,
	DeleteProvisionedConcurrencyConfigCommand,
	GetProvisionedConcurrencyConfigCommand,
	InvokeCommand,
	ListProvisionedConcurrencyConfigsCommand,
	PublishVersionCommand,
	PutFunctionConcurrencyCommand,
	PutProvisionedConcurrencyConfigCommand,
	UpdateAliasCommand,
	UpdateFunctionCodeCommand,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
	type GetProvisionedConcurrencyConfigCommandOutput,
} from '@aws-sdk/client-lambda';
import {zipFiles} from '../../source/domain/code-package.js';
import {credentials, rejectsWith, role, startHarness, type Harness} from './harness.js';

const arn = 'arn:aws:lambda:us-east-1:123456789012:function';

/** A function that says how its environment was initialised, and which release it is. */
const release = (name: string): Uint8Array =>
	zipFiles({
		'index.mjs': `
import {existsSync, writeFileSync} from 'node:fs';
const initializationType = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
console.log('init ' + initializationType);
export const handler = async (event) => {
	if (event.gate) {
		// Provisioned environments wait until an on-demand one has run: the invocations overlap.
		if (initializationType === 'on-demand') writeFileSync(event.gate, 'open');
		for (let tries = 0; tries < 1000 && !existsSync(event.gate); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return {initializationType, release: ${JSON.stringify(name)}};
};
`,
	});

const broken = zipFiles({'index.mjs': "throw new Error('no database to connect to');\nexport const handler = async () => 'never';\n"});

interface Invoked {
	initializationType: string;
	release: string;
	executedVersion: string | undefined;
	/** The REPORT line of the invocation's log tail. */
	report: string;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('provisioned concurrency through the SDK', () => {
	let harness: Harness;
	let dataDir: string;
	let gates: string;

	const waitUpdated = async (name: string): Promise<void> => {
		await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	const create = async (name: string, zip: Uint8Array): Promise<void> => {
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Timeout: 15, Code: {ZipFile: zip}}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	const publish = async (name: string, zip?: Uint8Array): Promise<string> => {
		if (zip !== undefined) {
			await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: name, ZipFile: zip}));
			await waitUpdated(name);
		}
		const published = await harness.lambda.send(new PublishVersionCommand({FunctionName: name}));
		return published.Version ?? '';
	};

	const get = (name: string, qualifier: string): Promise<GetProvisionedConcurrencyConfigCommandOutput> =>
		harness.lambda.send(new GetProvisionedConcurrencyConfigCommand({FunctionName: name, Qualifier: qualifier}));

	/** The configuration once its allocation is settled (READY or FAILED). */
	const settled = (name: string, qualifier: string): Promise<GetProvisionedConcurrencyConfigCommandOutput> =>
		eventually(`${name}:${qualifier} to be allocated`, async () => {
			const config = await get(name, qualifier);
			return config.Status === 'IN_PROGRESS' ? undefined : config;
		});

	const invoke = async (qualifier: string, event: Record<string, unknown> = {}): Promise<Invoked> => {
		const output = await harness.lambda.send(
			new InvokeCommand({FunctionName: 'warm', Qualifier: qualifier, LogType: 'Tail', Payload: Buffer.from(JSON.stringify(event))}),
		);
		assert.equal(output.FunctionError, undefined, Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8'));
		const payload = JSON.parse(Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8')) as {initializationType: string; release: string};
		const tail = Buffer.from(output.LogResult ?? '', 'base64').toString('utf8');
		const report = tail.split('\n').find((line) => line.startsWith('REPORT')) ?? '';
		assert.notEqual(report, '', `no REPORT line in ${tail}`);
		return {...payload, executedVersion: output.ExecutedVersion, report};
	};

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-provisioned-'));
		gates = await mkdtemp(join(tmpdir(), 'lambdash-gates-'));
		harness = await startHarness({dataDir, transitionDelayMs: 100});
		await create('warm', release('one'));
		assert.equal(await publish('warm'), '1');
		assert.equal(await publish('warm', release('two')), '2');
		assert.equal(await publish('warm', release('three')), '3');
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'warm', Name: 'live', FunctionVersion: '2'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'warm', Name: 'first', FunctionVersion: '1'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'warm', Name: 'edge', FunctionVersion: '$LATEST'}));
		await harness.lambda.send(
			new CreateAliasCommand({FunctionName: 'warm', Name: 'canary', FunctionVersion: '2', RoutingConfig: {AdditionalVersionWeights: {'3': 0.5}}}),
		);
		await create('capped', release('capped'));
		await publish('capped');
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'capped', ReservedConcurrentExecutions: 2}));
		await create('broken', broken);
		await publish('broken');
	});

	after(async () => {
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
		await rm(gates, {recursive: true, force: true});
	});

	it("refuses $LATEST, versions and aliases that do not exist, and counts below 1, in Lambda's words", async () => {
		const put = (name: string, qualifier: string, count: number): Promise<unknown> =>
			harness.lambda.send(new PutProvisionedConcurrencyConfigCommand({FunctionName: name, Qualifier: qualifier, ProvisionedConcurrentExecutions: count}));
		const unpublished = 'Provisioned Concurrency Configs cannot be applied to unpublished function versions.';
		await rejectsWith(put('warm', '$LATEST', 1), 'InvalidParameterValueException', unpublished, 400);
		await rejectsWith(put('warm', 'edge', 1), 'InvalidParameterValueException', unpublished, 400);
		await rejectsWith(
			put('warm', '1', 0),
			'ValidationException',
			"1 validation error detected: Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1",
			400,
		);
		await rejectsWith(put('warm', '10', 1), 'ResourceNotFoundException', `Function not found: ${arn}:warm:10`, 404);
		await rejectsWith(put('warm', 'nope', 1), 'ResourceNotFoundException', `Cannot find alias arn: ${arn}:warm:nope`, 404);
		await rejectsWith(put('doesnotexist', 'noalias', 1), 'ResourceNotFoundException', `Cannot find alias arn: ${arn}:doesnotexist:noalias`, 404);
		await rejectsWith(put('doesnotexist', '1', 1), 'ResourceNotFoundException', `Function not found: ${arn}:doesnotexist:1`, 404);
		await rejectsWith(put('warm:2', '1', 1), 'InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.', 400);
		await rejectsWith(put('warm', 'canary', 1), 'InvalidParameterValueException', 'Alias with weights can not be used with Provisioned Concurrency', 400);

		const resourceMessage = 'The function resource provided must be an alias or a published version.';
		await rejectsWith(get('warm', '$LATEST'), 'InvalidParameterValueException', resourceMessage, 400);
		await rejectsWith(
			harness.lambda.send(new DeleteProvisionedConcurrencyConfigCommand({FunctionName: 'warm', Qualifier: '$LATEST'})),
			'InvalidParameterValueException',
			resourceMessage,
			400,
		);
		await rejectsWith(get('warm', '1'), 'ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function', 404);
		await rejectsWith(get('warm', '10'), 'ResourceNotFoundException', `Function not found: ${arn}:warm:10`, 404);
		await rejectsWith(get('warm', 'nope'), 'ResourceNotFoundException', `Cannot find alias arn: ${arn}:warm:nope`, 404);
		const deleted = await harness.lambda.send(new DeleteProvisionedConcurrencyConfigCommand({FunctionName: 'warm', Qualifier: '1'}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);

		const empty = await harness.lambda.send(new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'warm'}));
		assert.deepEqual(empty.ProvisionedConcurrencyConfigs, []);
		await rejectsWith(
			harness.lambda.send(new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'doesnotexist'})),
			'ResourceNotFoundException',
			`Function not found: ${arn}:doesnotexist`,
			404,
		);
		await rejectsWith(
			harness.lambda.send(new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'warm', MaxItems: 51})),
			'ValidationException',
			"1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 50",
			400,
		);
	});

	it("counts against the function's reserved concurrency, or leaves the account 100 unreserved", async () => {
		const put = (name: string, count: number): Promise<unknown> =>
			harness.lambda.send(new PutProvisionedConcurrencyConfigCommand({FunctionName: name, Qualifier: '1', ProvisionedConcurrentExecutions: count}));
		await rejectsWith(
			put('capped', 3),
			'InvalidParameterValueException',
			'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
			400,
		);
		await rejectsWith(
			put('warm', 901),
			'InvalidParameterValueException',
			"Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
			400,
		);
		await rejectsWith(
			put('warm', 1001),
			'InvalidParameterValueException',
			"Specified ConcurrentExecutions for function is greater than account's unreserved concurrency [1000].",
			400,
		);
		await rejectsWith(get('warm', '1'), 'ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function', 404);
	});

	it('allocates a version for real: IN_PROGRESS, then READY once its environments are initialised', async () => {
		const put = await harness.lambda.send(
			new PutProvisionedConcurrencyConfigCommand({FunctionName: 'warm', Qualifier: '1', ProvisionedConcurrentExecutions: 2}),
		);
		assert.equal(put.$metadata.httpStatusCode, 202);
		assert.equal(put.Status, 'IN_PROGRESS');
		assert.equal(put.RequestedProvisionedConcurrentExecutions, 2);
		assert.equal(put.AllocatedProvisionedConcurrentExecutions, 0);
		assert.equal(put.AvailableProvisionedConcurrentExecutions, 0);
		assert.match(put.LastModified ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);

		const ready = await settled('warm', '1');
		assert.equal(ready.Status, 'READY');
		assert.equal(ready.StatusReason, undefined);
		assert.equal(ready.RequestedProvisionedConcurrentExecutions, 2);
		assert.equal(ready.AllocatedProvisionedConcurrentExecutions, 2);
		assert.equal(ready.AvailableProvisionedConcurrentExecutions, 2);
		assert.equal(ready.LastModified, put.LastModified);

		// The init ran at allocation, before any invocation, and was logged then in each environment's stream.
		const logs = new CloudWatchLogsClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
		try {
			const streams = await eventually('the init logs of both environments', async () => {
				const described = await logs.send(new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/warm'}));
				const names = (described.logStreams ?? []).map((stream) => stream.logStreamName ?? '').filter((name) => name.includes('[1]'));
				const texts = await Promise.all(
					names.map(async (name) => {
						const events = await logs.send(new GetLogEventsCommand({logGroupName: '/aws/lambda/warm', logStreamName: name, startFromHead: true}));
						return (events.events ?? []).map((event) => event.message ?? '').join('');
					}),
				);
				return texts.length === 2 && texts.every((text) => text.includes('init provisioned-concurrency')) ? texts : undefined;
			});
			for (const text of streams) {
				assert.match(text, /^INIT_START Runtime Version: nodejs:22/);
				assert.doesNotMatch(text, /START RequestId|REPORT/);
			}
		} finally {
			logs.destroy();
		}
	});

	it('serves the first invocations of the provisioned version without Init Duration; an on-demand $LATEST invocation has one', async () => {
		const [first, second] = await Promise.all([invoke('1'), invoke('1')]);
		for (const invoked of [first, second]) {
			assert.equal(invoked?.initializationType, 'provisioned-concurrency');
			assert.equal(invoked?.release, 'one');
			assert.equal(invoked?.executedVersion, '1');
			assert.doesNotMatch(invoked?.report ?? '', /Init Duration/);
		}
		const latest = await invoke('$LATEST');
		assert.equal(latest.initializationType, 'on-demand');
		assert.equal(latest.release, 'three');
		assert.match(latest.report, /\tInit Duration: \d+\.\d\d ms/);
	});

	it('spills over to an on-demand environment beyond the provisioned ones', async () => {
		const gate = join(gates, 'spillover');
		const invoked = await Promise.all([invoke('1', {gate}), invoke('1', {gate}), invoke('1', {gate})]);
		const provisioned = invoked.filter((entry) => entry.initializationType === 'provisioned-concurrency');
		const onDemand = invoked.filter((entry) => entry.initializationType === 'on-demand');
		assert.equal(provisioned.length, 2);
		assert.equal(onDemand.length, 1);
		for (const entry of provisioned) assert.doesNotMatch(entry.report, /Init Duration/);
		assert.match(onDemand[0]?.report ?? '', /Init Duration/);
		const config = await get('warm', '1');
		assert.equal(config.Status, 'READY');
		assert.equal(config.AvailableProvisionedConcurrentExecutions, 2);
	});

	it('allocates an alias for the version it points to, and again when it moves to another version', async () => {
		const put = await harness.lambda.send(
			new PutProvisionedConcurrencyConfigCommand({FunctionName: 'warm', Qualifier: 'live', ProvisionedConcurrentExecutions: 1}),
		);
		assert.equal(put.Status, 'IN_PROGRESS');
		assert.equal((await settled('warm', 'live')).Status, 'READY');
		const before = await invoke('live');
		assert.deepEqual([before.initializationType, before.release, before.executedVersion], ['provisioned-concurrency', 'two', '2']);
		assert.doesNotMatch(before.report, /Init Duration/);

		await harness.lambda.send(new UpdateAliasCommand({FunctionName: 'warm', Name: 'live', FunctionVersion: '3'}));
		const moved = await settled('warm', 'live');
		assert.equal(moved.Status, 'READY');
		assert.equal(moved.AvailableProvisionedConcurrentExecutions, 1);
		const after = await invoke('live');
		assert.deepEqual([after.initializationType, after.release, after.executedVersion], ['provisioned-concurrency', 'three', '3']);
		assert.doesNotMatch(after.report, /Init Duration/);
	});

	it('refuses provisioned concurrency on an alias and on the version it points to at once', async () => {
		await rejectsWith(
			harness.lambda.send(new PutProvisionedConcurrencyConfigCommand({FunctionName: 'warm', Qualifier: '3', ProvisionedConcurrentExecutions: 1})),
			'ResourceConflictException',
			'Version is pointed by a Provisioned Concurrency alias',
			409,
		);
		await rejectsWith(
			harness.lambda.send(new PutProvisionedConcurrencyConfigCommand({FunctionName: 'warm', Qualifier: 'first', ProvisionedConcurrentExecutions: 1})),
			'ResourceConflictException',
			"Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
			409,
		);
	});

	it('lists the configurations a page at a time', async () => {
		const firstPage = await harness.lambda.send(new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'warm', MaxItems: 1}));
		assert.equal(firstPage.ProvisionedConcurrencyConfigs?.length, 1);
		assert.ok(firstPage.NextMarker !== undefined);
		const secondPage = await harness.lambda.send(
			new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'warm', MaxItems: 1, Marker: firstPage.NextMarker}),
		);
		assert.equal(secondPage.NextMarker, undefined);
		const items = [...(firstPage.ProvisionedConcurrencyConfigs ?? []), ...(secondPage.ProvisionedConcurrencyConfigs ?? [])];
		assert.deepEqual(
			items.map((item) => [item.FunctionArn, item.RequestedProvisionedConcurrentExecutions, item.AvailableProvisionedConcurrentExecutions, item.Status]),
			[
				[`${arn}:warm:1`, 2, 2, 'READY'],
				[`${arn}:warm:live`, 1, 1, 'READY'],
			],
		);
		await rejectsWith(
			harness.lambda.send(new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'warm', MaxItems: 0})),
			'ValidationException',
			"1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
			400,
		);
	});

	it('deletes a configuration: its environments stop serving the version', async () => {
		const deleted = await harness.lambda.send(new DeleteProvisionedConcurrencyConfigCommand({FunctionName: 'warm', Qualifier: '1'}));
		assert.equal(deleted.$metadata.httpStatusCode, 204);
		await rejectsWith(get('warm', '1'), 'ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function', 404);
		const invoked = await invoke('1');
		assert.equal(invoked.initializationType, 'on-demand');
	});

	it('deleting an alias takes its configuration along', async () => {
		await harness.lambda.send(new DeleteAliasCommand({FunctionName: 'warm', Name: 'live'}));
		await rejectsWith(get('warm', 'live'), 'ResourceNotFoundException', `Cannot find alias arn: ${arn}:warm:live`, 404);
		const listed = await harness.lambda.send(new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'warm'}));
		assert.deepEqual(listed.ProvisionedConcurrencyConfigs, []);
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'warm', Name: 'live', FunctionVersion: '3'}));
		await rejectsWith(get('warm', 'live'), 'ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function', 404);
		const invoked = await invoke('live');
		assert.equal(invoked.initializationType, 'on-demand');
	});

	it('deleting a version takes its configuration along', async () => {
		const version = await publish('warm', release('four'));
		await harness.lambda.send(new PutProvisionedConcurrencyConfigCommand({FunctionName: 'warm', Qualifier: version, ProvisionedConcurrentExecutions: 1}));
		assert.equal((await settled('warm', version)).Status, 'READY');
		await harness.lambda.send(new DeleteFunctionCommand({FunctionName: 'warm', Qualifier: version}));
		await rejectsWith(get('warm', version), 'ResourceNotFoundException', `Function not found: ${arn}:warm:${version}`, 404);
		const listed = await harness.lambda.send(new ListProvisionedConcurrencyConfigsCommand({FunctionName: 'warm'}));
		assert.deepEqual(listed.ProvisionedConcurrencyConfigs, []);
	});

	it('fails with FUNCTION_ERROR_INIT_FAILURE when the init fails', async () => {
		const put = await harness.lambda.send(
			new PutProvisionedConcurrencyConfigCommand({FunctionName: 'broken', Qualifier: '1', ProvisionedConcurrentExecutions: 1}),
		);
		assert.equal(put.Status, 'IN_PROGRESS');
		const failed = await settled('broken', '1');
		assert.equal(failed.Status, 'FAILED');
		assert.equal(failed.StatusReason, 'FUNCTION_ERROR_INIT_FAILURE');
		assert.equal(failed.AllocatedProvisionedConcurrentExecutions, 0);
		assert.equal(failed.AvailableProvisionedConcurrentExecutions, 0);
	});

	it('allocates every configuration again when the server restarts', async () => {
		await harness.lambda.send(new PutProvisionedConcurrencyConfigCommand({FunctionName: 'warm', Qualifier: '2', ProvisionedConcurrentExecutions: 1}));
		assert.equal((await settled('warm', '2')).Status, 'READY');
		await harness.close();
		harness = await startHarness({dataDir, transitionDelayMs: 100});

		const restored = await settled('warm', '2');
		assert.equal(restored.Status, 'READY');
		assert.equal(restored.RequestedProvisionedConcurrentExecutions, 1);
		assert.equal(restored.AvailableProvisionedConcurrentExecutions, 1);
		const invoked = await invoke('2');
		assert.deepEqual([invoked.initializationType, invoked.release], ['provisioned-concurrency', 'two']);
		assert.doesNotMatch(invoked.report, /Init Duration/);
		assert.equal((await settled('broken', '1')).Status, 'FAILED');
	});
});
