// The local X-Ray's traces, under the data directory:
//
//   DATA/xray/traces/<trace id>.json   one file per trace: its segment documents, as sent
//
// Everything is loaded at start and served from memory; a trace is written
// atomically (writeFileAtomic) whenever a segment of it arrives, the writes of
// one trace queued one after the other, each writing the trace as it is when
// the write starts. X-Ray keeps traces for 30 days: older ones are dropped
// when the store opens.

import {join} from 'node:path';
import type {Clock} from '../clock.js';
import {removeFileDurable, writeFileAtomic} from '../store/atomic.js';
import {readRecordFolder} from '../store/record-folder.js';
import {WriteQueues} from '../store/write-queues.js';
import {objectOf, readSegmentDocument, traceIdPattern, type SegmentRecord} from './segment-document.js';

/** How long X-Ray keeps a trace. */
export const traceRetentionMs = 30 * 24 * 60 * 60 * 1000;

interface TraceFile {
	format: 1;
	id: string;
	/** Epoch ms: when a segment of it last arrived. */
	updatedAt: number;
	documents: string[];
}

export interface StoredTrace {
	id: string;
	/** Epoch ms: when a segment of it last arrived. */
	updatedAt: number;
	/** In the order they arrived; a document sent again with the same id replaces the earlier one. */
	segments: SegmentRecord[];
}

function isTraceFile(value: unknown): value is TraceFile {
	const fields = objectOf(value);
	return (
		fields !== undefined &&
		fields['format'] === 1 &&
		typeof fields['id'] === 'string' &&
		traceIdPattern.test(fields['id']) &&
		typeof fields['updatedAt'] === 'number' &&
		Array.isArray(fields['documents']) &&
		fields['documents'].every((document) => typeof document === 'string')
	);
}

export class TraceStore {
	private readonly directory: string;
	private readonly traces = new Map<string, StoredTrace>();
	private readonly writeQueues = new WriteQueues();

	private constructor(dataDir: string) {
		this.directory = join(dataDir, 'xray', 'traces');
	}

	/** Loads the folder (created when missing); damaged files are reported on stderr and skipped, expired traces removed. */
	static async open(dataDir: string, clock: Clock): Promise<TraceStore> {
		const store = new TraceStore(dataDir);
		const expired: string[] = [];
		for (const file of await readRecordFolder(store.directory, isTraceFile, 'trace')) {
			if (file.updatedAt < clock.now() - traceRetentionMs) {
				expired.push(file.id);
				continue;
			}
			const segments: SegmentRecord[] = [];
			for (const document of file.documents) {
				const reading = readSegmentDocument(document);
				if (reading.ok && reading.segment.traceId === file.id) segments.push(reading.segment);
			}
			if (segments.length > 0) store.traces.set(file.id, {id: file.id, updatedAt: file.updatedAt, segments});
		}
		await Promise.all(expired.map((id) => removeFileDurable(store.directory, `${id}.json`)));
		return store;
	}

	get(id: string): StoredTrace | undefined {
		return this.traces.get(id);
	}

	all(): IterableIterator<StoredTrace> {
		return this.traces.values();
	}

	/** Adds segments (of one trace or several) received at `now`; resolves once they are on disk. */
	put(segments: readonly SegmentRecord[], now: number): Promise<void> {
		const touched = new Set<string>();
		for (const segment of segments) {
			let trace = this.traces.get(segment.traceId);
			if (trace === undefined) {
				trace = {id: segment.traceId, updatedAt: now, segments: []};
				this.traces.set(segment.traceId, trace);
			}
			const index = trace.segments.findIndex((existing) => existing.id === segment.id && existing.isSubsegment === segment.isSubsegment);
			if (index >= 0) trace.segments[index] = segment;
			else trace.segments.push(segment);
			trace.updatedAt = Math.max(trace.updatedAt, now);
			touched.add(segment.traceId);
		}
		return Promise.all([...touched].map((id) => this.persist(id))).then(() => undefined);
	}

	private persist(id: string): Promise<void> {
		return this.writeQueues.run(id, async () => {
			const trace = this.traces.get(id);
			if (trace === undefined) {
				await removeFileDurable(this.directory, `${id}.json`);
				return;
			}
			const file: TraceFile = {format: 1, id, updatedAt: trace.updatedAt, documents: trace.segments.map((segment) => segment.document)};
			await writeFileAtomic(this.directory, `${id}.json`, `${JSON.stringify(file)}\n`);
		});
	}

	/** Resolves when every write queued so far has finished. */
	async flush(): Promise<void> {
		await this.writeQueues.settled();
	}
}
