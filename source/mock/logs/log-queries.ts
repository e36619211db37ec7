// Reading events back: GetLogEvents (one stream, paged by f/ and b/ tokens)
// and FilterLogEvents (a group's streams merged in event order, through a
// filter pattern). Both answer at most 10,000 events and 1 MB a page, where
// an event counts its message bytes plus 26, as CloudWatch counts them.

import {matchesFilterPattern, type FilterPattern} from '../../domain/filter-pattern.js';
import {MinHeap} from './heap.js';
import {firstAfter, firstAtTime, type LogStream, type StoredEvent} from './log-model.js';
import {compareKeys, streamToken, type Direction, type EventKey} from './tokens.js';

export const pageEventsMax = 10_000;
export const pageBytesMax = 1_048_576;
const eventOverhead = 26;

/** Counts a page against its limits; false once the next event does not fit. */
class PageBudget {
	private count = 0;
	private bytes = 0;

	constructor(private readonly limit: number) {}

	take(event: StoredEvent): boolean {
		const cost = event.bytes + eventOverhead;
		if (this.count >= this.limit || (this.count > 0 && this.bytes + cost > pageBytesMax)) return false;
		this.count += 1;
		this.bytes += cost;
		return true;
	}
}

export interface GetEventsRequest {
	/** Inclusive. */
	startTime: number | undefined;
	/** Exclusive. */
	endTime: number | undefined;
	limit: number | undefined;
	startFromHead: boolean;
	token: {text: string; direction: Direction; gap: EventKey} | undefined;
}

export interface GetEventsResult {
	events: StoredEvent[];
	nextForwardToken: string;
	nextBackwardToken: string;
}

/**
 * One page of a stream. Without a token the page is the oldest events
 * (startFromHead) or the newest; a token continues from where its page ended,
 * in its own direction. The forward token is the gap after the page's last
 * event, the backward token the gap before its first; an empty page hands back
 * the token it was given.
 */
export function getLogEvents(stream: LogStream, request: GetEventsRequest): GetEventsResult {
	const events = stream.events;
	const start = request.startTime ?? 0;
	const end = request.endTime;
	const budget = new PageBudget(request.limit ?? pageEventsMax);
	const direction: Direction = request.token?.direction ?? (request.startFromHead ? 'f' : 'b');
	const page: StoredEvent[] = [];
	if (direction === 'f') {
		let index = Math.max(request.token === undefined ? 0 : firstAfter(events, request.token.gap), firstAtTime(events, start));
		for (; index < events.length; index += 1) {
			const event = events[index] as StoredEvent;
			if ((end !== undefined && event.timestamp >= end) || !budget.take(event)) break;
			page.push(event);
		}
	} else {
		let index = (request.token === undefined ? events.length : firstAfter(events, request.token.gap)) - 1;
		if (end !== undefined) index = Math.min(index, firstAtTime(events, end) - 1);
		for (; index >= 0; index -= 1) {
			const event = events[index] as StoredEvent;
			if (event.timestamp < start || !budget.take(event)) break;
			page.push(event);
		}
		page.reverse();
	}
	const first = page[0];
	const last = page[page.length - 1];
	if (first === undefined || last === undefined) {
		const token = request.token;
		if (token !== undefined) {
			return {
				events: [],
				nextForwardToken: token.direction === 'f' ? token.text : streamToken('f', token.gap),
				nextBackwardToken: token.direction === 'b' ? token.text : streamToken('b', token.gap),
			};
		}
		// Nothing in the range: both tokens sit at its start, so reading forward later sees new events.
		const gap = {timestamp: start, sequence: 0};
		return {events: [], nextForwardToken: streamToken('f', gap), nextBackwardToken: streamToken('b', gap)};
	}
	return {
		events: page,
		nextForwardToken: streamToken('f', last),
		nextBackwardToken: streamToken('b', {timestamp: first.timestamp, sequence: first.sequence - 1}),
	};
}

export interface FilterRequest {
	streams: readonly LogStream[];
	/** Inclusive. */
	startTime: number | undefined;
	/** Inclusive. */
	endTime: number | undefined;
	pattern: FilterPattern;
	limit: number | undefined;
	/** Oldest first (startFromHead, the default) or newest first. */
	forward: boolean;
	/** Continue after (forward) or before (backward) this event. */
	after: EventKey | undefined;
}

export interface FilteredEvent {
	stream: LogStream;
	event: StoredEvent;
}

export interface FilterResult {
	events: FilteredEvent[];
	/** More matching events follow the page. */
	more: boolean;
}

interface Cursor {
	stream: LogStream;
	index: number;
}

/** Matching events of several streams, interleaved in event order, one page at a time. */
export function filterLogEvents(request: FilterRequest): FilterResult {
	const start = request.startTime ?? 0;
	const end = request.endTime ?? Number.MAX_SAFE_INTEGER;
	const current = (cursor: Cursor): StoredEvent => cursor.stream.events[cursor.index] as StoredEvent;
	const heap = new MinHeap<Cursor>((left, right) =>
		request.forward ? compareKeys(current(left), current(right)) < 0 : compareKeys(current(left), current(right)) > 0,
	);
	for (const stream of request.streams) {
		const events = stream.events;
		let index: number;
		if (request.forward) {
			index = firstAtTime(events, start);
			if (request.after !== undefined) index = Math.max(index, firstAfter(events, request.after));
			if (index < events.length) heap.push({stream, index});
		} else {
			index = firstAtTime(events, end + 1) - 1;
			if (request.after !== undefined) {
				index = Math.min(index, firstAfter(events, {timestamp: request.after.timestamp, sequence: request.after.sequence - 1}) - 1);
			}
			if (index >= 0) heap.push({stream, index});
		}
	}
	const budget = new PageBudget(request.limit ?? pageEventsMax);
	const found: FilteredEvent[] = [];
	for (;;) {
		const cursor = heap.pop();
		if (cursor === undefined) return {events: found, more: false};
		const event = current(cursor);
		if (request.forward ? event.timestamp > end : event.timestamp < start) return {events: found, more: false};
		if (matchesFilterPattern(request.pattern, event.message)) {
			if (!budget.take(event)) return {events: found, more: true};
			found.push({stream: cursor.stream, event});
		}
		const next = request.forward ? cursor.index + 1 : cursor.index - 1;
		if (next >= 0 && next < cursor.stream.events.length) heap.push({stream: cursor.stream, index: next});
	}
}
