// The data of the local CloudWatch Logs, in memory: log groups, their streams,
// and each stream's events kept in timestamp order (then arrival order), with
// the bookkeeping the files on disk need (see log-files.ts).

import {compareKeys, type EventKey} from './tokens.js';

export interface StoredEvent extends EventKey {
	/** Epoch milliseconds: when the event happened. */
	timestamp: number;
	/** Unique across the service, growing with each event ingested. */
	sequence: number;
	/** Epoch milliseconds: when the local CloudWatch Logs received it. */
	ingestionTime: number;
	message: string;
	/** UTF-8 length of the message. */
	bytes: number;
}

/** Written to a stream's file when its oldest events are dropped: every event up to `drop` is gone. */
export interface DropMark {
	drop: EventKey;
}

export type PendingLine = StoredEvent | DropMark;

export type LogGroupClass = 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';
export const logGroupClasses: readonly LogGroupClass[] = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'];

export class LogGroup {
	readonly streams = new Map<string, LogStream>();
	retentionInDays: number | undefined;
	/** Events and message bytes across the group's streams. */
	eventCount = 0;
	bytes = 0;
	deleted = false;

	constructor(
		readonly name: string,
		readonly creationTime: number,
		/** The group's folder under <dataDir>/logs. */
		readonly directory: string,
		readonly logGroupClass: LogGroupClass = 'STANDARD',
	) {}
}

export class LogStream {
	/** Sorted by (timestamp, sequence). */
	events: StoredEvent[] = [];
	lastIngestionTime: number | undefined;
	/** Sequence number of the last event ingested (0: none yet). */
	lastSequence = 0;
	deleted = false;
	/** Events and drop marks not written to the stream's file yet, in arrival order. */
	pending: PendingLine[] = [];
	/** The file has no header line yet. */
	headerPending = true;
	/** Lines in the file (to know when to compact it). */
	fileLines = 0;
	/** The file must be written whole (compaction, or a torn last line). */
	rewrite = false;

	constructor(
		readonly group: LogGroup,
		readonly name: string,
		readonly creationTime: number,
		/** The stream's file in the group's folder. */
		readonly fileName: string,
	) {}

	get firstEvent(): StoredEvent | undefined {
		return this.events[0];
	}

	get lastEvent(): StoredEvent | undefined {
		return this.events[this.events.length - 1];
	}

	/** Inserts in key order; events usually arrive in order, so this is mostly a push. */
	insert(event: StoredEvent): void {
		const last = this.events[this.events.length - 1];
		if (last === undefined || compareKeys(last, event) <= 0) {
			this.events.push(event);
			return;
		}
		this.events.splice(firstAfter(this.events, event), 0, event);
	}
}

/** Index of the first event whose key is after `key`. */
export function firstAfter(events: readonly StoredEvent[], key: EventKey): number {
	let low = 0;
	let high = events.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (compareKeys(events[middle] as StoredEvent, key) <= 0) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Index of the first event at or after `timestamp`. */
export function firstAtTime(events: readonly StoredEvent[], timestamp: number): number {
	let low = 0;
	let high = events.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((events[middle] as StoredEvent).timestamp < timestamp) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Log group ARNs, with and without the trailing ":*". */
export function groupArn(region: string, accountId: string, name: string): string {
	return `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
}

export function streamArn(region: string, accountId: string, group: string, stream: string): string {
	return `arn:aws:logs:${region}:${accountId}:log-group:${group}:log-stream:${stream}`;
}

/** The group a logGroupIdentifier names: a name, or an ARN with or without ":*". */
export function groupNameOf(identifier: string): string {
	const match = /^arn:[^:]*:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier);
	return match?.[1] ?? identifier;
}
