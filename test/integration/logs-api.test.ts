// The local CloudWatch Logs through the real @aws-sdk/client-cloudwatch-logs:
// describing groups and streams, GetLogEvents paging and its tokens,
// FilterLogEvents with every kind of filter pattern, Live Tail, the write
// operations, errors, and logs surviving a restart. Events are written the way
// execution environments write them, with LogsService.append; the service is
// served by a small HTTP server of this test, on a clock the test moves.

import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe, it} from 'node:test';
import {
	CloudWatchLogsClient,
	CreateLogGroupCommand,
	CreateLogStreamCommand,
	DeleteLogGroupCommand,
	DeleteLogStreamCommand,
	DescribeLogGroupsCommand,
	DescribeLogStreamsCommand,
	FilterLogEventsCommand,
	GetLogEventsCommand,
	PutLogEventsCommand,
	PutRetentionPolicyCommand,
	StartLiveTailCommand,
	paginateDescribeLogGroups,
	paginateDescribeLogStreams,
	paginateFilterLogEvents,
	type FilteredLogEvent,
	type InputLogEvent,
	type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import {ManualClock} from '../../source/mock/clock.js';
import {LogsService} from '../../source/mock/logs/service.js';
import {credentials, rejectsWith, startHarness} from './harness.js';

const start = Date.UTC(2026, 0, 1, 12);
const region = 'us-east-1';
const accountId = '123456789012';
const arnPrefix = `arn:aws:logs:${region}:${accountId}:log-group:`;

interface Served {
	endpoint: string;
	close(): Promise<void>;
}

/** Serves a LogsService the way the local Lambda's server routes it. */
async function serve(logs: LogsService): Promise<Served> {
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			void logs.handle(String(request.headers['x-amz-target'] ?? ''), Buffer.concat(chunks), request, response, randomUUID());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		endpoint: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** The request fails as CloudWatch Logs fails one about a log group or log stream that does not exist. */
function rejectsNotFound(request: Promise<unknown>, missing: 'log group' | 'log stream', status?: number): Promise<void> {
	return rejectsWith(request, 'ResourceNotFoundException', `The specified ${missing} does not exist.`, status);
}

function client(endpoint: string): CloudWatchLogsClient {
	return new CloudWatchLogsClient({endpoint, region, credentials, maxAttempts: 1, disableHostPrefix: true});
}

class Fixture {
	clock = new ManualClock(start);
	dataDir = '';
	logs!: LogsService;
	served!: Served;
	cwl!: CloudWatchLogsClient;

	async open(dataDir?: string): Promise<void> {
		this.dataDir = dataDir ?? (await mkdtemp(join(tmpdir(), 'lambdash-logs-')));
		this.logs = await LogsService.open({dataDir: this.dataDir, region, accountId, clock: this.clock});
		this.served = await serve(this.logs);
		this.cwl = client(this.served.endpoint);
	}

	/** Stops the service and its server, keeping the data directory. */
	async stop(): Promise<void> {
		this.cwl.destroy();
		await this.served.close();
		await this.logs.close();
	}

	async close(): Promise<void> {
		await this.stop();
		await rm(this.dataDir, {recursive: true, force: true});
	}
}

const tokenShape = /^[fb]\/\d{56}\/s$/;

describe('CloudWatch Logs: groups and streams', () => {
	const fixture = new Fixture();
	before(async () => {
		await fixture.open();
		fixture.logs.append('/aws/lambda/alpha', '2026/01/01/[$LATEST]aaaa', [{timestamp: start - 5000, message: 'first'}]);
		await fixture.clock.advance(1000);
		fixture.logs.append('/aws/lambda/alpha', '2026/01/01/[$LATEST]bbbb', [
			{timestamp: start - 1000, message: 'second'},
			{timestamp: start + 2000, message: 'third'},
		]);
		fixture.logs.append('/aws/lambda/alpha', '2026/01/01/[$LATEST]cccc', [{timestamp: start - 3000, message: 'fourth'}]);
		fixture.logs.append('/aws/lambda/beta', '2026/01/01/[$LATEST]dddd', [{timestamp: start, message: 'héllo'}]);
		fixture.logs.append('/custom/gamma', 'app', [{timestamp: start, message: 'x'}]);
	});
	after(() => fixture.close());

	it('describes log groups with their ARNs, bytes and class', async () => {
		const {logGroups} = await fixture.cwl.send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/aws/lambda/'}));
		assert.deepEqual(logGroups, [
			{
				logGroupName: '/aws/lambda/alpha',
				creationTime: start,
				metricFilterCount: 0,
				arn: `${arnPrefix}/aws/lambda/alpha:*`,
				storedBytes: 'first'.length + 'second'.length + 'third'.length + 'fourth'.length,
				logGroupClass: 'STANDARD',
				logGroupArn: `${arnPrefix}/aws/lambda/alpha`,
			},
			{
				logGroupName: '/aws/lambda/beta',
				creationTime: start + 1000,
				metricFilterCount: 0,
				arn: `${arnPrefix}/aws/lambda/beta:*`,
				storedBytes: Buffer.byteLength('héllo'),
				logGroupClass: 'STANDARD',
				logGroupArn: `${arnPrefix}/aws/lambda/beta`,
			},
		]);
	});

	it('pages log groups in name order', async () => {
		const pages: string[][] = [];
		for await (const page of paginateDescribeLogGroups({client: fixture.cwl, pageSize: 2}, {})) {
			pages.push((page.logGroups ?? []).map((group) => group.logGroupName ?? ''));
		}
		assert.deepEqual(pages, [['/aws/lambda/alpha', '/aws/lambda/beta'], ['/custom/gamma']]);
	});

	it('matches logGroupNamePattern anywhere in the name, answering only name, ARN and creation time', async () => {
		const {logGroups} = await fixture.cwl.send(new DescribeLogGroupsCommand({logGroupNamePattern: 'amm'}));
		assert.deepEqual(logGroups, [{logGroupName: '/custom/gamma', creationTime: start + 1000, arn: `${arnPrefix}/custom/gamma:*`}]);
		await rejectsWith(
			fixture.cwl.send(new DescribeLogGroupsCommand({logGroupNamePattern: 'a', logGroupNamePrefix: '/'})),
			'InvalidParameterException',
			'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
			400,
		);
		await rejectsWith(
			fixture.cwl.send(new DescribeLogGroupsCommand({limit: 51})),
			'InvalidParameterException',
			"1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
			400,
		);
	});

	it('describes log streams with their first and last events', async () => {
		const {logStreams} = await fixture.cwl.send(
			new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/alpha', logStreamNamePrefix: '2026/01/01/[$LATEST]b'}),
		);
		assert.deepEqual(logStreams, [
			{
				logStreamName: '2026/01/01/[$LATEST]bbbb',
				creationTime: start + 1000,
				firstEventTimestamp: start - 1000,
				lastEventTimestamp: start + 2000,
				lastIngestionTime: start + 1000,
				uploadSequenceToken: '3'.padStart(56, '0'),
				arn: `${arnPrefix}/aws/lambda/alpha:log-stream:2026/01/01/[$LATEST]bbbb`,
				storedBytes: 0,
			},
		]);
	});

	it('orders streams by name or by last event time, both ways, in pages', async () => {
		const names = async (orderBy: 'LogStreamName' | 'LastEventTime', descending: boolean): Promise<string[]> => {
			const found: string[] = [];
			const pages = paginateDescribeLogStreams(
				{client: fixture.cwl, pageSize: 1},
				{logGroupIdentifier: `${arnPrefix}/aws/lambda/alpha`, orderBy, descending},
			);
			for await (const page of pages) found.push(...(page.logStreams ?? []).map((stream) => (stream.logStreamName ?? '').slice(-4)));
			return found;
		};
		assert.deepEqual(await names('LogStreamName', false), ['aaaa', 'bbbb', 'cccc']);
		assert.deepEqual(await names('LogStreamName', true), ['cccc', 'bbbb', 'aaaa']);
		assert.deepEqual(await names('LastEventTime', false), ['aaaa', 'cccc', 'bbbb']);
		assert.deepEqual(await names('LastEventTime', true), ['bbbb', 'cccc', 'aaaa']);
	});

	it("answers AWS's errors for streams", async () => {
		await rejectsWith(
			fixture.cwl.send(new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/alpha', orderBy: 'LastEventTime', logStreamNamePrefix: 'x'})),
			'InvalidParameterException',
			'Cannot order by LastEventTime with a logStreamNamePrefix.',
			400,
		);
		await rejectsNotFound(fixture.cwl.send(new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/nope'})), 'log group', 400);
		await rejectsWith(
			fixture.cwl.send(new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/alpha', logGroupIdentifier: '/aws/lambda/alpha'})),
			'ValidationException',
			'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
			400,
		);
	});
});

describe('CloudWatch Logs: GetLogEvents', () => {
	const fixture = new Fixture();
	const group = '/aws/lambda/pager';
	const stream = '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef';
	before(async () => {
		await fixture.open();
		// Appended out of order: the stream keeps them in timestamp order.
		const events = Array.from({length: 25}, (_, index) => ({timestamp: start + index * 1000, message: `event ${index}`}));
		fixture.logs.append(group, stream, events.slice(10));
		fixture.logs.append(group, stream, events.slice(0, 10));
	});
	after(() => fixture.close());

	const messages = (events: Array<{message?: string}> | undefined): string[] => (events ?? []).map((event) => event.message ?? '');
	const range = (from: number, to: number): string[] => Array.from({length: to - from}, (_, index) => `event ${from + index}`);

	it('starts from the newest events and pages backward until the token repeats', async () => {
		const first = await fixture.cwl.send(new GetLogEventsCommand({logGroupName: group, logStreamName: stream, limit: 10}));
		assert.deepEqual(messages(first.events), range(15, 25));
		assert.match(first.nextForwardToken ?? '', tokenShape);
		assert.match(first.nextBackwardToken ?? '', tokenShape);
		const second = await fixture.cwl.send(
			new GetLogEventsCommand({logGroupName: group, logStreamName: stream, limit: 10, nextToken: first.nextBackwardToken}),
		);
		assert.deepEqual(messages(second.events), range(5, 15));
		const third = await fixture.cwl.send(
			new GetLogEventsCommand({logGroupName: group, logStreamName: stream, limit: 10, nextToken: second.nextBackwardToken}),
		);
		assert.deepEqual(messages(third.events), range(0, 5));
		const end = await fixture.cwl.send(
			new GetLogEventsCommand({logGroupName: group, logStreamName: stream, limit: 10, nextToken: third.nextBackwardToken}),
		);
		assert.deepEqual(end.events, []);
		assert.equal(end.nextBackwardToken, third.nextBackwardToken);
		// Going forward from the oldest page continues right after it.
		const forward = await fixture.cwl.send(
			new GetLogEventsCommand({logGroupName: group, logStreamName: stream, limit: 3, nextToken: third.nextForwardToken}),
		);
		assert.deepEqual(messages(forward.events), range(5, 8));
	});

	it('reads from the head with startFromHead, forward until the token repeats, then picks up new events', async () => {
		const seen: string[] = [];
		let token: string | undefined;
		let repeated = false;
		for (let call = 0; call < 10 && !repeated; call += 1) {
			const page = await fixture.cwl.send(
				new GetLogEventsCommand({logGroupName: group, logStreamName: stream, limit: 10, startFromHead: true, nextToken: token}),
			);
			seen.push(...messages(page.events));
			repeated = page.nextForwardToken === token;
			token = page.nextForwardToken;
		}
		assert.ok(repeated, 'the forward token repeats at the end of the stream');
		assert.deepEqual(seen, range(0, 25));
		fixture.logs.append(group, stream, [{timestamp: start + 25_000, message: 'event 25'}]);
		const more = await fixture.cwl.send(new GetLogEventsCommand({logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token}));
		assert.deepEqual(messages(more.events), ['event 25']);
		assert.notEqual(more.nextForwardToken, token);
	});

	it('keeps to the time range: startTime inclusive, endTime exclusive', async () => {
		const page = await fixture.cwl.send(
			new GetLogEventsCommand({logGroupName: group, logStreamName: stream, startTime: start + 5000, endTime: start + 8000}),
		);
		assert.deepEqual(messages(page.events), range(5, 8));
		const head = await fixture.cwl.send(
			new GetLogEventsCommand({logGroupName: group, logStreamName: stream, startTime: start + 20_000, startFromHead: true, limit: 2}),
		);
		assert.deepEqual(messages(head.events), range(20, 22));
		const empty = await fixture.cwl.send(
			new GetLogEventsCommand({logGroupName: group, logStreamName: stream, startTime: start + 90_000, endTime: start + 95_000}),
		);
		assert.deepEqual(empty.events, []);
		assert.match(empty.nextForwardToken ?? '', tokenShape);
	});

	it('answers every event with its ingestion time, and no more than 1 MB a page', async () => {
		const page = await fixture.cwl.send(new GetLogEventsCommand({logGroupName: group, logStreamName: stream, startFromHead: true, limit: 1}));
		assert.deepEqual(page.events, [{timestamp: start, message: 'event 0', ingestionTime: start}]);
		const big = 'x'.repeat(250_000);
		fixture.logs.append(group, 'big', Array.from({length: 5}, (_, index) => ({timestamp: start + index, message: big})));
		const first = await fixture.cwl.send(new GetLogEventsCommand({logGroupName: group, logStreamName: 'big', startFromHead: true}));
		assert.equal(first.events?.length, 4);
		const rest = await fixture.cwl.send(new GetLogEventsCommand({logGroupName: group, logStreamName: 'big', nextToken: first.nextForwardToken}));
		assert.equal(rest.events?.length, 1);
	});

	it("answers AWS's errors", async () => {
		await rejectsNotFound(fixture.cwl.send(new GetLogEventsCommand({logGroupName: group, logStreamName: 'missing'})), 'log stream', 400);
		await rejectsNotFound(fixture.cwl.send(new GetLogEventsCommand({logGroupName: '/aws/lambda/missing', logStreamName: stream})), 'log group', 400);
		await rejectsWith(
			fixture.cwl.send(new GetLogEventsCommand({logGroupName: group, logStreamName: stream, nextToken: 'garbage'})),
			'InvalidParameterException',
			'The specified nextToken is invalid.',
			400,
		);
		await rejectsWith(
			fixture.cwl.send(new GetLogEventsCommand({logGroupName: group, logStreamName: stream, limit: 10_001})),
			'InvalidParameterException',
			"1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
		);
	});
});

describe('CloudWatch Logs: FilterLogEvents', () => {
	const fixture = new Fixture();
	const group = '/aws/lambda/search';
	const lines: Array<[string, string]> = [
		['a', 'START RequestId: 1111 Version: $LATEST'],
		['b', '[ERROR 500] INTERNAL SERVER ERROR'],
		['a', '{"level":"ERROR","latency":120,"user":{"id":7}}'],
		['b', '127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534'],
		['a', '[WARN] slow REQUEST'],
		['c', '{"level":"INFO","latency":20}'],
		['b', '[ERROR 419] MISSING ARGUMENTS'],
		['a', 'END RequestId: 1111'],
	];
	before(async () => {
		await fixture.open();
		lines.forEach(([stream, message], index) => fixture.logs.append(group, `stream-${stream}`, [{timestamp: start + index * 1000, message}]));
	});
	after(() => fixture.close());

	const filter = async (input: Partial<ConstructorParameters<typeof FilterLogEventsCommand>[0]>): Promise<FilteredLogEvent[]> =>
		(await fixture.cwl.send(new FilterLogEventsCommand({logGroupName: group, ...input}))).events ?? [];
	const messagesOf = (events: FilteredLogEvent[]): string[] => events.map((event) => event.message ?? '');
	const linesAt = (...indexes: number[]): string[] => indexes.map((index) => lines[index]?.[1] ?? '');

	it('interleaves all streams in time order, each event with its stream and id', async () => {
		const response = await fixture.cwl.send(new FilterLogEventsCommand({logGroupName: group}));
		assert.deepEqual(messagesOf(response.events ?? []), linesAt(0, 1, 2, 3, 4, 5, 6, 7));
		assert.deepEqual(response.searchedLogStreams, []);
		assert.equal(response.nextToken, undefined);
		const [first] = response.events ?? [];
		assert.equal(first?.logStreamName, 'stream-a');
		assert.equal(first?.timestamp, start);
		assert.equal(first?.ingestionTime, start);
		assert.match(first?.eventId ?? '', /^\d{56}$/);
		assert.equal(new Set((response.events ?? []).map((event) => event.eventId)).size, lines.length);
	});

	it('filters with terms, phrases, optional and excluded terms', async () => {
		assert.deepEqual(messagesOf(await filter({filterPattern: 'ERROR'})), linesAt(1, 2, 6));
		assert.deepEqual(messagesOf(await filter({filterPattern: '"INTERNAL SERVER"'})), linesAt(1));
		assert.deepEqual(messagesOf(await filter({filterPattern: '?START ?END'})), linesAt(0, 7));
		assert.deepEqual(messagesOf(await filter({filterPattern: 'ERROR -ARGUMENTS -latency'})), linesAt(1));
		assert.deepEqual(messagesOf(await filter({filterPattern: '%^\\[[A-Z]+%'})), linesAt(1, 4, 6));
	});

	it('filters JSON events and space-delimited events', async () => {
		assert.deepEqual(messagesOf(await filter({filterPattern: '{ $.latency > 100 }'})), linesAt(2));
		assert.deepEqual(messagesOf(await filter({filterPattern: '{ $.level = "INFO" || $.user.id = 7 }'})), linesAt(2, 5));
		assert.deepEqual(messagesOf(await filter({filterPattern: '{ $.user NOT EXISTS }'})), linesAt(5));
		assert.deepEqual(messagesOf(await filter({filterPattern: '[ip, user, username, timestamp, request, status_code = 4*, bytes > 1000]'})), linesAt(3));
		assert.deepEqual(messagesOf(await filter({filterPattern: '[level = "[ERROR", code, ...]'})), []);
		assert.deepEqual(messagesOf(await filter({filterPattern: '[w1 = START, w2]'})), linesAt(0));
	});

	it('keeps to streams by name or prefix and to the time range, endTime included', async () => {
		assert.deepEqual(messagesOf(await filter({logStreamNames: ['stream-c', 'stream-none']})), linesAt(5));
		assert.deepEqual(messagesOf(await filter({logStreamNamePrefix: 'stream-b', filterPattern: 'ERROR'})), linesAt(1, 6));
		assert.deepEqual(messagesOf(await filter({startTime: start + 2000, endTime: start + 4000})), linesAt(2, 3, 4));
		await rejectsWith(
			filter({logStreamNames: ['stream-a'], logStreamNamePrefix: 'stream'}),
			'InvalidParameterException',
			'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
		);
	});

	it('pages with nextToken, oldest first or newest first', async () => {
		const pages: string[][] = [];
		for await (const page of paginateFilterLogEvents({client: fixture.cwl}, {logGroupName: group, limit: 3})) {
			pages.push(messagesOf(page.events ?? []));
		}
		assert.deepEqual(pages, [linesAt(0, 1, 2), linesAt(3, 4, 5), linesAt(6, 7)]);
		const newest: string[] = [];
		for await (const page of paginateFilterLogEvents({client: fixture.cwl}, {logGroupName: group, limit: 2, startFromHead: false, filterPattern: 'ERROR'})) {
			newest.push(...messagesOf(page.events ?? []));
		}
		assert.deepEqual(newest, linesAt(6, 2, 1));
	});

	it('refuses a pattern AWS refuses', async () => {
		await rejectsWith(filter({filterPattern: 'Status: timeout'}), 'InvalidParameterException', "Invalid character(s) in term ':'", 400);
		await rejectsWith(filter({filterPattern: '{ $.a = }'}), 'InvalidParameterException', 'Invalid filter pattern', 400);
	});
});

describe('CloudWatch Logs: Live Tail', () => {
	const fixture = new Fixture();
	const group = '/aws/lambda/tail';
	let abort: AbortController;
	before(async () => {
		await fixture.open();
		fixture.logs.append(group, '2026/01/01/[$LATEST]aaaa', [{timestamp: start, message: 'before the session'}]);
		fixture.logs.append('/aws/lambda/other', 'x', [{timestamp: start, message: 'elsewhere ERROR'}]);
	});
	beforeEach(() => {
		abort = new AbortController();
	});
	afterEach(() => abort.abort());
	after(() => fixture.close());

	async function startTail(input: ConstructorParameters<typeof StartLiveTailCommand>[0]): Promise<AsyncIterator<StartLiveTailResponseStream>> {
		const response = await fixture.cwl.send(new StartLiveTailCommand(input), {abortSignal: abort.signal});
		assert.ok(response.responseStream !== undefined, 'a response stream');
		return response.responseStream[Symbol.asyncIterator]();
	}

	async function next(iterator: AsyncIterator<StartLiveTailResponseStream>): Promise<StartLiveTailResponseStream> {
		const result = await iterator.next();
		assert.equal(result.done, false, 'the stream goes on');
		return result.value as StartLiveTailResponseStream;
	}

	it('starts a session, then sends every second the events that matched', async () => {
		const identifier = `${arnPrefix}${group}`;
		const tail = await startTail({logGroupIdentifiers: [identifier], logEventFilterPattern: 'ERROR -ignored'});
		const first = await next(tail);
		assert.deepEqual(first.sessionStart?.logGroupIdentifiers, [identifier]);
		assert.equal(first.sessionStart?.logEventFilterPattern, 'ERROR -ignored');
		assert.match(first.sessionStart?.sessionId ?? '', /^[0-9a-f-]{36}$/);

		await fixture.clock.advance(500);
		fixture.logs.append(group, '2026/01/01/[$LATEST]bbbb', [
			{timestamp: start + 400, message: 'an ERROR happened'},
			{timestamp: start + 401, message: 'all good'},
			{timestamp: start + 402, message: 'ERROR but ignored'},
		]);
		fixture.logs.append('/aws/lambda/other', 'x', [{timestamp: start + 403, message: 'another ERROR elsewhere'}]);
		await fixture.clock.advance(500);
		const update = await next(tail);
		assert.deepEqual(update.sessionUpdate, {
			sessionMetadata: {sampled: false},
			sessionResults: [
				{
					logStreamName: '2026/01/01/[$LATEST]bbbb',
					logGroupIdentifier: identifier,
					message: 'an ERROR happened',
					timestamp: start + 400,
					ingestionTime: start + 500,
				},
			],
		});
		await fixture.clock.advance(1000);
		assert.deepEqual((await next(tail)).sessionUpdate, {sessionMetadata: {sampled: false}, sessionResults: []});
	});

	it('keeps to the streams asked for, and samples 500 events when more match', async () => {
		const tail = await startTail({logGroupIdentifiers: [group], logStreamNamePrefixes: ['2026/01/01/[$LATEST]b']});
		assert.deepEqual((await next(tail)).sessionStart?.logStreamNamePrefixes, ['2026/01/01/[$LATEST]b']);
		fixture.logs.append(group, '2026/01/01/[$LATEST]aaaa', [{timestamp: start, message: 'not this stream'}]);
		fixture.logs.append(
			group,
			'2026/01/01/[$LATEST]bbbb',
			Array.from({length: 1200}, (_, index) => ({timestamp: start + index, message: `line ${index}`})),
		);
		await fixture.clock.advance(1000);
		const update = (await next(tail)).sessionUpdate;
		assert.equal(update?.sessionMetadata?.sampled, true);
		assert.equal(update?.sessionResults?.length, 500);
		assert.equal(update?.sessionResults?.[0]?.message, 'line 0');
		assert.ok(update?.sessionResults?.every((event) => event.logStreamName === '2026/01/01/[$LATEST]bbbb'));
	});

	it('ends a session after three hours with SessionTimeoutException', async () => {
		const tail = await startTail({logGroupIdentifiers: [group]});
		assert.ok((await next(tail)).sessionStart !== undefined);
		const reading = (async (): Promise<unknown> => {
			try {
				for (;;) {
					const result = await tail.next();
					if (result.done === true) return 'ended without an exception';
				}
			} catch (error) {
				return error;
			}
		})();
		await fixture.clock.advance(3 * 60 * 60 * 1000);
		const error = await reading;
		assert.ok(error instanceof Error);
		assert.equal(error.name, 'SessionTimeoutException');
	});

	it('stops the session when the client goes away', async () => {
		const tail = await startTail({logGroupIdentifiers: [group]});
		await next(tail);
		assert.ok(fixture.clock.waiting > 0, 'the session waits for its next update');
		abort.abort();
		for (let turn = 0; turn < 1000 && fixture.clock.waiting > 0; turn += 1) await new Promise((resolve) => setTimeout(resolve, 5));
		assert.equal(fixture.clock.waiting, 0);
	});

	it("answers AWS's errors before the stream starts", async () => {
		await rejectsNotFound(startTail({logGroupIdentifiers: [`${arnPrefix}/aws/lambda/missing`]}), 'log group', 400);
		await rejectsWith(
			startTail({logGroupIdentifiers: [group], logStreamNames: ['a'], logStreamNamePrefixes: ['b']}),
			'InvalidParameterException',
			'logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.',
		);
		await rejectsWith(
			startTail({logGroupIdentifiers: [`${arnPrefix}${group}:*`]}),
			'InvalidParameterException',
			/^1 validation error detected: Value '.*:\*' at 'logGroupIdentifiers\.1\.member' failed to satisfy constraint: Member must satisfy regular expression pattern/,
		);
	});

	it('needs disableHostPrefix against a custom endpoint: the SDK sends StartLiveTail to "stream-" + host', async () => {
		let hostname = '';
		const recording = new CloudWatchLogsClient({
			endpoint: fixture.served.endpoint,
			region,
			credentials,
			maxAttempts: 1,
			requestHandler: {
				handle: async (request: {hostname: string}) => {
					hostname = request.hostname;
					throw new Error('not sent');
				},
			},
		});
		await assert.rejects(recording.send(new StartLiveTailCommand({logGroupIdentifiers: [group]})), /not sent/);
		assert.equal(hostname, 'stream-127.0.0.1');
		recording.destroy();
	});
});

describe('CloudWatch Logs: writing through the API', () => {
	const fixture = new Fixture();
	before(() => fixture.open());
	after(() => fixture.close());

	it('creates groups and streams, takes events in order, and deletes them', async () => {
		const cwl = fixture.cwl;
		await cwl.send(new CreateLogGroupCommand({logGroupName: 'tools/app'}));
		await rejectsWith(cwl.send(new CreateLogGroupCommand({logGroupName: 'tools/app'})), 'ResourceAlreadyExistsException', 'The specified log group already exists', 400);
		await rejectsNotFound(cwl.send(new CreateLogStreamCommand({logGroupName: 'tools/missing', logStreamName: 's'})), 'log group');
		await cwl.send(new CreateLogStreamCommand({logGroupName: 'tools/app', logStreamName: 'main'}));
		await rejectsWith(
			cwl.send(new CreateLogStreamCommand({logGroupName: 'tools/app', logStreamName: 'main'})),
			'ResourceAlreadyExistsException',
			'The specified log stream already exists',
		);
		const empty = await cwl.send(new DescribeLogStreamsCommand({logGroupName: 'tools/app'}));
		assert.deepEqual(empty.logStreams?.[0], {
			logStreamName: 'main',
			creationTime: start,
			arn: `${arnPrefix}tools/app:log-stream:main`,
			storedBytes: 0,
		});

		const putToMain = (logEvents: InputLogEvent[]) => cwl.send(new PutLogEventsCommand({logGroupName: 'tools/app', logStreamName: 'main', logEvents}));
		const put = await putToMain([
			{timestamp: start - 1000, message: 'one'},
			{timestamp: start, message: 'two'},
			{timestamp: start + 3 * 3_600_000, message: 'future'},
		]);
		assert.match(put.nextSequenceToken ?? '', /^\d{56}$/);
		assert.deepEqual(put.rejectedLogEventsInfo, {tooNewLogEventStartIndex: 2});
		const old = await putToMain([{timestamp: start - 15 * 86_400_000, message: 'ancient'}]);
		assert.deepEqual(old.rejectedLogEventsInfo, {tooOldLogEventEndIndex: 0});
		await rejectsWith(
			putToMain([
				{timestamp: start - 2 * 86_400_000, message: 'a'},
				{timestamp: start, message: 'b'},
			]),
			'InvalidParameterException',
			'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
		);
		const page = await cwl.send(new GetLogEventsCommand({logGroupName: 'tools/app', logStreamName: 'main'}));
		assert.deepEqual(
			page.events?.map((event) => event.message),
			['one', 'two'],
		);
		await rejectsWith(
			putToMain([
				{timestamp: start, message: 'b'},
				{timestamp: start - 1, message: 'a'},
			]),
			'InvalidParameterException',
			'Log events in a single PutLogEvents request must be in chronological order.',
		);
		await rejectsNotFound(cwl.send(new PutLogEventsCommand({logGroupName: 'tools/app', logStreamName: 'nope', logEvents: [{timestamp: start, message: 'x'}]})), 'log stream');

		await cwl.send(new DeleteLogStreamCommand({logGroupName: 'tools/app', logStreamName: 'main'}));
		await rejectsNotFound(cwl.send(new GetLogEventsCommand({logGroupName: 'tools/app', logStreamName: 'main'})), 'log stream');
		await cwl.send(new DeleteLogGroupCommand({logGroupName: 'tools/app'}));
		await rejectsNotFound(cwl.send(new DeleteLogGroupCommand({logGroupName: 'tools/app'})), 'log group');
	});

	it('sets a retention policy, which drops events older than it', async () => {
		const cwl = fixture.cwl;
		fixture.logs.append('tools/kept', 's', [
			{timestamp: start - 2 * 86_400_000, message: 'two days old'},
			{timestamp: start, message: 'fresh'},
		]);
		await rejectsWith(
			cwl.send(new PutRetentionPolicyCommand({logGroupName: 'tools/kept', retentionInDays: 2})),
			'InvalidParameterException',
			"1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
		);
		await cwl.send(new PutRetentionPolicyCommand({logGroupName: 'tools/kept', retentionInDays: 1}));
		const {logGroups} = await cwl.send(new DescribeLogGroupsCommand({logGroupNamePrefix: 'tools/kept'}));
		assert.equal(logGroups?.[0]?.retentionInDays, 1);
		const page = await cwl.send(new GetLogEventsCommand({logGroupName: 'tools/kept', logStreamName: 's'}));
		assert.deepEqual(
			page.events?.map((event) => event.message),
			['fresh'],
		);
	});
});

describe('CloudWatch Logs: across a restart', () => {
	const fixture = new Fixture();
	before(() => fixture.open());
	after(() => fixture.close());

	it('keeps groups, streams, events, retention and paging after a reopen', async () => {
		const stream = '2026/01/01/[$LATEST]ffff';
		const multiline = 'Error: boom\n    at handler (/var/task/index.mjs:3:9)';
		fixture.logs.append('/aws/lambda/durable', stream, [
			{timestamp: start, message: 'START RequestId: 1'},
			{timestamp: start + 1, message: multiline},
		]);
		await fixture.cwl.send(new CreateLogGroupCommand({logGroupName: 'made/by/api'}));
		await fixture.cwl.send(new PutRetentionPolicyCommand({logGroupName: 'made/by/api', retentionInDays: 30}));
		await fixture.cwl.send(new CreateLogStreamCommand({logGroupName: 'made/by/api', logStreamName: 'empty'}));
		fixture.logs.append('doomed', 's', [{timestamp: start, message: 'gone'}]);
		await fixture.cwl.send(new DeleteLogGroupCommand({logGroupName: 'doomed'}));
		const before = await fixture.cwl.send(new GetLogEventsCommand({logGroupName: '/aws/lambda/durable', logStreamName: stream, startFromHead: true}));
		await fixture.stop();

		fixture.clock = new ManualClock(start + 60_000);
		await fixture.open(fixture.dataDir);
		const {logGroups} = await fixture.cwl.send(new DescribeLogGroupsCommand({}));
		assert.deepEqual(
			logGroups?.map((group) => [group.logGroupName, group.retentionInDays, group.creationTime]),
			[
				['/aws/lambda/durable', undefined, start],
				['made/by/api', 30, start],
			],
		);
		const {logStreams} = await fixture.cwl.send(new DescribeLogStreamsCommand({logGroupName: 'made/by/api'}));
		assert.deepEqual(logStreams?.map((entry) => entry.logStreamName), ['empty']);
		const after = await fixture.cwl.send(new GetLogEventsCommand({logGroupName: '/aws/lambda/durable', logStreamName: stream, startFromHead: true}));
		assert.deepEqual(after, {...before, $metadata: after.$metadata});

		// New events get later sequence numbers than the old ones: same timestamp, later place.
		fixture.logs.append('/aws/lambda/durable', stream, [{timestamp: start + 1, message: 'after restart'}]);
		const more = await fixture.cwl.send(
			new GetLogEventsCommand({logGroupName: '/aws/lambda/durable', logStreamName: stream, nextToken: before.nextForwardToken}),
		);
		assert.deepEqual(more.events, [{timestamp: start + 1, message: 'after restart', ingestionTime: start + 60_000}]);
	});
});

describe('CloudWatch Logs on the local Lambda server', () => {
	it('is routed by X-Amz-Target, answers errors in the awsJson form, and streams Live Tail', async () => {
		const harness = await startHarness();
		const cwl = client(harness.server.endpoint);
		try {
			const {logGroups} = await cwl.send(new DescribeLogGroupsCommand({}));
			assert.deepEqual(logGroups, []);
			await rejectsNotFound(cwl.send(new GetLogEventsCommand({logGroupName: '/aws/lambda/none', logStreamName: 's'})), 'log group', 400);
			const post = async (target: string, body: string): Promise<{status: number; json: unknown}> => {
				const response = await fetch(harness.server.endpoint, {
					method: 'POST',
					headers: {'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target},
					body,
				});
				return {status: response.status, json: await response.json()};
			};
			const unknown = await post('Logs_20140328.DescribeEverything', '{}');
			assert.equal(unknown.status, 400);
			assert.equal((unknown.json as {__type?: string}).__type, 'UnknownOperationException');
			const malformed = await post('Logs_20140328.DescribeLogGroups', '{"limit": ');
			assert.equal(malformed.status, 400);
			assert.equal((malformed.json as {__type?: string}).__type, 'SerializationException');
			const wrongType = await post('Logs_20140328.DescribeLogGroups', '{"limit": "ten"}');
			assert.deepEqual(wrongType.json, {__type: 'SerializationException', message: 'STRING_VALUE can not be converted to Long'});

			await cwl.send(new CreateLogGroupCommand({logGroupName: 'live'}));
			const abort = new AbortController();
			const tail = await cwl.send(new StartLiveTailCommand({logGroupIdentifiers: ['live']}), {abortSignal: abort.signal});
			const iterator = tail.responseStream?.[Symbol.asyncIterator]();
			const first = await iterator?.next();
			assert.deepEqual(first?.value?.sessionStart?.logGroupIdentifiers, ['live']);
			abort.abort();
		} finally {
			cwl.destroy();
			await harness.close();
		}
	});
});
