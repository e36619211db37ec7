// What a function's invocations leave behind, read back through the SDKs as
// the console reads them: its log stream line by line (CloudWatch Logs), and
// for asynchronous invocations the retries, destinations and records, with
// the local Lambda's clock advanced by the test instead of waited for.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
	CloudWatchLogsClient,
	DescribeLogStreamsCommand,
	GetLogEventsCommand,
	type OutputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import {
	CreateFunctionCommand,
	InvokeCommand,
	PutFunctionEventInvokeConfigCommand,
	waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import {ManualClock} from '../../source/mock/clock.js';
import {zipFiles} from '../../source/domain/code-package.js';
import {credentials, role, startHarness, type Harness} from './harness.js';

const worker = `
export const handler = async (event) => {
	console.log('working on', JSON.stringify(event));
	if (event.fail) throw new Error('cannot do ' + event.task);
	return {done: event.task};
};
`;

const recorder = `
export const handler = async (event) => {
	console.log('RECORD ' + JSON.stringify(event));
	return 'ok';
};
`;

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('logs and asynchronous invocation through the SDKs', () => {
	let harness: Harness;
	let logs: CloudWatchLogsClient;
	const clock = new ManualClock(Date.now());

	const create = async (name: string, code: string): Promise<void> => {
		await harness.lambda.send(
			new CreateFunctionCommand({FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: zipFiles({'index.mjs': code})}}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	/** Every event of every stream of a log group, oldest first ([] while the group does not exist). */
	const groupEvents = async (group: string): Promise<Array<OutputLogEvent & {stream: string}>> => {
		const streams = await logs.send(new DescribeLogStreamsCommand({logGroupName: group})).catch(() => ({logStreams: []}));
		const events: Array<OutputLogEvent & {stream: string}> = [];
		for (const stream of streams.logStreams ?? []) {
			const page = await logs.send(new GetLogEventsCommand({logGroupName: group, logStreamName: stream.logStreamName, startFromHead: true}));
			for (const event of page.events ?? []) events.push({...event, stream: stream.logStreamName ?? ''});
		}
		return events.sort((left, right) => (left.timestamp ?? 0) - (right.timestamp ?? 0));
	};

	const records = async (group: string, count: number): Promise<Array<Record<string, unknown>>> =>
		eventually(`${count} record(s) in ${group}`, async () => {
			const found = (await groupEvents(group))
				.map((event) => /RECORD (.*)$/s.exec(event.message ?? '')?.[1] ?? (group.startsWith('/lambdash-local/') ? event.message : undefined))
				.filter((text): text is string => text !== undefined)
				.map((text) => JSON.parse(text.trim()) as Record<string, unknown>);
			return found.length >= count ? found : undefined;
		});

	const reports = async (group: string): Promise<number> => (await groupEvents(group)).filter((event) => event.message?.startsWith('REPORT ')).length;

	before(async () => {
		harness = await startHarness({transitionDelayMs: 0, clock});
		logs = new CloudWatchLogsClient({endpoint: harness.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1, disableHostPrefix: true});
		await create('worker', worker);
		await create('failures', recorder);
	});
	after(async () => {
		logs.destroy();
		await harness.close();
	});

	it('writes the stream of an execution environment line by line, as Lambda does', async () => {
		const output = await harness.lambda.send(new InvokeCommand({FunctionName: 'worker', Payload: Buffer.from('{"task":"a"}')}));
		const requestId = output.$metadata.requestId ?? '';
		const streams = await logs.send(new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/worker'}));
		assert.equal(streams.logStreams?.length, 1);
		const stream = streams.logStreams?.[0]?.logStreamName ?? '';
		assert.match(stream, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
		const page = await logs.send(new GetLogEventsCommand({logGroupName: '/aws/lambda/worker', logStreamName: stream, startFromHead: true}));
		const lines = (page.events ?? []).map((event) => event.message ?? '');
		assert.equal(lines.length, 5, lines.join(''));
		assert.match(lines[0] ?? '', /^INIT_START Runtime Version: nodejs:22\.v\d+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}\n$/);
		assert.equal(lines[1], `START RequestId: ${requestId} Version: $LATEST\n`);
		assert.match(lines[2] ?? '', new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\\t${requestId}\\tINFO\\tworking on \\{"task":"a"\\}\\n$`));
		assert.equal(lines[3], `END RequestId: ${requestId}\n`);
		assert.match(
			lines[4] ?? '',
			new RegExp(`^REPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms\\t\\n$`),
		);
	});

	it('retries a failed event after Lambda\'s back-off on the clock, then delivers the failure record to a function destination', async () => {
		await harness.lambda.send(
			new PutFunctionEventInvokeConfigCommand({
				FunctionName: 'worker',
				MaximumRetryAttempts: 1,
				DestinationConfig: {
					OnFailure: {Destination: 'arn:aws:lambda:us-east-1:123456789012:function:failures'},
					OnSuccess: {Destination: 'arn:aws:sqs:us-east-1:123456789012:done'},
				},
			}),
		);
		const before = await reports('/aws/lambda/worker');
		const queued = await harness.lambda.send(new InvokeCommand({FunctionName: 'worker', InvocationType: 'Event', Payload: Buffer.from('{"task":"b","fail":true}')}));
		assert.equal(queued.StatusCode, 202);
		await eventually('the first attempt', async () => ((await reports('/aws/lambda/worker')) === before + 1 ? true : undefined));
		// The retry waits a minute of the local Lambda's time: nothing happens until the clock moves.
		await new Promise((resolve) => setTimeout(resolve, 300));
		assert.equal(await reports('/aws/lambda/worker'), before + 1);
		await clock.advance(60_000);
		await eventually('the retry', async () => ((await reports('/aws/lambda/worker')) === before + 2 ? true : undefined));

		const [record] = await records('/aws/lambda/failures', 1);
		assert.equal(record?.['version'], '1.0');
		const context = record?.['requestContext'] as Record<string, unknown>;
		assert.equal(context['requestId'], queued.$metadata.requestId);
		assert.equal(context['functionArn'], 'arn:aws:lambda:us-east-1:123456789012:function:worker:$LATEST');
		assert.equal(context['condition'], 'RetriesExhausted');
		assert.equal(context['approximateInvokeCount'], 2);
		assert.deepEqual(record?.['requestPayload'], {task: 'b', fail: true});
		const response = record?.['responseContext'] as Record<string, unknown>;
		assert.equal(response['functionError'], 'Unhandled');
		assert.equal(response['executedVersion'], '$LATEST');
		assert.equal((record?.['responsePayload'] as Record<string, unknown>)['errorMessage'], 'cannot do b');
	});

	it('keeps the success record of an SQS destination where the console can read it', async () => {
		const queued = await harness.lambda.send(new InvokeCommand({FunctionName: 'worker', InvocationType: 'Event', Payload: Buffer.from('{"task":"c"}')}));
		const [record] = await records('/lambdash-local/destinations', 1);
		assert.equal((record?.['requestContext'] as Record<string, unknown>)['condition'], 'Success');
		assert.equal((record?.['requestContext'] as Record<string, unknown>)['requestId'], queued.$metadata.requestId);
		assert.deepEqual(record?.['responsePayload'], {done: 'c'});
		const events = await groupEvents('/lambdash-local/destinations');
		assert.deepEqual([...new Set(events.map((event) => event.stream))], ['sqs/done']);
	});
});
