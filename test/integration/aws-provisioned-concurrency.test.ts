// The console's AWS layer for the Concurrency section (source/aws/
// provisioned-concurrency.ts, setReservedConcurrency, getAccountConcurrency)
// through the real SDK client against the local Lambda: configurations listed
// as plain data, allocated for real (READY, then an invocation without Init
// Duration), changed and deleted; which versions and aliases may have
// provisioned concurrency; a failed init's reason; the JSON platform.initStart
// record of a provisioned environment; the reservation set, throttled and
// removed with the account's unreserved pool following.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {
	CreateAliasCommand,
	CreateFunctionCommand,
	GetFunctionCommand,
	InvokeCommand,
	PublishVersionCommand,
	UpdateFunctionCodeCommand,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import {getAccountConcurrency} from '../../source/aws/account.js';
import {createClients, type Clients} from '../../source/aws/clients.js';
import {getReservedConcurrency, setReservedConcurrency, unthrottleFunction} from '../../source/aws/concurrency.js';
import {
	deleteProvisionedConcurrency,
	listProvisionableQualifiers,
	listProvisionedConcurrency,
	putProvisionedConcurrency,
	qualifierOfArn,
	type ProvisionedConcurrencyConfig,
} from '../../source/aws/provisioned-concurrency.js';
import {throttleRestoreTag} from '../../source/domain/throttle.js';
import {localSession} from '../../source/session.js';
import {credentials, makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('the console\'s provisioned and reserved concurrency calls, through the SDK', () => {
	let harness: Harness;
	let clients: Clients;

	const create = async (name: string, files: Record<string, string>): Promise<void> => {
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip(files)}}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};
	const publish = async (name: string): Promise<string> => (await harness.lambda.send(new PublishVersionCommand({FunctionName: name}))).Version ?? '';
	const settled = (name: string, qualifier: string): Promise<ProvisionedConcurrencyConfig> =>
		eventually(`${name}:${qualifier} to settle`, async () => {
			const config = (await listProvisionedConcurrency(clients, name)).find((entry) => entry.qualifier === qualifier);
			return config === undefined || config.status === 'IN_PROGRESS' ? undefined : config;
		});

	before(async () => {
		harness = await startHarness({transitionDelayMs: 50});
		// The console's own clients, as a session pointed at the local Lambda makes them.
		clients = createClients(localSession(harness.server.endpoint, harness.dataDir, 'us-east-1', false));
		await create('warmed', {'index.mjs': 'export const handler = async () => process.env.AWS_LAMBDA_INITIALIZATION_TYPE;\n'});
		assert.equal(await publish('warmed'), '1');
		await harness.lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'warmed', ZipFile: makeZip({'index.mjs': 'export const handler = async () => "two";\n'})}));
		await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'warmed'});
		assert.equal(await publish('warmed'), '2');
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'warmed', Name: 'live', FunctionVersion: '1'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'warmed', Name: 'edge', FunctionVersion: '$LATEST'}));
		await harness.lambda.send(
			new CreateAliasCommand({FunctionName: 'warmed', Name: 'canary', FunctionVersion: '1', RoutingConfig: {AdditionalVersionWeights: {'2': 0.1}}}),
		);
		await create('broken-init', {'index.mjs': "throw new Error('no database');\nexport const handler = async () => 'never';\n"});
		await publish('broken-init');
	});
	after(async () => {
		clients.destroy();
		await harness.close();
	});

	it('offers published versions and unweighted aliases that point to one, never $LATEST', async () => {
		assert.deepEqual(await listProvisionableQualifiers(clients, 'warmed'), [
			{qualifier: '1', kind: 'version', version: '1'},
			{qualifier: '2', kind: 'version', version: '2'},
			{qualifier: 'live', kind: 'alias', version: '1'},
		]);
		assert.deepEqual(await listProvisionedConcurrency(clients, 'warmed'), []);
		assert.equal(qualifierOfArn('arn:aws:lambda:us-east-1:123456789012:function:warmed:live'), 'live');
	});

	it('allocates for real: IN_PROGRESS, then READY with every environment warm, and the first invocation has no Init Duration', async () => {
		const put = await putProvisionedConcurrency(clients, 'warmed', '1', 2);
		assert.equal(put.status, 'IN_PROGRESS');
		assert.equal(put.requested, 2);
		assert.equal(put.qualifier, '1');
		const ready = await settled('warmed', '1');
		assert.equal(ready.status, 'READY');
		assert.deepEqual([ready.requested, ready.allocated, ready.available, ready.statusReason], [2, 2, 2, '']);
		assert.match(ready.lastModified, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);

		const output = await harness.lambda.send(new InvokeCommand({FunctionName: 'warmed', Qualifier: '1', LogType: 'Tail'}));
		assert.equal(Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8'), '"provisioned-concurrency"');
		const report = Buffer.from(output.LogResult ?? '', 'base64').toString('utf8').split('\n').find((line) => line.startsWith('REPORT')) ?? '';
		assert.match(report, /^REPORT RequestId: /);
		assert.doesNotMatch(report, /Init Duration/);
	});

	it('refuses an alias of a version that has provisioned concurrency, in Lambda\'s words', async () => {
		await rejectsWith(
			putProvisionedConcurrency(clients, 'warmed', 'live', 1),
			'ResourceConflictException',
			"Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
		);
		await rejectsWith(putProvisionedConcurrency(clients, 'warmed', '$LATEST', 1), 'InvalidParameterValueException', /unpublished function versions/);
	});

	it('changes the count, lists versions before aliases, and deletes', async () => {
		await putProvisionedConcurrency(clients, 'warmed', '1', 1);
		await putProvisionedConcurrency(clients, 'warmed', '2', 1);
		const changed = await settled('warmed', '1');
		assert.deepEqual([changed.requested, changed.status], [1, 'READY']);
		await settled('warmed', '2');
		assert.deepEqual((await listProvisionedConcurrency(clients, 'warmed')).map((config) => config.qualifier), ['1', '2']);
		await deleteProvisionedConcurrency(clients, 'warmed', '1');
		await deleteProvisionedConcurrency(clients, 'warmed', '2');
		assert.deepEqual(await listProvisionedConcurrency(clients, 'warmed'), []);
	});

	it('reports a failed init as FAILED with its reason', async () => {
		await putProvisionedConcurrency(clients, 'broken-init', '1', 1);
		const failed = await settled('broken-init', '1');
		assert.deepEqual([failed.status, failed.statusReason, failed.allocated, failed.available], ['FAILED', 'FUNCTION_ERROR_INIT_FAILURE', 0, 0]);
		await deleteProvisionedConcurrency(clients, 'broken-init', '1');
	});

	it('logs a provisioned environment\'s init as Lambda does in the JSON format: initializationType provisioned-concurrency', async () => {
		await harness.lambda.send(
			new CreateFunctionCommand({
				FunctionName: 'json-logged',
				Runtime: 'nodejs22.x',
				Role: role,
				Handler: 'index.handler',
				LoggingConfig: {LogFormat: 'JSON'},
				Code: {ZipFile: makeZip({'index.mjs': 'export const handler = async () => "ok";\n'})},
			}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'json-logged'});
		await publish('json-logged');
		await putProvisionedConcurrency(clients, 'json-logged', '1', 1);
		assert.equal((await settled('json-logged', '1')).status, 'READY');
		const logs = new CloudWatchLogsClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
		try {
			const record = await eventually('the platform.initStart record', async () => {
				const described = await logs.send(new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/json-logged'}));
				for (const stream of described.logStreams ?? []) {
					const events = await logs.send(
						new GetLogEventsCommand({logGroupName: '/aws/lambda/json-logged', logStreamName: stream.logStreamName ?? '', startFromHead: true}),
					);
					for (const event of events.events ?? []) {
						const parsed = JSON.parse(event.message ?? '{}') as {type?: string; record?: Record<string, unknown>};
						if (parsed.type === 'platform.initStart') return parsed.record;
					}
				}
				return undefined;
			});
			assert.equal(record['initializationType'], 'provisioned-concurrency');
			assert.equal(record['phase'], 'init');
			assert.equal(record['functionVersion'], '1');
		} finally {
			logs.destroy();
		}
		await deleteProvisionedConcurrency(clients, 'json-logged', '1');
	});

	it('sets, throttles and removes the reservation; the account\'s unreserved pool follows', async () => {
		assert.deepEqual(await getAccountConcurrency(clients), {limit: 1000, unreserved: 1000});
		const reserved = await setReservedConcurrency(clients, 'warmed', 50);
		assert.deepEqual([reserved.changed, reserved.reservedConcurrency], [true, 50]);
		assert.equal(await getReservedConcurrency(clients, 'warmed'), 50);
		assert.deepEqual(await getAccountConcurrency(clients), {limit: 1000, unreserved: 950});

		// 0 is a throttle: what it replaced is kept for unthrottle.
		await setReservedConcurrency(clients, 'warmed', 0);
		let output = await harness.lambda.send(new GetFunctionCommand({FunctionName: 'warmed'}));
		assert.equal(output.Concurrency?.ReservedConcurrentExecutions, 0);
		assert.equal(output.Tags?.[throttleRestoreTag], '50');
		assert.equal((await unthrottleFunction(clients, 'warmed')).reservedConcurrency, 50);

		// Choosing a number while throttled replaces the throttle: its tag goes.
		await setReservedConcurrency(clients, 'warmed', 0);
		await setReservedConcurrency(clients, 'warmed', 70);
		output = await harness.lambda.send(new GetFunctionCommand({FunctionName: 'warmed'}));
		assert.equal(output.Concurrency?.ReservedConcurrentExecutions, 70);
		assert.equal(output.Tags?.[throttleRestoreTag], undefined);

		const removed = await setReservedConcurrency(clients, 'warmed', undefined);
		assert.equal(removed.reservedConcurrency, undefined);
		assert.equal(await getReservedConcurrency(clients, 'warmed'), undefined);
		assert.deepEqual(await getAccountConcurrency(clients), {limit: 1000, unreserved: 1000});

		await rejectsWith(
			setReservedConcurrency(clients, 'warmed', 901),
			'InvalidParameterValueException',
			"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
		);
	});
});
