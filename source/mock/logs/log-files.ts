// The local CloudWatch Logs on disk, under <dataDir>/logs/:
//
//   <group folder>/group.json        {"name", "creationTime", "retentionInDays", "logGroupClass"}, written atomically
//   <group folder>/<stream>.jsonl    a header line {"stream", "creationTime", "sequence"}, then one line per event:
//                                    [timestamp, ingestionTime, sequence, message]
//                                    and, when the oldest events were dropped (caps, retention),
//                                    {"drop": [timestamp, sequence]}: the events above up to that key are gone
//
// Folder and file names are random, so names with slashes, brackets or dollar
// signs need no escaping, and a group or stream deleted and created again gets
// new files. Stream files are append-only: events are written in batches by
// one writer loop (everything that arrives while a write is in flight goes
// into the next one), never per event and never blocking the event loop. A
// file is rewritten whole (atomically) when the events dropped from memory
// (caps, retention) make up more than half of it, so no file grows without
// bound. Reading tolerates a torn last line (a write cut short by a crash).

import {randomBytes} from 'node:crypto';
import {appendFile, mkdir, readdir, readFile, rm, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import {temporarySuffix, writeFileAtomic} from '../store/atomic.js';
import {logGroupClasses, type LogGroup, type LogGroupClass, type LogStream, type PendingLine, type StoredEvent} from './log-model.js';
import {compareKeys} from './tokens.js';

export interface LoadedStream {
	name: string;
	creationTime: number;
	fileName: string;
	/** In file order (arrival order). */
	events: Array<Omit<StoredEvent, 'bytes'>>;
	/** The file's last line was torn: rewrite it before appending. */
	torn: boolean;
	lines: number;
	/** The highest sequence number the stream ever used, dropped events included. */
	maxSequence: number;
}

export interface LoadedGroup {
	name: string;
	creationTime: number;
	retentionInDays: number | undefined;
	logGroupClass: LogGroupClass;
	directory: string;
	streams: LoadedStream[];
}

type Operation = {kind: 'group'; group: LogGroup} | {kind: 'delete-group'; directory: string} | {kind: 'delete-stream'; directory: string; fileName: string};

const groupFile = 'group.json';
const streamSuffix = '.jsonl';
/** Files are written this many at a time. */
const writeConcurrency = 16;

export function newName(): string {
	return randomBytes(8).toString('hex');
}

function eventLine(line: PendingLine): string {
	if ('drop' in line) return JSON.stringify({drop: [line.drop.timestamp, line.drop.sequence]});
	return JSON.stringify([line.timestamp, line.ingestionTime, line.sequence, line.message]);
}

function headerLine(stream: LogStream): string {
	return JSON.stringify({stream: stream.name, creationTime: stream.creationTime, sequence: stream.lastSequence});
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseGroup(text: string, directory: string): LoadedGroup | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (!isRecord(parsed) || typeof parsed.name !== 'string' || typeof parsed.creationTime !== 'number') return undefined;
	const retention = typeof parsed.retentionInDays === 'number' ? parsed.retentionInDays : undefined;
	const logGroupClass = logGroupClasses.find((value) => value === parsed.logGroupClass) ?? 'STANDARD';
	return {name: parsed.name, creationTime: parsed.creationTime, retentionInDays: retention, logGroupClass, directory, streams: []};
}

function parseStream(text: string, fileName: string): LoadedStream | undefined {
	const lines = text.split('\n');
	const torn = !text.endsWith('\n');
	let header: unknown;
	try {
		header = JSON.parse(lines[0] ?? '');
	} catch {
		return undefined;
	}
	if (!isRecord(header) || typeof header.stream !== 'string' || typeof header.creationTime !== 'number') return undefined;
	const stream: LoadedStream = {
		name: header.stream,
		creationTime: header.creationTime,
		fileName,
		events: [],
		torn,
		lines: 0,
		maxSequence: typeof header.sequence === 'number' ? header.sequence : 0,
	};
	for (let index = 1; index < lines.length; index += 1) {
		const line = lines[index] ?? '';
		if (line === '') continue;
		stream.lines += 1;
		let record: unknown;
		try {
			record = JSON.parse(line);
		} catch {
			stream.torn = true;
			continue;
		}
		if (isRecord(record) && Array.isArray(record.drop)) {
			const [timestamp, sequence] = record.drop as unknown[];
			if (typeof timestamp === 'number' && typeof sequence === 'number') {
				const mark = {timestamp, sequence};
				stream.events = stream.events.filter((event) => compareKeys(event, mark) > 0);
				stream.maxSequence = Math.max(stream.maxSequence, sequence);
			}
			continue;
		}
		if (!Array.isArray(record)) continue;
		const [timestamp, ingestionTime, sequence, message] = record as unknown[];
		if (typeof timestamp !== 'number' || typeof ingestionTime !== 'number' || typeof sequence !== 'number' || typeof message !== 'string') continue;
		stream.events.push({timestamp, ingestionTime, sequence, message});
		stream.maxSequence = Math.max(stream.maxSequence, sequence);
	}
	return stream;
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const item = items[next] as T;
			next += 1;
			await work(item);
		}
	};
	await Promise.all(Array.from({length: Math.min(size, items.length)}, worker));
}

export class LogFiles {
	private readonly operations: Operation[] = [];
	private readonly dirty = new Set<LogStream>();
	private readonly waiters: Array<() => void> = [];
	private work: Promise<void> | undefined;
	private requested = false;
	private reportedFailure = false;

	private constructor(readonly root: string) {}

	/** Reads everything under `root` (created if missing); folders and files that make no sense are removed. */
	static async open(root: string): Promise<{files: LogFiles; groups: LoadedGroup[]}> {
		await mkdir(root, {recursive: true, mode: 0o700});
		const groups: LoadedGroup[] = [];
		for (const entry of await readdir(root, {withFileTypes: true})) {
			if (!entry.isDirectory()) continue;
			const directory = join(root, entry.name);
			const meta = await readFile(join(directory, groupFile), 'utf8').catch(() => undefined);
			const group = meta === undefined ? undefined : parseGroup(meta, entry.name);
			if (group === undefined) {
				await rm(directory, {recursive: true, force: true});
				continue;
			}
			for (const file of await readdir(directory)) {
				if (file.endsWith(temporarySuffix)) {
					await unlink(join(directory, file)).catch(() => undefined);
					continue;
				}
				if (!file.endsWith(streamSuffix)) continue;
				const stream = parseStream(await readFile(join(directory, file), 'utf8'), file);
				if (stream === undefined) await unlink(join(directory, file)).catch(() => undefined);
				else group.streams.push(stream);
			}
			groups.push(group);
		}
		return {files: new LogFiles(root), groups};
	}

	static streamFileName(): string {
		return `${newName()}${streamSuffix}`;
	}

	/** The group's folder and group.json: after creation and after each change of its settings. */
	saveGroup(group: LogGroup): void {
		this.operations.push({kind: 'group', group});
		this.kick();
	}

	deleteGroup(group: LogGroup): void {
		for (const stream of group.streams.values()) this.dirty.delete(stream);
		this.operations.push({kind: 'delete-group', directory: group.directory});
		this.kick();
	}

	deleteStream(stream: LogStream): void {
		this.dirty.delete(stream);
		this.operations.push({kind: 'delete-stream', directory: stream.group.directory, fileName: stream.fileName});
		this.kick();
	}

	/** The stream has pending events, a pending header, or needs a rewrite. */
	streamChanged(stream: LogStream): void {
		this.dirty.add(stream);
		this.kick();
	}

	/** Resolves once everything asked for before the call is on disk. */
	flush(): Promise<void> {
		return new Promise((resolve) => {
			this.waiters.push(resolve);
			this.kick();
		});
	}

	private kick(): void {
		this.requested = true;
		this.work ??= this.loop();
	}

	private async loop(): Promise<void> {
		// Let the rest of this turn of the event loop add to the batch.
		await new Promise<void>((resolve) => setImmediate(resolve));
		while (this.requested) {
			this.requested = false;
			const waiters = this.waiters.splice(0);
			const operations = this.operations.splice(0);
			const streams = [...this.dirty];
			this.dirty.clear();
			for (const operation of operations) await this.apply(operation).catch((error: unknown) => this.report(error));
			await inPool(streams, writeConcurrency, (stream) => this.writeStream(stream).catch((error: unknown) => this.report(error, stream)));
			for (const resolve of waiters) resolve();
		}
		this.work = undefined;
	}

	private report(error: unknown, stream?: LogStream): void {
		if (stream !== undefined) stream.rewrite = true;
		if (this.reportedFailure) return;
		this.reportedFailure = true;
		process.stderr.write(`local CloudWatch Logs: cannot write under ${this.root}: ${error instanceof Error ? error.message : String(error)}\n`);
	}

	private async apply(operation: Operation): Promise<void> {
		switch (operation.kind) {
			case 'group': {
				const group = operation.group;
				if (group.deleted) return;
				const directory = join(this.root, group.directory);
				await mkdir(directory, {recursive: true, mode: 0o700});
				const meta = {
					name: group.name,
					creationTime: group.creationTime,
					retentionInDays: group.retentionInDays,
					logGroupClass: group.logGroupClass,
				};
				await writeFileAtomic(directory, groupFile, `${JSON.stringify(meta)}\n`);
				return;
			}
			case 'delete-group':
				await rm(join(this.root, operation.directory), {recursive: true, force: true});
				return;
			case 'delete-stream':
				await unlink(join(this.root, operation.directory, operation.fileName)).catch((error: unknown) => {
					if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
				});
				return;
		}
	}

	private async writeStream(stream: LogStream): Promise<void> {
		if (stream.deleted || stream.group.deleted) return;
		const directory = join(this.root, stream.group.directory);
		const compact = stream.fileLines + stream.pending.length > 2 * stream.events.length + 1000;
		if (stream.rewrite || compact) {
			stream.pending = [];
			stream.rewrite = false;
			stream.headerPending = false;
			const lines = [headerLine(stream), ...stream.events.map(eventLine)];
			stream.fileLines = stream.events.length;
			await writeFileAtomic(directory, stream.fileName, `${lines.join('\n')}\n`);
			return;
		}
		const lines = stream.pending.map(eventLine);
		stream.pending = [];
		if (stream.headerPending) {
			lines.unshift(headerLine(stream));
			stream.headerPending = false;
		}
		if (lines.length === 0) return;
		stream.fileLines += lines.length;
		await appendFile(join(directory, stream.fileName), `${lines.join('\n')}\n`, {mode: 0o600});
	}
}
