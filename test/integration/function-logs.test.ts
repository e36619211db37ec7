// A function's logs as the Monitor tab and `lambdash logs` read them, through
// the real CloudWatch Logs client against the local Lambda: a Node.js function
// invoked a few times (in two execution environments, one invocation
// failing), its streams, FilterLogEvents with a pattern and a range, one
// request's lines, the recent invocations table, Live Tail (and its
// reconnection when the server goes away and comes back), and the messages
// for a missing log group and a refused filter pattern.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {CreateFunctionCommand, LambdaClient, waitUntilFunctionActiveV2} from '@aws-sdk/client-lambda';
import {createClients, type Clients} from '../../source/aws/clients.js';
import {
	describeLogsError,
	filterEvents,
	listStreams,
	logGroupOf,
	reportLines,
	requestLines,
	startLiveTail,
	type LiveTail,
	type LiveTailStatus,
} from '../../source/aws/function-logs.js';
import {createInvokeClient, invokeFunction, type InvokeResult} from '../../source/aws/invoke.js';
import {invocationRows} from '../../source/domain/invocation-reports.js';
import type {LogLine} from '../../source/domain/log-lines.js';
import {parseReport} from '../../source/domain/report-line.js';
import {zipFiles} from '../../source/domain/code-package.js';
import {startLocalLambda, type LocalLambda} from '../../source/mock/server.js';
import {localSession, type Session} from '../../source/session.js';
import {credentials, role, startHarness, type Harness} from './harness.js';

const worker = `
export const handler = async (event) => {
	console.log('working on ' + event.task);
	await new Promise((resolve) => setTimeout(resolve, event.sleepMs ?? 0));
	if (event.fail) throw new Error('cannot do ' + event.task);
	return {done: event.task};
};
`;

const group = '/aws/lambda/worker';
const accountId = '123456789012';

async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

async function createWorker(lambda: LambdaClient): Promise<void> {
	await lambda.send(
		new CreateFunctionCommand({FunctionName: 'worker', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: zipFiles({'index.mjs': worker})}}),
	);
	await waitUntilFunctionActiveV2({client: lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'worker'});
}

/** What a Live Tail reported, in order. */
class TailRecorder {
	lines: LogLine[] = [];
	statuses: LiveTailStatus[] = [];
	handlers = {
		onLines: (lines: LogLine[]): void => {
			this.lines.push(...lines);
		},
		onStatus: (status: LiveTailStatus): void => {
			this.statuses.push(status);
		},
	};

	kinds(): string {
		return this.statuses.map((status) => status.kind).join(' ');
	}
}

describe("a function's logs through the CloudWatch Logs client", () => {
	let harness: Harness;
	let session: Session;
	let clients: Clients;
	let logs: CloudWatchLogsClient;
	let invoker: LambdaClient;
	let began: Date;
	const invoked = new Map<string, InvokeResult>();

	const invoke = async (task: string, extra: Record<string, unknown> = {}): Promise<InvokeResult> => {
		const result = await invokeFunction(invoker, {functionName: 'worker', payload: JSON.stringify({task, ...extra}), tail: true});
		invoked.set(task, result);
		return result;
	};
	const requestOf = (task: string): string => invoked.get(task)?.requestId ?? assert.fail(`no request for ${task}`);

	before(async () => {
		harness = await startHarness();
		session = localSession(harness.server.endpoint, harness.dataDir, 'us-east-1', false);
		clients = createClients(session);
		logs = await clients.logs();
		invoker = createInvokeClient(session);
		await createWorker(harness.lambda);
		began = new Date();
		// Two at once: two execution environments, two streams.
		await Promise.all([invoke('alpha', {sleepMs: 400}), invoke('beta', {sleepMs: 400})]);
		await invoke('gamma');
		const failed = await invoke('delta', {fail: true});
		assert.equal(failed.functionError, 'Unhandled');
		// Every invocation's REPORT is in CloudWatch Logs before the tests read it.
		await eventually('four REPORT lines', async () => {
			const lines = await reportLines(logs, group, {start: began});
			return invocationRows(lines).length === 4 ? lines : undefined;
		});
	});
	after(async () => {
		invoker.destroy();
		clients.destroy();
		await harness.close();
	});

	it("finds the function's log group: LoggingConfig.LogGroup, or /aws/lambda/NAME", () => {
		assert.equal(logGroupOf({name: 'worker', logging: {logGroup: group}}), group);
		assert.equal(logGroupOf({name: 'worker', logging: {logGroup: ''}}), group);
		assert.equal(logGroupOf({name: 'worker', logging: {logGroup: '/shared/app-logs'}}), '/shared/app-logs');
	});

	it('lists the streams newest first: the stream of the last invocation leads', async () => {
		const streams = await listStreams(logs, group);
		assert.equal(streams.length, 2);
		const [newest, older] = streams;
		assert.match(newest?.name ?? '', /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
		assert.ok((newest?.lastEventTime?.getTime() ?? 0) >= (older?.lastEventTime?.getTime() ?? Infinity));
		assert.ok(newest?.firstEventTime !== undefined && newest.firstEventTime.getTime() >= began.getTime() - 1000);
		const lastReport = (await filterEvents(logs, {group, pattern: `"REPORT RequestId: ${requestOf('delta')}"`, start: began})).lines;
		assert.equal(lastReport.length, 1);
		assert.equal(lastReport[0]?.stream, newest?.name);
	});

	it('filters with a pattern and a range, oldest first; a limit keeps the newest and says it truncated', async () => {
		const all = await filterEvents(logs, {group, pattern: '"working on"', start: began});
		assert.equal(all.truncated, false);
		assert.deepEqual(
			all.lines.map((line) => /working on (\w+)/.exec(line.message)?.[1]).sort(),
			['alpha', 'beta', 'delta', 'gamma'],
		);
		const times = all.lines.map((line) => line.timestamp);
		assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
		for (const line of all.lines) {
			assert.equal(line.group, group);
			assert.ok(line.stream !== undefined && line.id !== undefined, 'each line has its stream and event ID');
		}
		assert.deepEqual(
			(await filterEvents(logs, {group, pattern: '"working on"', start: new Date(began.getTime() - 60_000), end: new Date(began.getTime() - 1)})).lines,
			[],
			'nothing before the first invocation',
		);
		const newest = await filterEvents(logs, {group, pattern: '"working on"', start: began, limit: 2});
		assert.equal(newest.truncated, true);
		assert.deepEqual(
			newest.lines.map((line) => /working on (\w+)/.exec(line.message)?.[1]),
			['gamma', 'delta'],
		);
		const onlyFailed = await filterEvents(logs, {group, pattern: '"Invoke Error"', start: began});
		assert.equal(onlyFailed.lines.length, 1);
		assert.match(onlyFailed.lines[0]?.message ?? '', /cannot do delta/);
	});

	it("reads every line of one request, from its START to its REPORT, and no other request's", async () => {
		const lines = await requestLines(logs, group, requestOf('gamma'), {start: began, end: new Date()});
		const messages = lines.map((line) => line.message);
		assert.match(messages[0] ?? '', new RegExp(`^START RequestId: ${requestOf('gamma')} Version: \\$LATEST`));
		assert.ok(messages.some((message) => message.includes('working on gamma')));
		assert.match(messages.at(-1) ?? '', new RegExp(`^REPORT RequestId: ${requestOf('gamma')}`));
		assert.ok(!messages.some((message) => /working on (alpha|beta|delta)/.test(message)));
		assert.equal(new Set(lines.map((line) => line.stream)).size, 1, 'one stream');
		assert.deepEqual(await requestLines(logs, group, '00000000-0000-4000-8000-000000000000', {start: began, end: new Date()}), []);
	});

	it('makes the recent invocations table from the REPORT lines: the figures of each REPORT, the failed one marked', async () => {
		const rows = invocationRows(await reportLines(logs, group, {start: began}));
		assert.equal(rows.length, 4);
		for (const [task, result] of invoked) {
			const row = rows.find((candidate) => candidate.requestId === result.requestId);
			assert.ok(row !== undefined, `a row for ${task}`);
			const figures = parseReport(result.log ?? '');
			assert.ok(figures !== undefined, `the log tail of ${task} has its REPORT`);
			assert.equal(row.durationMs, figures.durationMs);
			assert.equal(row.billedDurationMs, figures.billedDurationMs);
			assert.equal(row.memorySizeMb, 128);
			assert.equal(row.maxMemoryUsedMb, figures.maxMemoryUsedMb);
			assert.equal(row.initDurationMs, figures.initDurationMs);
			assert.equal(row.gbSeconds, (figures.billedDurationMs / 1000) * (128 / 1024));
			assert.equal(row.error, task === 'delta' ? 'Error: cannot do delta' : undefined, `the error of ${task}`);
		}
		assert.equal(rows[0]?.requestId, requestOf('delta'), 'newest first');
		assert.ok(rows.filter((row) => row.initDurationMs !== undefined).length === 2, 'two cold starts');
	});

	it('follows the group live: lines of an invocation made while tailing arrive (the account found through STS)', async () => {
		const recorder = new TailRecorder();
		const tail = startLiveTail(session, {group}, recorder.handlers);
		try {
			await eventually('the tail to connect', () => (recorder.statuses.length > 0 ? true : undefined));
			assert.deepEqual(recorder.statuses, [{kind: 'connected'}]);
			await invoke('epsilon');
			const line = await eventually('the live line', () => recorder.lines.find((candidate) => candidate.message.includes('working on epsilon')));
			assert.equal(line.group, group);
			assert.match(line.stream ?? '', /\[\$LATEST\]/);
			assert.ok(recorder.lines.every((candidate) => !candidate.message.includes('working on gamma')), 'only what was logged after the start');
		} finally {
			tail.stop();
		}
	});

	it('a live tail with a pattern sends only the lines that match', async () => {
		const recorder = new TailRecorder();
		const tail = startLiveTail(session, {group, accountId, pattern: '"REPORT RequestId"'}, recorder.handlers);
		try {
			await eventually('the tail to connect', () => (recorder.statuses.length > 0 ? true : undefined));
			await invoke('zeta');
			const report = await eventually('the REPORT line', () => recorder.lines.find((candidate) => candidate.message.includes(requestOf('zeta'))));
			assert.match(report.message, /^REPORT RequestId: /);
			assert.ok(recorder.lines.every((candidate) => candidate.message.startsWith('REPORT RequestId: ')));
		} finally {
			tail.stop();
		}
	});

	it('says a missing log group means the function has not been invoked yet, and shows the syntax for a refused pattern', async () => {
		const missing = '/aws/lambda/never-invoked';
		const notFound = await filterEvents(logs, {group: missing, start: began}).then(
			() => assert.fail('a missing group is an error'),
			(error: unknown) => error,
		);
		const message = describeLogsError(notFound, missing, clients.endpoint);
		assert.match(message, /The log group \/aws\/lambda\/never-invoked does not exist: the function has not been invoked yet/);
		assert.match(message, /LoggingConfig\.LogGroup/);
		await assert.rejects(listStreams(logs, missing), (error: unknown) => describeLogsError(error, missing).includes('has not been invoked yet'));

		const refused = await filterEvents(logs, {group, pattern: 'Status: timeout', start: began}).then(
			() => assert.fail('CloudWatch refuses the pattern'),
			(error: unknown) => error,
		);
		const patternMessage = describeLogsError(refused, group, clients.endpoint);
		assert.match(patternMessage, /^CloudWatch Logs refused the filter pattern: Invalid character\(s\) in term ':'\. /);
		assert.match(patternMessage, /"Task timed out"/);
		assert.match(patternMessage, /\{ \$\.level = "ERROR" \}/);

		const recorder = new TailRecorder();
		const tail = startLiveTail(session, {group: missing, accountId}, recorder.handlers);
		try {
			const ended = await eventually('the tail to end', () => recorder.statuses.find((status) => status.kind === 'ended'));
			assert.equal(recorder.kinds(), 'ended', 'no reconnection for a group that does not exist');
			assert.match(ended.kind === 'ended' ? ended.reason : '', /has not been invoked yet/);
		} finally {
			tail.stop();
		}
	});
});

describe('a live tail across a restart of the server', () => {
	let dataDir: string;
	let server: LocalLambda | undefined;
	let lambda: LambdaClient | undefined;

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-tail-'));
	});
	after(async () => {
		lambda?.destroy();
		await server?.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	const start = async (port: number): Promise<LocalLambda> => {
		server = await startLocalLambda({dataDir, port, seed: false, transitionDelayMs: 50});
		lambda?.destroy();
		lambda = new LambdaClient({endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
		return server;
	};

	it('says it is reconnecting when the stream drops, connects again, and goes on receiving lines', async () => {
		const first = await start(0);
		const port = Number(new URL(first.endpoint).port);
		const session = localSession(first.endpoint, dataDir, 'us-east-1', false);
		await createWorker(lambda ?? assert.fail('no client'));
		const invoker = createInvokeClient(session);
		await invokeFunction(invoker, {functionName: 'worker', payload: '{"task": "before"}'});

		const recorder = new TailRecorder();
		let tail: LiveTail | undefined = startLiveTail(session, {group, accountId}, recorder.handlers);
		let other: LiveTail | undefined;
		try {
			await eventually('the tail to connect', () => (recorder.statuses.length > 0 ? true : undefined));
			assert.equal(recorder.kinds(), 'connected');

			await first.close();
			server = undefined;
			const dropped = await eventually('the tail to notice', () => recorder.statuses.find((status) => status.kind === 'reconnecting'));
			assert.ok(dropped.kind === 'reconnecting');
			assert.equal(dropped.attempt, 1);
			// The server ends the session as it closes; the connection may go first.
			assert.match(dropped.reason, /^(CloudWatch Logs closed the session|lost the connection to http:\/\/127\.0\.0\.1:\d+ \(ECONN\w+\))$/);

			await start(port);
			await eventually('the tail to reconnect', () => (recorder.statuses.at(-1)?.kind === 'connected' && recorder.statuses.length > 2 ? true : undefined), 30_000);
			assert.match(recorder.kinds(), /^connected (reconnecting )+connected$/);

			await invokeFunction(invoker, {functionName: 'worker', payload: '{"task": "after the restart"}'});
			await eventually('a line after the restart', () => recorder.lines.find((line) => line.message.includes('working on after the restart')));

			tail.stop();
			tail = undefined;
			const seen = recorder.statuses.length;
			// A second tail gets the next line: the server's update went out, and the stopped tail heard none of it.
			const witness = new TailRecorder();
			other = startLiveTail(session, {group, accountId}, witness.handlers);
			await eventually('the second tail to connect', () => (witness.statuses.length > 0 ? true : undefined));
			await invokeFunction(invoker, {functionName: 'worker', payload: '{"task": "after stop"}'});
			await eventually('the line in the second tail', () => witness.lines.find((line) => line.message.includes('working on after stop')));
			assert.ok(!recorder.lines.some((line) => line.message.includes('after stop')), 'no lines after stop');
			assert.equal(recorder.statuses.length, seen, 'no status after stop');
		} finally {
			tail?.stop();
			other?.stop();
			invoker.destroy();
		}
	});
});
