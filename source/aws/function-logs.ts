// A function's logs in CloudWatch Logs, for the Monitor tab and `lambdash
// logs`: its log group (LoggingConfig.LogGroup, or /aws/lambda/NAME), its
// streams, FilterLogEvents paged with CloudWatch's rules (a page holds at most
// 10,000 events or 1 MB, may be partly full or empty while more follow; only
// a missing nextToken ends it), one request's lines, the REPORT lines of the
// recent invocations, and StartLiveTail kept open: a Live Tail session sends
// an update every second and ends after three hours (SessionTimeoutException)
// or when the connection drops; this reconnects with backoff and says so.
// The SDK module is loaded the first time one of these runs (the shared
// client comes from Clients.logs(); Live Tail makes its own, whose response
// stays open).
//
// Names and messages in the LogLines are as CloudWatch holds them (stream
// names go back into requests): clean them before drawing (domain/log-lines).

import type {CloudWatchLogsClient, FilteredLogEvent, LiveTailSessionLogEvent} from '@aws-sdk/client-cloudwatch-logs';
import {requestIdOf, type LogLine} from '../domain/log-lines.js';
import {cleanText} from '../domain/sanitize.js';
import type {Session} from '../session.js';
import {clientConfig, loadSdk} from './clients.js';
import {describeAwsError, errorName} from './errors.js';

const sdk = (): Promise<typeof import('@aws-sdk/client-cloudwatch-logs')> => loadSdk(import('@aws-sdk/client-cloudwatch-logs'));

/** FilterLogEvents returns at most 10,000 events a page. */
export const filterPageMax = 10_000;
/** What filterEvents reads at most unless told otherwise. */
export const filterLinesDefault = 10_000;
/** DescribeLogStreams returns at most 50 streams a page. */
const streamPageMax = 50;
/** FilterLogEvents takes at most 100 stream names. */
const streamNamesMax = 100;

/** The log group a function writes to: its LoggingConfig.LogGroup, or Lambda's default /aws/lambda/NAME. */
export function logGroupOf(detail: {name: string; logging: {logGroup: string}}): string {
	const group = detail.logging.logGroup.trim();
	return group === '' ? `/aws/lambda/${detail.name}` : group;
}

/** The AWS partition of a region: aws, aws-cn, aws-us-gov, or an isolated one. */
export function partitionOf(region: string): string {
	if (region.startsWith('cn-')) return 'aws-cn';
	if (region.startsWith('us-gov-')) return 'aws-us-gov';
	if (region.startsWith('us-isob-')) return 'aws-iso-b';
	if (region.startsWith('us-iso-')) return 'aws-iso';
	if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
	if (region.startsWith('us-isof-')) return 'aws-iso-f';
	return 'aws';
}

/** A log group's ARN as StartLiveTail takes it (no trailing ":*"). */
export function logGroupArn(region: string, accountId: string, group: string): string {
	return `arn:${partitionOf(region)}:logs:${region}:${accountId}:log-group:${group}`;
}

/** The account ID in an ARN (e.g. a function's), or undefined when it is not an ARN with one. */
export function accountIdOfArn(arn: string): string | undefined {
	const account = arn.split(':')[4];
	return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

export interface LogStreamSummary {
	name: string;
	lastEventTime: Date | undefined;
	firstEventTime: Date | undefined;
}

const dateOf = (millis: number | undefined): Date | undefined => (millis === undefined ? undefined : new Date(millis));

/**
 * The group's streams, newest first (by last event time, which CloudWatch
 * updates within an hour of the event): the first page, at most 50.
 */
export async function listStreams(client: CloudWatchLogsClient, group: string, signal?: AbortSignal): Promise<LogStreamSummary[]> {
	const {DescribeLogStreamsCommand} = await sdk();
	const page = await client.send(
		new DescribeLogStreamsCommand({logGroupName: group, orderBy: 'LastEventTime', descending: true, limit: streamPageMax}),
		{abortSignal: signal},
	);
	return (page.logStreams ?? []).map((stream) => ({
		name: stream.logStreamName ?? '',
		lastEventTime: dateOf(stream.lastEventTimestamp),
		firstEventTime: dateOf(stream.firstEventTimestamp),
	}));
}

export interface FilterInput {
	group: string;
	/** A CloudWatch filter pattern; empty or absent: every event. */
	pattern?: string;
	start: Date;
	/** Inclusive; absent: until now. */
	end?: Date;
	/** Only these streams (at most 100). */
	streams?: string[];
	/** The most lines to read (filterEvents; default 10,000). */
	limit?: number;
}

function toLine(group: string): (event: FilteredLogEvent) => LogLine {
	return (event) => ({
		timestamp: event.timestamp ?? 0,
		message: event.message ?? '',
		...(event.logStreamName === undefined ? {} : {stream: event.logStreamName}),
		group,
		...(event.eventId === undefined ? {} : {id: event.eventId}),
	});
}

type PagedInput = FilterInput & {newestFirst?: boolean; pageLimit?: number};

/** FilterLogEvents page by page, with whether CloudWatch said more may follow. */
async function* pagesOf(client: CloudWatchLogsClient, input: PagedInput, signal?: AbortSignal): AsyncGenerator<{lines: LogLine[]; more: boolean}, void, undefined> {
	const {FilterLogEventsCommand} = await sdk();
	const streams = input.streams ?? [];
	if (streams.length > streamNamesMax) throw new RangeError(`CloudWatch Logs searches at most ${streamNamesMax} streams by name at once; ${streams.length} were given`);
	const pattern = input.pattern?.trim() ?? '';
	const convert = toLine(input.group);
	const tokens = new Set<string>();
	let nextToken: string | undefined;
	do {
		const page = await client.send(
			new FilterLogEventsCommand({
				logGroupName: input.group,
				startTime: input.start.getTime(),
				...(input.end === undefined ? {} : {endTime: input.end.getTime()}),
				...(pattern === '' ? {} : {filterPattern: input.pattern}),
				...(streams.length === 0 ? {} : {logStreamNames: streams}),
				limit: Math.min(filterPageMax, Math.max(1, input.pageLimit ?? filterPageMax)),
				startFromHead: input.newestFirst !== true,
				...(nextToken === undefined ? {} : {nextToken}),
			}),
			{abortSignal: signal},
		);
		nextToken = page.nextToken;
		// A token seen before would page forever.
		if (nextToken !== undefined && tokens.has(nextToken)) nextToken = undefined;
		if (nextToken !== undefined) tokens.add(nextToken);
		yield {lines: (page.events ?? []).map(convert), more: nextToken !== undefined};
	} while (nextToken !== undefined && signal?.aborted !== true);
}

/**
 * FilterLogEvents page by page, oldest first (or newest first), until
 * CloudWatch has no more. Pages may be empty while the search goes on.
 */
export async function* filterEventPages(client: CloudWatchLogsClient, input: PagedInput, signal?: AbortSignal): AsyncGenerator<LogLine[], void, undefined> {
	for await (const page of pagesOf(client, input, signal)) yield page.lines;
}

/**
 * The newest events of the range that match (at most `limit`, default
 * 10,000), oldest first; `truncated` when CloudWatch had more (older ones).
 */
export async function filterEvents(
	client: CloudWatchLogsClient,
	input: FilterInput,
	signal?: AbortSignal,
): Promise<{lines: LogLine[]; truncated: boolean}> {
	const limit = Math.max(1, input.limit ?? filterLinesDefault);
	const newestFirst: LogLine[] = [];
	let truncated = false;
	for await (const page of pagesOf(client, {...input, newestFirst: true, pageLimit: Math.min(filterPageMax, limit)}, signal)) {
		const room = limit - newestFirst.length;
		newestFirst.push(...page.lines.slice(0, room));
		if (newestFirst.length >= limit) {
			truncated = page.lines.length > room || page.more;
			break;
		}
	}
	return {lines: newestFirst.reverse(), truncated};
}

function quoted(term: string): string {
	return `"${term.replace(/["\\]/g, '')}"`;
}

function sortedUnique(lines: readonly LogLine[]): LogLine[] {
	const seen = new Set<string>();
	const unique: LogLine[] = [];
	for (const line of lines) {
		const key = line.id ?? `${line.stream ?? ''}\u0000${line.timestamp}\u0000${line.message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		unique.push(line);
	}
	return unique.sort((a, b) => a.timestamp - b.timestamp);
}

/**
 * Every line of one request, oldest first: the lines that name it, and the
 * lines of its stream from its first to its last (output that names no
 * request, such as print() in Python, or an unhandled error's trace).
 */
export async function requestLines(
	client: CloudWatchLogsClient,
	group: string,
	requestId: string,
	around: {start: Date; end: Date},
	signal?: AbortSignal,
): Promise<LogLine[]> {
	const tagged = (await filterEvents(client, {group, pattern: quoted(requestId), start: around.start, end: around.end}, signal)).lines.filter((line) =>
		line.message.includes(requestId),
	);
	if (tagged.length === 0) return [];
	const own = tagged.find((line) => /^(?:START|REPORT) RequestId: /.test(line.message) && requestIdOf(line.message) === requestId) ?? tagged[0];
	const stream = own?.stream;
	if (stream === undefined) return sortedUnique(tagged);
	const inStream = tagged.filter((line) => line.stream === stream).map((line) => line.timestamp);
	const from = Math.min(...inStream);
	const to = Math.max(...inStream);
	const between = await filterEvents(client, {group, streams: [stream], start: new Date(from), end: new Date(to)}, signal);
	const mine = between.lines.filter((line) => {
		const id = requestIdOf(line.message);
		return id === undefined || id === requestId;
	});
	return sortedUnique([...tagged, ...mine]);
}

/**
 * The lines the recent invocations table is made of (domain/invocation-reports):
 * the REPORT lines (text, or the JSON format's platform.report records) and
 * the lines that mark an error (the Node.js runtime's "Invoke Error" and JSON
 * error records, which carry errorType; Python's "[ERROR]"; "Task timed out";
 * INIT_REPORT). The newest 10,000, oldest first.
 */
export const reportLinesPattern = '?"REPORT RequestId" ?"platform.report" ?"errorType" ?"[ERROR]" ?"Task timed out" ?"INIT_REPORT" ?"platform.initReport"';

export async function reportLines(
	client: CloudWatchLogsClient,
	group: string,
	range: {start: Date; end?: Date},
	signal?: AbortSignal,
): Promise<LogLine[]> {
	const input: FilterInput = {group, pattern: reportLinesPattern, start: range.start, ...(range.end === undefined ? {} : {end: range.end})};
	return (await filterEvents(client, input, signal)).lines;
}

// ---------------------------------------------------------------- errors

/** CloudWatch's words for a refused pattern: "Invalid filter pattern", "Invalid character(s) in term ':'", "If a filter pattern starts with '{' it must end with '}'". */
const patternMessage = /pattern|in term/i;

/**
 * A logs error in one sentence: a missing group says the function has not
 * run yet (or logs elsewhere), a refused filter pattern shows the syntax,
 * the rest as describeAwsError says them.
 */
export function describeLogsError(error: unknown, group: string, endpoint?: string, where: 'console' | 'command' = 'console'): string {
	const name = errorName(error);
	const message = error instanceof Error ? cleanText(error.message) : '';
	const shownGroup = cleanText(group);
	if (name === 'ResourceNotFoundException') {
		if (/log stream/i.test(message)) return `A log stream of ${shownGroup} does not exist (any more): refresh the list of streams.`;
		const setting = where === 'console' ? 'Configuration › Monitoring, LoggingConfig.LogGroup' : 'its LoggingConfig.LogGroup';
		return `The log group ${shownGroup} does not exist: the function has not been invoked yet (Lambda creates the group on its first invocation), or it logs to another group (${setting}), or its role may not write logs.`;
	}
	if (name === 'InvalidParameterException' && patternMessage.test(message)) {
		return `CloudWatch Logs refused the filter pattern: ${message.replace(/\.$/, '')}. Terms are case-sensitive and must all appear; quote one with spaces or punctuation. Examples: ERROR -DEBUG, ?ERROR ?WARN, "Task timed out", { $.level = "ERROR" }, [time, request, level = ERROR, ...]`;
	}
	return describeAwsError(error, endpoint, where);
}

// ---------------------------------------------------------------- Live Tail

export type LiveTailStatus = {kind: 'connected'} | {kind: 'reconnecting'; reason: string; attempt: number} | {kind: 'ended'; reason: string};

export interface LiveTailHandlers {
	onLines(lines: LogLine[]): void;
	onStatus(status: LiveTailStatus): void;
	/** More than 500 events a second matched: CloudWatch sent an even sample of them in this update. */
	onSampled?(): void;
}

export interface LiveTailInput {
	group: string;
	/** The account of the group (a function's ARN holds it: accountIdOfArn); absent: asked of STS once. */
	accountId?: string;
	pattern?: string;
}

export interface LiveTail {
	/** Ends the session; no handler is called after this. */
	stop(): void;
}

/** A Live Tail update comes every second: this long without one means the connection is dead. */
const liveTailIdleMs = 30_000;
/** Consecutive failed connections before giving up. */
export const liveTailAttemptsMax = 10;
const backoffMaxMs = 30_000;

/** The wait before reconnection attempt `attempt` (1, 2, 4 … 30 s). */
export function liveTailBackoffMs(attempt: number): number {
	return Math.min(backoffMaxMs, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** Errors that another attempt would only repeat. */
const fatalErrors = new Set([
	'ResourceNotFoundException',
	'InvalidParameterException',
	'InvalidOperationException',
	'ValidationException',
	'AccessDeniedException',
	'AccessDenied',
	'CredentialsProviderError',
	'ExpiredTokenException',
	'ExpiredToken',
	'UnrecognizedClientException',
	'InvalidClientTokenId',
	'InvalidSignatureException',
	'SignatureDoesNotMatch',
]);

function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current !== null && typeof current === 'object' && depth < 4; depth += 1) {
		const code = (current as {code?: unknown}).code;
		if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
		current = (current as {cause?: unknown}).cause;
	}
	return undefined;
}

/** Why a session dropped, in a few words. */
function dropReason(error: unknown, endpoint: string | undefined): string {
	const name = errorName(error);
	const message = error instanceof Error ? cleanText(error.message) : cleanText(String(error));
	if (name === 'SessionTimeoutException') return 'the session reached its 3-hour limit';
	if (name === 'SessionStreamingException') return `CloudWatch Logs ended the session (${message})`;
	if (name === 'LimitExceededException') return `too many Live Tail sessions are open in the account (${message})`;
	if (name === 'TimeoutError') return `no update for ${liveTailIdleMs / 1000} s`;
	const code = networkCode(error);
	if (code !== undefined) return `lost the connection to ${endpoint ?? 'CloudWatch Logs'} (${code})`;
	return name !== '' && name !== 'Error' ? `${name}: ${message}` : message || 'the connection dropped';
}

async function createLiveTailClient(session: Session): Promise<CloudWatchLogsClient> {
	const {CloudWatchLogsClient} = await sdk();
	const config = clientConfig(session);
	return new CloudWatchLogsClient({
		...config,
		// Reconnecting is this module's job, and it says so.
		maxAttempts: 1,
		// The response starts at once and then stays open: only a silent socket is a dead one.
		requestHandler: {connectionTimeout: 5000, requestTimeout: 30_000, socketTimeout: liveTailIdleMs},
		// StartLiveTail's host prefix ("stream-") would point a custom endpoint at a host that does not exist.
		...(config.endpoint === undefined ? {} : {disableHostPrefix: true}),
	});
}

/** The account behind the session's credentials (STS GetCallerIdentity). */
async function callerAccount(session: Session, signal: AbortSignal): Promise<string> {
	const {STSClient, GetCallerIdentityCommand} = await loadSdk(import('@aws-sdk/client-sts'));
	const sts = new STSClient(clientConfig(session));
	try {
		const identity = await sts.send(new GetCallerIdentityCommand({}), {abortSignal: signal});
		if (identity.Account === undefined) throw new Error('STS did not say which account the credentials belong to');
		return identity.Account;
	} finally {
		sts.destroy();
	}
}

function toLiveLine(group: string): (event: LiveTailSessionLogEvent) => LogLine {
	return (event) => ({
		timestamp: event.timestamp ?? 0,
		message: event.message ?? '',
		...(event.logStreamName === undefined ? {} : {stream: event.logStreamName}),
		group,
	});
}

/**
 * Tails the group with StartLiveTail until stopped: lines as they come (every
 * second at most), and the state of the session: connected, reconnecting
 * (after the connection dropped, the 3-hour limit or a service error, with
 * backoff; lines logged while reconnecting are not shown), or ended (an error
 * another attempt would repeat, such as a missing group or a refused pattern,
 * or too many failed attempts).
 */
export function startLiveTail(session: Session, input: LiveTailInput, handlers: LiveTailHandlers): LiveTail {
	let stopped = false;
	let abort: AbortController | undefined;
	let timer: NodeJS.Timeout | undefined;
	let wake: (() => void) | undefined;
	const endpoint = session.target.endpoint;
	let accountId = input.accountId;
	const pattern = input.pattern?.trim() ?? '';
	const convert = toLiveLine(input.group);

	const pause = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			wake = resolve;
			timer = setTimeout(resolve, ms);
		});

	const run = async (): Promise<void> => {
		const {StartLiveTailCommand} = await sdk();
		const client = await createLiveTailClient(session);
		let attempt = 0;
		try {
			while (!stopped) {
				abort = new AbortController();
				let reason: string;
				let immediate = false;
				try {
					accountId ??= await callerAccount(session, abort.signal);
					const identifier = logGroupArn(session.region, accountId, input.group);
					const response = await client.send(
						new StartLiveTailCommand({logGroupIdentifiers: [identifier], ...(pattern === '' ? {} : {logEventFilterPattern: input.pattern})}),
						{abortSignal: abort.signal},
					);
					if (response.responseStream === undefined) throw new Error('CloudWatch Logs answered without a stream');
					for await (const event of response.responseStream) {
						if (stopped) return;
						if (event.sessionStart !== undefined) {
							attempt = 0;
							handlers.onStatus({kind: 'connected'});
						} else if (event.sessionUpdate !== undefined) {
							const lines = (event.sessionUpdate.sessionResults ?? []).map(convert);
							if (event.sessionUpdate.sessionMetadata?.sampled === true) handlers.onSampled?.();
							if (lines.length > 0) handlers.onLines(lines);
						} else if (event.SessionTimeoutException !== undefined) {
							throw Object.assign(new Error(event.SessionTimeoutException.message ?? 'session timed out'), {name: 'SessionTimeoutException'});
						} else if (event.SessionStreamingException !== undefined) {
							throw Object.assign(new Error(event.SessionStreamingException.message ?? 'streaming error'), {name: 'SessionStreamingException'});
						}
					}
					reason = 'CloudWatch Logs closed the session';
				} catch (error) {
					if (stopped) return;
					if (fatalErrors.has(errorName(error))) {
						handlers.onStatus({kind: 'ended', reason: describeLogsError(error, input.group, endpoint)});
						return;
					}
					reason = dropReason(error, endpoint);
					immediate = errorName(error) === 'SessionTimeoutException';
				}
				if (stopped) return;
				attempt += 1;
				if (attempt > liveTailAttemptsMax) {
					handlers.onStatus({kind: 'ended', reason: `gave up after ${liveTailAttemptsMax} attempts to reconnect: ${reason}`});
					return;
				}
				handlers.onStatus({kind: 'reconnecting', reason, attempt});
				await pause(immediate && attempt === 1 ? 0 : liveTailBackoffMs(attempt));
			}
		} finally {
			client.destroy();
		}
	};

	run().catch((error: unknown) => {
		if (!stopped) handlers.onStatus({kind: 'ended', reason: describeLogsError(error, input.group, endpoint)});
	});

	return {
		stop() {
			if (stopped) return;
			stopped = true;
			abort?.abort();
			if (timer !== undefined) clearTimeout(timer);
			wake?.();
		},
	};
}
