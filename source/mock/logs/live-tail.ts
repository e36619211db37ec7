// StartLiveTail: a response that stays open as an AWS event stream. First an
// initial-response event (the JSON protocols' convention, which the AWS CLI
// requires), then sessionStart, then every second a sessionUpdate with the
// events that matched since the last one (an empty list when none did; at
// most 500, sampled evenly and flagged `sampled` when more matched; a
// benchmark may raise that number). The
// session ends after three hours with a SessionTimeoutException, when the
// client disconnects, or when the server closes. Timing runs on the Clock.
// A client that reads slower than events arrive gets at most the newest ten
// updates' worth of events; older ones are dropped, as CloudWatch does.

import {randomUUID} from 'node:crypto';
import type {ServerResponse} from 'node:http';
import {matchesFilterPattern, type FilterPattern} from '../../domain/filter-pattern.js';
import type {Clock, Timer} from '../clock.js';
import {encodeEvent, encodeException} from './event-stream.js';
import type {LogStream, StoredEvent} from './log-model.js';
import type {LogStore} from './log-store.js';

export const liveTailUpdateMs = 1000;
export const liveTailSessionMs = 3 * 60 * 60 * 1000;
/** CloudWatch sends at most 500 events a second in a session, sampled when more match. */
export const liveTailEventsPerUpdate = 500;
/** A slow reader's events wait here, up to ten updates' worth; older ones are dropped. */
const bufferedUpdates = 10;

export interface LiveTailRequest {
	/** Group name -> the identifier the client gave for it. */
	groups: ReadonlyMap<string, string>;
	logGroupIdentifiers: readonly string[];
	logStreamNames: readonly string[] | undefined;
	logStreamNamePrefixes: readonly string[] | undefined;
	patternText: string | undefined;
	pattern: FilterPattern;
}

interface LiveTailEvent {
	logStreamName: string;
	logGroupIdentifier: string;
	message: string;
	timestamp: number;
	ingestionTime: number;
}

/** Picks `count` items spread evenly over the list. */
function sample<T>(items: readonly T[], count: number): T[] {
	if (items.length <= count) return [...items];
	return Array.from({length: count}, (_, index) => items[Math.floor((index * items.length) / count)] as T);
}

class LiveTailSession {
	private buffer: LiveTailEvent[] = [];
	private timer: Timer | undefined;
	private ended = false;
	private readonly startedAt: number;

	constructor(
		private readonly request: LiveTailRequest,
		private readonly response: ServerResponse,
		private readonly clock: Clock,
		private readonly onEnd: (session: LiveTailSession) => void,
		private readonly eventsPerUpdate: number,
	) {
		this.startedAt = clock.now();
	}

	start(requestId: string): void {
		this.response.writeHead(200, {'Content-Type': 'application/vnd.amazon.eventstream', 'x-amzn-RequestId': requestId});
		this.response.on('close', () => this.end());
		this.response.write(encodeEvent('initial-response', {}));
		this.response.write(
			encodeEvent('sessionStart', {
				requestId,
				sessionId: randomUUID(),
				logGroupIdentifiers: this.request.logGroupIdentifiers,
				...(this.request.logStreamNames === undefined ? {} : {logStreamNames: this.request.logStreamNames}),
				...(this.request.logStreamNamePrefixes === undefined ? {} : {logStreamNamePrefixes: this.request.logStreamNamePrefixes}),
				...(this.request.patternText === undefined ? {} : {logEventFilterPattern: this.request.patternText}),
			}),
		);
		this.timer = this.clock.setTimer(() => this.tick(), liveTailUpdateMs);
		// The client may have gone before the session started: then 'close' has already been emitted.
		if (this.response.destroyed) this.end();
	}

	offer(stream: LogStream, events: readonly StoredEvent[]): void {
		if (this.ended) return;
		const identifier = this.request.groups.get(stream.group.name);
		if (identifier === undefined) return;
		const {logStreamNames, logStreamNamePrefixes} = this.request;
		if (logStreamNames !== undefined && !logStreamNames.includes(stream.name)) return;
		if (logStreamNamePrefixes !== undefined && !logStreamNamePrefixes.some((prefix) => stream.name.startsWith(prefix))) return;
		for (const event of events) {
			if (!matchesFilterPattern(this.request.pattern, event.message)) continue;
			this.buffer.push({
				logStreamName: stream.name,
				logGroupIdentifier: identifier,
				message: event.message,
				timestamp: event.timestamp,
				ingestionTime: event.ingestionTime,
			});
		}
		const bufferedMax = this.eventsPerUpdate * bufferedUpdates;
		if (this.buffer.length > bufferedMax) this.buffer.splice(0, this.buffer.length - bufferedMax);
	}

	private tick(): void {
		if (this.ended) return;
		if (this.clock.now() - this.startedAt >= liveTailSessionMs) {
			this.response.end(encodeException('SessionTimeoutException', 'The Live Tail session has timed out after three hours.'));
			this.end();
			return;
		}
		// A client that is not reading gets no more updates until it drains; its events wait in the buffer.
		if (!this.response.writableNeedDrain) {
			const events = this.buffer;
			this.buffer = [];
			this.response.write(
				encodeEvent('sessionUpdate', {
					sessionMetadata: {sampled: events.length > this.eventsPerUpdate},
					sessionResults: sample(events, this.eventsPerUpdate),
				}),
			);
		}
		this.timer = this.clock.setTimer(() => this.tick(), liveTailUpdateMs);
	}

	end(): void {
		if (this.ended) return;
		this.ended = true;
		this.timer?.cancel();
		this.buffer = [];
		if (!this.response.writableEnded) this.response.end();
		this.onEnd(this);
	}
}

/** The open Live Tail sessions, fed by every append to the store. */
export class LiveTail {
	private readonly sessions = new Set<LiveTailSession>();
	private readonly unsubscribe: () => void;

	constructor(
		store: LogStore,
		private readonly clock: Clock,
		/** Events a session gets each second at most; CloudWatch's 500 unless a benchmark wants more. */
		private readonly eventsPerUpdate: number = liveTailEventsPerUpdate,
	) {
		this.unsubscribe = store.onAppend((stream, events) => {
			for (const session of this.sessions) session.offer(stream, events);
		});
	}

	start(request: LiveTailRequest, response: ServerResponse, requestId: string): void {
		const session = new LiveTailSession(request, response, this.clock, (ended) => this.sessions.delete(ended), this.eventsPerUpdate);
		this.sessions.add(session);
		session.start(requestId);
	}

	get size(): number {
		return this.sessions.size;
	}

	close(): void {
		for (const session of [...this.sessions]) session.end();
		this.unsubscribe();
	}
}
