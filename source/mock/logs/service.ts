// The CloudWatch Logs API of the local Lambda (awsJson1_1, X-Amz-Target:
// Logs_20140328.<Operation>), served on the local Lambda's HTTP server, and
// the LogSink its execution environments write function logs into.
// Operations: DescribeLogGroups, DescribeLogStreams, GetLogEvents,
// FilterLogEvents, StartLiveTail, PutLogEvents, Create/DeleteLogGroup,
// Create/DeleteLogStream, Put/DeleteRetentionPolicy. Logs live in memory and
// under <dataDir>/logs (see log-store.ts for what is kept and log-files.ts for
// the files).
//
// StartLiveTail: the service model gives this operation the host prefix
// "stream-", so against a custom endpoint the JavaScript SDK needs
// `disableHostPrefix: true` (or it connects to "stream-127.0.0.1" and fails
// with ENOTFOUND), and the AWS CLI needs AWS_DISABLE_HOST_PREFIX_INJECTION=true
// (or disable_host_prefix_injection = true in its config file).

import type {IncomingMessage, ServerResponse} from 'node:http';
import {join} from 'node:path';
import type {Clock} from '../clock.js';
import {findGroup, groupIdentifierRules, streamNameRules, type LogsContext, type Operation} from './context.js';
import {invalidParameter, LogsError} from './errors.js';
import {eventOperations, readFilterPattern} from './event-operations.js';
import {parseBody, RequestReader, type JsonObject} from './input.js';
import {LiveTail, type LiveTailRequest} from './live-tail.js';
import {groupNameOf} from './log-model.js';
import type {LogEventInput, LogSink} from './log-sink.js';
import {LogStore, logLimits, type LogLimits} from './log-store.js';
import {resourceOperations} from './resource-operations.js';

export interface LogsServiceOptions {
	dataDir: string;
	region: string;
	accountId: string;
	clock: Clock;
	/** What the store keeps at most; default logLimits. */
	limits?: Partial<LogLimits>;
	/** Live tail events per second and session; default CloudWatch's 500. */
	liveTailEventsPerUpdate?: number;
}

const targetPrefix = 'Logs_20140328.';
const operations: Record<string, Operation> = {...resourceOperations, ...eventOperations};

function send(response: ServerResponse, status: number, requestId: string, body: JsonObject): void {
	if (response.headersSent || response.destroyed) return;
	const payload = Buffer.from(JSON.stringify(body), 'utf8');
	response.writeHead(status, {
		'Content-Type': 'application/x-amz-json-1.1',
		'Content-Length': String(payload.length),
		'x-amzn-RequestId': requestId,
	});
	response.end(payload);
}

export class LogsService implements LogSink {
	private readonly context: LogsContext;
	private readonly liveTail: LiveTail;

	private constructor(
		private readonly store: LogStore,
		private readonly clock: Clock,
		region: string,
		accountId: string,
		liveTailEvents: number | undefined,
	) {
		this.context = {store, region, accountId, clock};
		this.liveTail = new LiveTail(store, clock, liveTailEvents);
	}

	static async open(options: LogsServiceOptions): Promise<LogsService> {
		const store = await LogStore.open(join(options.dataDir, 'logs'), {...logLimits, ...options.limits});
		return new LogsService(store, options.clock, options.region, options.accountId, options.liveTailEventsPerUpdate);
	}

	/** Cheap: stores in memory and queues the write to disk. */
	append(group: string, stream: string, events: readonly LogEventInput[]): void {
		this.store.append(group, stream, events, this.clock.now());
	}

	/** Resolves once every event appended so far is on disk. */
	flush(): Promise<void> {
		return this.store.flush();
	}

	/** Answers one request whose X-Amz-Target starts with "Logs_20140328.": writes the whole response. */
	async handle(target: string, body: Buffer, _request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
		const name = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : target;
		try {
			const operation = operations[name];
			if (name === 'StartLiveTail') {
				this.liveTail.start(this.readLiveTail(parseBody(body)), response, requestId);
				return;
			}
			if (operation === undefined) {
				throw new LogsError('UnknownOperationException', `The local CloudWatch Logs does not serve ${name}.`);
			}
			send(response, 200, requestId, await operation(parseBody(body), this.context));
		} catch (error) {
			if (error instanceof LogsError) {
				send(response, error.status, requestId, error.body());
				return;
			}
			process.stderr.write(`local CloudWatch Logs: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			send(response, 500, requestId, {__type: 'ServiceUnavailableException', message: 'The local CloudWatch Logs hit an internal error.'});
		}
	}

	private readLiveTail(input: JsonObject): LiveTailRequest {
		const reader = new RequestReader(input);
		const identifiers = reader.strings('logGroupIdentifiers', {required: true, min: 1, max: 10}, groupIdentifierRules) ?? [];
		const logStreamNames = reader.strings('logStreamNames', {min: 1, max: 100}, streamNameRules);
		const logStreamNamePrefixes = reader.strings('logStreamNamePrefixes', {min: 1, max: 100}, streamNameRules);
		const patternText = reader.string('logEventFilterPattern', {min: 0, max: 1024});
		reader.done();
		if (logStreamNames !== undefined && logStreamNamePrefixes !== undefined) {
			throw invalidParameter('logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.');
		}
		if ((logStreamNames !== undefined || logStreamNamePrefixes !== undefined) && identifiers.length > 1) {
			throw invalidParameter('logStreamNames and logStreamNamePrefixes can only be used with a single log group.');
		}
		const groups = new Map<string, string>();
		for (const identifier of identifiers) groups.set(findGroup(this.context, groupNameOf(identifier)).name, identifier);
		return {groups, logGroupIdentifiers: identifiers, logStreamNames, logStreamNamePrefixes, patternText, pattern: readFilterPattern(patternText)};
	}

	/** Ends the Live Tail sessions and writes what is still pending. */
	async close(): Promise<void> {
		this.liveTail.close();
		await this.store.flush();
	}
}
