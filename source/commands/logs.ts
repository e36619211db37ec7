// lambdash logs NAME: a function's log events from CloudWatch Logs as plain
// "TIME STREAM MESSAGE" lines (UTC ISO time, the stream shortened, one output
// line per line of the message, tabs kept, control sequences stripped), for
// a terminal or a pipe. --since picks the range (default the last 10
// minutes), --filter a CloudWatch filter pattern, --follow keeps tailing with
// Live Tail until Ctrl-C (exit 130), SIGTERM (143) or the reader of a pipe
// goes away (exit 0, quietly). Messages go to standard error; exit 1 for a
// missing function or log group or a refused pattern, 2 for bad flags.

import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {getAccountId} from '../aws/account.js';
import {createClients, type Clients} from '../aws/clients.js';
import {describeAwsError, errorName} from '../aws/errors.js';
import {accountIdOfArn, describeLogsError, filterEventPages, logGroupOf, startLiveTail, type LiveTail, type LiveTailStatus} from '../aws/function-logs.js';
import {getFunctionDetail} from '../aws/functions.js';
import {shortStreamName, type LogLine} from '../domain/log-lines.js';
import {cleanText} from '../domain/sanitize.js';
import {parseSince, type TimeRange} from '../domain/time-range.js';
import type {Session} from '../session.js';
import type {LogsOptions} from './args.js';

/** Live Tail and FilterLogEvents may both return an event ingested as the tail started: lines this recent are compared. */
const overlapMs = 60_000;

/** Outside text for a pipe: control sequences stripped, tabs kept (cut -f works on the runtime's fields). */
function cleanKeepingTabs(text: string): string {
	return text
		.split('\t')
		.map((part) => cleanText(part))
		.join('\t');
}

/** The output lines of one event: "TIME STREAM MESSAGE", one per line of a multi-line message. */
export function formatLogLine(line: LogLine): string[] {
	const time = Number.isFinite(line.timestamp) ? new Date(line.timestamp).toISOString() : '-';
	const stream = line.stream === undefined || line.stream === '' ? '-' : shortStreamName(line.stream).replace(/\s/g, '_');
	const texts = line.message.replace(/\r\n?/g, '\n').split('\n').map(cleanKeepingTabs);
	while (texts.length > 1 && (texts[texts.length - 1] ?? '').trim() === '') texts.pop();
	return texts.map((text) => `${time} ${stream} ${text.trimEnd()}`);
}

/** Standard output that notices when its reader has gone (EPIPE) instead of crashing. */
class Output {
	closed = false;
	private readonly waiters = new Set<() => void>();
	private readonly listeners = new Set<() => void>();

	constructor(private readonly stream: NodeJS.WriteStream) {
		stream.on('error', () => this.close());
	}

	/** Called once when the reader goes away. */
	onClose(listener: () => void): void {
		this.listeners.add(listener);
	}

	async write(lines: readonly LogLine[]): Promise<void> {
		if (this.closed || lines.length === 0) return;
		const text = `${lines.flatMap(formatLogLine).join('\n')}\n`;
		let flowing: boolean;
		try {
			flowing = this.stream.write(text);
		} catch {
			this.close();
			return;
		}
		if (flowing || this.closed) return;
		await new Promise<void>((resolve) => {
			const done = (): void => {
				this.waiters.delete(done);
				this.stream.off('drain', done);
				resolve();
			};
			this.waiters.add(done);
			this.stream.once('drain', done);
		});
	}

	private close(): void {
		if (this.closed) return;
		this.closed = true;
		for (const waiter of [...this.waiters]) waiter();
		for (const listener of this.listeners) listener();
	}
}

function warn(message: string): void {
	process.stderr.write(`lambdash: ${message}\n`);
}

function describeRange(range: TimeRange, text: string): string {
	return range.end === undefined ? `since ${range.start.toISOString()} (${text})` : `from ${range.start.toISOString()} to ${range.end.toISOString()}`;
}

/** The function's log group and account: from its configuration, or Lambda's default group when that may not be read. */
async function locate(clients: Clients, name: string, needAccount: boolean): Promise<{group: string; accountId: string | undefined} | {failed: string}> {
	try {
		const detail = await getFunctionDetail(clients, name);
		return {group: logGroupOf(detail), accountId: accountIdOfArn(detail.arn)};
	} catch (error) {
		if (errorName(error) !== 'AccessDeniedException') return {failed: `could not read ${name}: ${describeAwsError(error, clients.endpoint, 'command')}`};
		const plain = /(?:^|:)function:([^:]+)/.exec(name)?.[1] ?? name;
		const group = `/aws/lambda/${plain}`;
		warn(`not allowed to read ${name}'s configuration; reading Lambda's default log group ${group}`);
		if (!needAccount) return {group, accountId: undefined};
		try {
			return {group, accountId: await getAccountId(clients)};
		} catch (stsError) {
			return {failed: `could not find the account for the live tail: ${describeAwsError(stsError, clients.endpoint, 'command')}`};
		}
	}
}

/** Prints the range's events oldest first, page by page; returns how many, or the error's message. */
async function printHistory(
	logs: CloudWatchLogsClient,
	input: {group: string; pattern: string | undefined; range: TimeRange},
	output: Output,
	printed: (line: LogLine) => void,
	signal: AbortSignal,
): Promise<{count: number} | {error: unknown}> {
	let count = 0;
	try {
		const pages = filterEventPages(
			logs,
			{group: input.group, start: input.range.start, ...(input.range.end === undefined ? {} : {end: input.range.end}), ...(input.pattern === undefined ? {} : {pattern: input.pattern})},
			signal,
		);
		for await (const page of pages) {
			if (output.closed) break;
			await output.write(page);
			for (const line of page) printed(line);
			count += page.length;
		}
		return {count};
	} catch (error) {
		if (output.closed || signal.aborted) return {count};
		return {error};
	}
}

export async function runLogsCommand(session: Session, name: string, options: LogsOptions): Promise<number> {
	const now = new Date();
	const range = parseSince(options.since, now);
	if ('problem' in range) {
		warn(`--since: ${range.problem}`);
		return 2;
	}
	if (options.follow && range.end !== undefined) {
		warn('--follow tails from now on: give --since without an end (e.g. --since 1h)');
		return 2;
	}
	if (options.follow && session.target.kind === 'local') {
		warn(
			'--follow with --local would wait for nothing: the local Lambda in this process stops when the command ends, and nothing else can invoke it. Start it on its own (lambdash mock) and pass its address with --endpoint-url.',
		);
		return 2;
	}
	const clients = createClients(session);
	const output = new Output(process.stdout);
	const abort = new AbortController();
	output.onClose(() => abort.abort());
	let tail: LiveTail | undefined;
	try {
		const located = await locate(clients, name, options.follow);
		if ('failed' in located) {
			warn(located.failed);
			return 1;
		}
		const {group} = located;
		const logs = await clients.logs();
		const pattern = options.filter === undefined || options.filter.trim() === '' ? undefined : options.filter;

		if (!options.follow) {
			const history = await printHistory(logs, {group, pattern, range}, output, () => undefined, abort.signal);
			if ('error' in history) {
				warn(describeLogsError(history.error, group, clients.endpoint, 'command'));
				return 1;
			}
			if (history.count === 0 && !output.closed) {
				warn(`no log events in ${cleanText(group)} ${describeRange(range, options.since)}${pattern === undefined ? '' : ` matching ${cleanText(pattern)}`}`);
			}
			return 0;
		}

		// Follow: the tail starts first, so nothing logged while the history is read is missed; what both return is printed once.
		const accountId = located.accountId;
		if (accountId === undefined) {
			warn(`could not tell the account of ${name} from its ARN; the live tail needs it`);
			return 1;
		}
		const waiting: LogLine[] = [];
		let live = false;
		let ended: ((code: number) => void) | undefined;
		let connected: ((status: LiveTailStatus) => void) | undefined;
		const firstStatus = new Promise<LiveTailStatus>((resolve) => {
			connected = resolve;
		});
		const finished = new Promise<number>((resolve) => {
			ended = resolve;
		});
		const recent = new Set<string>();
		const keyOf = (line: LogLine): string => `${line.stream ?? ''}\u0000${line.timestamp}\u0000${line.message}`;
		let wasConnected = false;
		tail = startLiveTail(
			session,
			{group, accountId, ...(pattern === undefined ? {} : {pattern})},
			{
				onLines(lines) {
					if (!live) {
						waiting.push(...lines);
						return;
					}
					void output.write(lines);
				},
				onStatus(status) {
					if (connected !== undefined) {
						connected(status);
						connected = undefined;
					}
					if (status.kind === 'connected') {
						if (wasConnected) warn('live tail reconnected');
						wasConnected = true;
					} else if (status.kind === 'reconnecting') {
						warn(`live tail: ${status.reason}; reconnecting (attempt ${status.attempt})`);
					} else {
						warn(`live tail ended: ${status.reason}`);
						ended?.(1);
					}
				},
				onSampled() {
					warn('live tail: more than 500 events a second matched; CloudWatch Logs sent a sample of them');
				},
			},
		);
		const onSignal = (signal: NodeJS.Signals): void => {
			abort.abort();
			ended?.(signal === 'SIGINT' ? 130 : 143);
		};
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
		output.onClose(() => ended?.(0));
		try {
			const first = await Promise.race([firstStatus, finished.then((code): LiveTailStatus => ({kind: 'ended', reason: String(code)}))]);
			if (first.kind === 'ended') return await finished;
			const tailStart = Date.now();
			const history = await printHistory(
				logs,
				{group, pattern, range: {start: range.start, end: new Date(tailStart)}},
				output,
				(line) => {
					if (line.timestamp >= tailStart - overlapMs) recent.add(keyOf(line));
				},
				abort.signal,
			);
			if ('error' in history) {
				warn(describeLogsError(history.error, group, clients.endpoint, 'command'));
				return 1;
			}
			if (abort.signal.aborted) return await finished;
			live = true;
			await output.write(waiting.filter((line) => !recent.has(keyOf(line))));
			waiting.length = 0;
			if (!output.closed) process.stderr.write(`lambdash: following ${cleanText(group)}${pattern === undefined ? '' : ` (${cleanText(pattern)})`}; Ctrl-C stops\n`);
			return await finished;
		} finally {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		}
	} finally {
		tail?.stop();
		abort.abort();
		clients.destroy();
	}
}
