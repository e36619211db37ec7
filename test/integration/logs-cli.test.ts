// The AWS CLI's `aws logs` commands against the local Lambda (--endpoint-url),
// as a person would use them. The CLI must be installed (it is on developer
// machines and in CI): without it this test fails. Like the SDK, botocore puts
// the "stream-" host prefix on StartLiveTail; AWS_DISABLE_HOST_PREFIX_INJECTION
// turns that off.

import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {after, before, describe, it} from 'node:test';
import {
	CloudWatchLogsClient,
	CreateLogGroupCommand,
	CreateLogStreamCommand,
	PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {aws, awsJson, cliEnvironment, missingCli} from './aws-cli-support.js';
import {credentials, startHarness, type Harness} from './harness.js';

describe('the AWS CLI against the local CloudWatch Logs', () => {
	let harness: Harness;
	let cwl: CloudWatchLogsClient;
	let endpoint: string;
	const now = Date.now();
	before(async () => {
		harness = await startHarness();
		endpoint = harness.server.endpoint;
		cwl = new CloudWatchLogsClient({endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
		await cwl.send(new CreateLogGroupCommand({logGroupName: '/aws/lambda/cli'}));
		await cwl.send(new CreateLogStreamCommand({logGroupName: '/aws/lambda/cli', logStreamName: 'main'}));
		await cwl.send(
			new PutLogEventsCommand({
				logGroupName: '/aws/lambda/cli',
				logStreamName: 'main',
				logEvents: Array.from({length: 30}, (_, index) => ({timestamp: now - 60_000 + index, message: index % 3 === 0 ? `ERROR ${index}` : `ok ${index}`})),
			}),
		);
	});
	after(async () => {
		cwl.destroy();
		await harness.close();
	});

	it('describes groups and streams', async () => {
		const groups = await awsJson(endpoint, ['logs', 'describe-log-groups', '--log-group-name-prefix', '/aws/lambda/']);
		assert.deepEqual(
			(groups.logGroups as Array<{logGroupName: string}>).map((group) => group.logGroupName),
			['/aws/lambda/cli'],
		);
		const streams = await awsJson(endpoint, ['logs', 'describe-log-streams', '--log-group-name', '/aws/lambda/cli']);
		assert.equal((streams.logStreams as Array<{lastEventTimestamp: number}>)[0]?.lastEventTimestamp, now - 60_000 + 29);
	});

	it('filters events, following nextToken through every page', async () => {
		const found = await awsJson(endpoint, ['logs', 'filter-log-events', '--log-group-name', '/aws/lambda/cli', '--filter-pattern', 'ERROR', '--page-size', '4']);
		assert.deepEqual(
			(found.events as Array<{message: string}>).map((event) => event.message),
			Array.from({length: 10}, (_, index) => `ERROR ${index * 3}`),
		);
	});

	it('reads a stream from the head', async () => {
		const page = await awsJson(endpoint, ['logs', 'get-log-events', '--log-group-name', '/aws/lambda/cli', '--log-stream-name', 'main', '--start-from-head', '--limit', '2']);
		assert.deepEqual(
			(page.events as Array<{message: string}>).map((event) => event.message),
			['ERROR 0', 'ok 1'],
		);
		assert.match(String(page.nextForwardToken), /^f\/\d{56}\/s$/);
	});

	it('reports a missing group as AWS does', async () => {
		const result = await aws(endpoint, ['logs', 'get-log-events', '--log-group-name', '/aws/lambda/none', '--log-stream-name', 'x']);
		assert.notEqual(result.code, 0);
		assert.match(result.stderr, /\(ResourceNotFoundException\) when calling the GetLogEvents operation: The specified log group does not exist\./);
	});

	it('tails live with start-live-tail once host prefix injection is off', async () => {
		const child = spawn(
			'aws',
			['--endpoint-url', endpoint, 'logs', 'start-live-tail', '--log-group-identifiers', 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/cli'],
			{env: cliEnvironment({AWS_DISABLE_HOST_PREFIX_INJECTION: 'true'}), stdio: ['ignore', 'pipe', 'pipe']},
		);
		let stdout = '';
		let stderr = '';
		let exited = false;
		const spawnError = new Promise<Error>((resolve) => child.on('error', resolve));
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		child.on('exit', () => (exited = true));
		try {
			// Events reach a session only once it has started: keep writing until the CLI prints one.
			for (let attempt = 0; attempt < 60 && !stdout.includes('live line') && !exited; attempt += 1) {
				const failed = await Promise.race([spawnError, new Promise<undefined>((resolve) => setTimeout(resolve, 500, undefined))]);
				if (failed !== undefined) throw (failed as NodeJS.ErrnoException).code === 'ENOENT' ? missingCli() : failed;
				await cwl.send(
					new PutLogEventsCommand({logGroupName: '/aws/lambda/cli', logStreamName: 'main', logEvents: [{timestamp: Date.now(), message: `live line ${attempt}`}]}),
				);
			}
			assert.match(stdout, /^live line \d+$/m, `the CLI printed the tailed events (stderr: ${stderr})`);
		} finally {
			child.kill();
		}
	});
});
