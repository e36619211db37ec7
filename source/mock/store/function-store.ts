// The local Lambda's persistent state, under a data directory:
//
//   DATA/local-lambda.json          marker: format, and whether the demo functions were seeded
//   DATA/functions/<name>.json      one file per function (configuration, tags, concurrency, state,
//                                   published versions and aliases)
//   DATA/code/<sha256 hex>.zip      deployment packages and layer archives, by content (shared by
//                                   functions and layer versions with the same zip)
//
// Everything is loaded at start and served from memory. Every change is
// written with writeFileAtomic before the caller acknowledges it. Writes of
// one function are queued, and each writes the function as it is when the
// write starts, so the last write on disk always holds the latest state.

import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {removeFileDurable, writeFileAtomic} from './atomic.js';
import {listFolder, readRecordFolder} from './record-folder.js';
import {isFunctionRecord, type FunctionRecord} from './records.js';
import {WriteQueues} from './write-queues.js';

const markerFile = 'local-lambda.json';

interface Marker {
	format: 1;
	createdAt: string;
	seeded: boolean;
}

/** Function names are case-sensitive; file systems may not be: "_" becomes "__" and "A" becomes "_a". */
export function functionFileName(name: string): string {
	return `${name.replace(/_/g, '__').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}.json`;
}

function isMarker(value: unknown): value is Marker {
	return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['format'] === 1;
}

export class FunctionStore {
	readonly dataDir: string;
	readonly functionsDir: string;
	readonly codeDir: string;
	private readonly records = new Map<string, FunctionRecord>();
	private sortedNames: string[] | undefined;
	private readonly writeQueues = new WriteQueues();
	private readonly codeQueues = new WriteQueues();
	private readonly durableCode = new Set<string>();
	/** Other users of the code store (the layers): a package one of them uses is never released. */
	private readonly codeUsers: Array<(hex: string) => boolean> = [];
	private marker: Marker | undefined;

	private constructor(dataDir: string) {
		this.dataDir = dataDir;
		this.functionsDir = join(dataDir, 'functions');
		this.codeDir = join(dataDir, 'code');
	}

	static async open(dataDir: string): Promise<FunctionStore> {
		const store = new FunctionStore(dataDir);
		await store.load();
		return store;
	}

	private async load(): Promise<void> {
		try {
			const marker: unknown = JSON.parse(await readFile(join(this.dataDir, markerFile), 'utf8'));
			if (isMarker(marker)) this.marker = marker;
		} catch {
			this.marker = undefined;
		}
		for (const entry of await listFolder(this.codeDir, '.zip')) this.durableCode.add(entry.slice(0, -'.zip'.length));
		for (const record of await readRecordFolder(this.functionsDir, isFunctionRecord, 'function')) this.records.set(record.name, record);
	}

	/** True when this data directory has never been set up (so the demo functions may be seeded). */
	get isNew(): boolean {
		return this.marker === undefined && this.records.size === 0;
	}

	async markInitialized(seeded: boolean): Promise<void> {
		this.marker = {format: 1, createdAt: new Date().toISOString(), seeded};
		await writeFileAtomic(this.dataDir, markerFile, `${JSON.stringify(this.marker, null, '\t')}\n`);
	}

	get isInitialized(): boolean {
		return this.marker !== undefined;
	}

	get size(): number {
		return this.records.size;
	}

	get(name: string): FunctionRecord | undefined {
		return this.records.get(name);
	}

	/** Every function, in the order ListFunctions returns them (by name). */
	names(): readonly string[] {
		if (this.sortedNames === undefined) {
			this.sortedNames = [...this.records.keys()].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
		}
		return this.sortedNames;
	}

	all(): IterableIterator<FunctionRecord> {
		return this.records.values();
	}

	/** Adds or replaces a function in memory; persist() makes it durable. */
	set(record: FunctionRecord): void {
		if (!this.records.has(record.name)) this.sortedNames = undefined;
		this.records.set(record.name, record);
	}

	/** Removes a function from memory; persist() makes it durable. */
	delete(name: string): void {
		if (this.records.delete(name)) this.sortedNames = undefined;
	}

	/** Writes the function as it is now (or removes its file when it is gone); resolves once that is durable. */
	persist(name: string): Promise<void> {
		return this.writeQueues.run(name, async () => {
			const record = this.records.get(name);
			if (record === undefined) await removeFileDurable(this.functionsDir, functionFileName(name));
			else await writeFileAtomic(this.functionsDir, functionFileName(name), `${JSON.stringify(record)}\n`);
		});
	}

	/** Stores a deployment package by its hex SHA-256; resolves once it is durable. */
	putCode(hex: string, zip: Uint8Array): Promise<void> {
		if (this.durableCode.has(hex) && !this.codeQueues.has(hex)) return Promise.resolve();
		return this.codeQueues.run(hex, async () => {
			if (this.durableCode.has(hex)) return;
			await writeFileAtomic(this.codeDir, `${hex}.zip`, zip);
			this.durableCode.add(hex);
		});
	}

	hasCode(hex: string): boolean {
		return this.durableCode.has(hex);
	}

	codePath(hex: string): string {
		return join(this.codeDir, `${hex}.zip`);
	}

	async readCode(hex: string): Promise<Buffer> {
		return readFile(this.codePath(hex));
	}

	/** Registers another user of the code store (the layers): `uses` says whether it still needs a package. */
	addCodeUser(uses: (hex: string) => boolean): void {
		this.codeUsers.push(uses);
	}

	isCodeReferenced(hex: string): boolean {
		if (this.codeUsers.some((uses) => uses(hex))) return true;
		for (const record of this.records.values()) {
			if (record.codeSha256Hex === hex) return true;
			if (record.versions?.some((version) => version.codeSha256Hex === hex) === true) return true;
		}
		return false;
	}

	/** Removes a package no function uses any more. */
	releaseCode(hex: string): Promise<void> {
		return this.codeQueues.run(hex, async () => {
			if (this.isCodeReferenced(hex) || !this.durableCode.has(hex)) return;
			this.durableCode.delete(hex);
			await removeFileDurable(this.codeDir, `${hex}.zip`);
		});
	}

	/** Resolves when every write queued so far has finished. */
	async flush(): Promise<void> {
		await Promise.all([this.writeQueues.settled(), this.codeQueues.settled()]);
	}
}
