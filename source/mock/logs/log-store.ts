// The log groups, streams and events of the local CloudWatch Logs, in memory
// for speed and written through to <dataDir>/logs (log-files.ts).
//
// Nothing grows without bound (logLimits): a stream keeps its newest 10,000
// events; a group keeps 50,000 events and 32 MiB of messages across its
// streams and at most 1,000 streams (the ones written to least recently go
// first); all groups together keep 256 MiB of messages. A message longer than
// 256 KiB is cut to 256 KiB, as Lambda does. What goes first is always the
// oldest events (by timestamp); when a cap is passed, events are dropped until
// the group is 10% under it, so dropping is rare and cheap. A retention policy
// drops events older than its days.

import {LogFiles, newName, type LoadedGroup} from './log-files.js';
import {firstAtTime, LogGroup, LogStream, type LogGroupClass, type StoredEvent} from './log-model.js';
import {MinHeap} from './heap.js';
import {compareKeys} from './tokens.js';
import type {LogEventInput} from './log-sink.js';

export interface LogLimits {
	eventsPerStream: number;
	eventsPerGroup: number;
	bytesPerGroup: number;
	streamsPerGroup: number;
	totalBytes: number;
	/** append() cuts longer messages to this many UTF-8 bytes. */
	messageBytes: number;
}

export const logLimits: LogLimits = {
	eventsPerStream: 10_000,
	eventsPerGroup: 50_000,
	bytesPerGroup: 32 * 1024 * 1024,
	streamsPerGroup: 1_000,
	totalBytes: 256 * 1024 * 1024,
	messageBytes: 256 * 1024,
};

export type AppendListener = (stream: LogStream, events: readonly StoredEvent[]) => void;

const dayMs = 86_400_000;

/** Cuts a message to at most `max` UTF-8 bytes without splitting a character. */
function truncate(message: string, max: number): {message: string; bytes: number} {
	if (message.length * 3 <= max) return {message, bytes: Buffer.byteLength(message, 'utf8')};
	const bytes = Buffer.byteLength(message, 'utf8');
	if (bytes <= max) return {message, bytes};
	const cut = Buffer.from(message, 'utf8').subarray(0, max).toString('utf8').replace(/\uFFFD$/, '');
	return {message: cut, bytes: Buffer.byteLength(cut, 'utf8')};
}

export class LogStore {
	readonly groups = new Map<string, LogGroup>();
	private readonly listeners = new Set<AppendListener>();
	private nextSequence = 1;
	private totalBytes = 0;

	private constructor(
		private readonly files: LogFiles,
		readonly limits: LogLimits,
	) {}

	static async open(root: string, limits: LogLimits = logLimits): Promise<LogStore> {
		const {files, groups} = await LogFiles.open(root);
		const store = new LogStore(files, limits);
		for (const loaded of groups) store.restore(loaded);
		for (const group of store.groups.values()) {
			for (const stream of group.streams.values()) {
				if (stream.events.length > limits.eventsPerStream) {
					store.dropOldest(stream, stream.events.length - store.withSlack(limits.eventsPerStream));
				}
			}
			store.enforceGroupLimits(group);
		}
		store.enforceTotalLimit();
		return store;
	}

	private restore(loaded: LoadedGroup): void {
		const group = new LogGroup(loaded.name, loaded.creationTime, loaded.directory, loaded.logGroupClass);
		group.retentionInDays = loaded.retentionInDays;
		this.groups.set(group.name, group);
		for (const saved of loaded.streams) {
			const stream = new LogStream(group, saved.name, saved.creationTime, saved.fileName);
			stream.headerPending = false;
			stream.fileLines = saved.lines;
			stream.rewrite = saved.torn;
			stream.lastSequence = saved.maxSequence;
			this.nextSequence = Math.max(this.nextSequence, saved.maxSequence + 1);
			for (const event of saved.events) {
				const stored: StoredEvent = {...event, bytes: Buffer.byteLength(event.message, 'utf8')};
				stream.events.push(stored);
				stream.lastIngestionTime = Math.max(stream.lastIngestionTime ?? 0, event.ingestionTime);
				group.eventCount += 1;
				group.bytes += stored.bytes;
				this.totalBytes += stored.bytes;
			}
			stream.events.sort(compareKeys);
			group.streams.set(stream.name, stream);
			if (stream.rewrite) this.files.streamChanged(stream);
		}
	}

	/** Called with every batch of events appended, after they are stored. */
	onAppend(listener: AppendListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	createGroup(name: string, now: number, logGroupClass: LogGroupClass = 'STANDARD'): LogGroup {
		const group = new LogGroup(name, now, newName(), logGroupClass);
		this.groups.set(name, group);
		this.files.saveGroup(group);
		return group;
	}

	createStream(group: LogGroup, name: string, now: number): LogStream {
		const stream = new LogStream(group, name, now, LogFiles.streamFileName());
		group.streams.set(name, stream);
		this.files.streamChanged(stream);
		if (group.streams.size > this.limits.streamsPerGroup) this.dropQuietStreams(group);
		return stream;
	}

	deleteGroup(group: LogGroup): void {
		group.deleted = true;
		this.groups.delete(group.name);
		for (const stream of group.streams.values()) this.forget(stream);
		this.files.deleteGroup(group);
	}

	deleteStream(stream: LogStream): void {
		stream.group.streams.delete(stream.name);
		this.forget(stream);
		this.files.deleteStream(stream);
	}

	setRetention(group: LogGroup, days: number | undefined, now: number): void {
		group.retentionInDays = days;
		this.files.saveGroup(group);
		this.expire(group, now);
	}

	/**
	 * Appends events to a stream (kept in timestamp order), creating the group
	 * and the stream when they do not exist. ingestionTime is `now`.
	 */
	append(groupName: string, streamName: string, inputs: readonly LogEventInput[], now: number): StoredEvent[] {
		const group = this.groups.get(groupName) ?? this.createGroup(groupName, now);
		const stream = group.streams.get(streamName) ?? this.createStream(group, streamName, now);
		return this.appendTo(stream, inputs, now);
	}

	appendTo(stream: LogStream, inputs: readonly LogEventInput[], now: number): StoredEvent[] {
		if (inputs.length === 0) return [];
		const group = stream.group;
		const added: StoredEvent[] = [];
		for (const input of inputs) {
			const {message, bytes} = truncate(input.message, this.limits.messageBytes);
			const event: StoredEvent = {
				timestamp: Math.max(0, Math.trunc(input.timestamp)),
				sequence: this.nextSequence,
				ingestionTime: now,
				message,
				bytes,
			};
			this.nextSequence += 1;
			stream.insert(event);
			stream.pending.push(event);
			added.push(event);
			group.eventCount += 1;
			group.bytes += bytes;
			this.totalBytes += bytes;
		}
		stream.lastIngestionTime = now;
		stream.lastSequence = this.nextSequence - 1;
		this.files.streamChanged(stream);
		if (stream.events.length > this.limits.eventsPerStream) {
			this.dropOldest(stream, stream.events.length - this.withSlack(this.limits.eventsPerStream));
		}
		if (group.retentionInDays !== undefined) this.expireStream(stream, now - group.retentionInDays * dayMs);
		this.enforceGroupLimits(group);
		this.enforceTotalLimit();
		for (const listener of this.listeners) listener(stream, added);
		return added;
	}

	/** Drops the events a retention policy no longer keeps. */
	expire(group: LogGroup, now: number): void {
		if (group.retentionInDays === undefined) return;
		const cutoff = now - group.retentionInDays * dayMs;
		for (const stream of group.streams.values()) this.expireStream(stream, cutoff);
	}

	private expireStream(stream: LogStream, cutoff: number): void {
		const first = stream.firstEvent;
		if (first !== undefined && first.timestamp < cutoff) this.dropOldest(stream, firstAtTime(stream.events, cutoff));
	}

	/** Resolves once everything stored so far is on disk. */
	flush(): Promise<void> {
		return this.files.flush();
	}

	private withSlack(cap: number): number {
		return cap - Math.max(1, Math.floor(cap / 10));
	}

	private forget(stream: LogStream): void {
		stream.deleted = true;
		const group = stream.group;
		for (const event of stream.events) {
			group.eventCount -= 1;
			group.bytes -= event.bytes;
			this.totalBytes -= event.bytes;
		}
		stream.events = [];
		stream.pending = [];
	}

	private dropOldest(stream: LogStream, count: number): void {
		if (count <= 0) return;
		const dropped = stream.events.splice(0, count);
		const group = stream.group;
		for (const event of dropped) {
			group.eventCount -= 1;
			group.bytes -= event.bytes;
			this.totalBytes -= event.bytes;
		}
		const last = dropped[dropped.length - 1];
		if (last !== undefined) stream.pending.push({drop: {timestamp: last.timestamp, sequence: last.sequence}});
		this.files.streamChanged(stream);
	}

	private dropQuietStreams(group: LogGroup): void {
		const byActivity = [...group.streams.values()].sort(
			(left, right) => (left.lastIngestionTime ?? left.creationTime) - (right.lastIngestionTime ?? right.creationTime),
		);
		const excess = group.streams.size - this.withSlack(this.limits.streamsPerGroup);
		for (const stream of byActivity.slice(0, excess)) this.deleteStream(stream);
	}

	/** Drops a group's oldest events (across its streams) until it is under its caps with slack. */
	private trimGroup(group: LogGroup, targetEvents: number, targetBytes: number): void {
		const heap = new MinHeap<{stream: LogStream; index: number}>((left, right) => {
			const a = left.stream.events[left.index] as StoredEvent;
			const b = right.stream.events[right.index] as StoredEvent;
			return compareKeys(a, b) < 0;
		});
		for (const stream of group.streams.values()) if (stream.events.length > 0) heap.push({stream, index: 0});
		const counts = new Map<LogStream, number>();
		let events = group.eventCount;
		let bytes = group.bytes;
		while ((events > targetEvents || bytes > targetBytes) && heap.size > 0) {
			const head = heap.pop();
			if (head === undefined) break;
			const event = head.stream.events[head.index] as StoredEvent;
			events -= 1;
			bytes -= event.bytes;
			counts.set(head.stream, head.index + 1);
			if (head.index + 1 < head.stream.events.length) heap.push({stream: head.stream, index: head.index + 1});
		}
		for (const [stream, count] of counts) this.dropOldest(stream, count);
	}

	private enforceGroupLimits(group: LogGroup): void {
		const {eventsPerGroup, bytesPerGroup} = this.limits;
		if (group.eventCount > eventsPerGroup || group.bytes > bytesPerGroup) {
			this.trimGroup(group, this.withSlack(eventsPerGroup), this.withSlack(bytesPerGroup));
		}
	}

	/** Over the service-wide cap, every group gives up the same share of its messages, oldest first. */
	private enforceTotalLimit(): void {
		if (this.totalBytes <= this.limits.totalBytes) return;
		const share = this.withSlack(this.limits.totalBytes) / this.totalBytes;
		for (const group of this.groups.values()) {
			this.trimGroup(group, group.eventCount, Math.floor(group.bytes * share));
		}
	}
}
