// The local Lambda's layers, under the data directory:
//
//   DATA/layers/<name>.json        one file per layer: its versions and the number of the last one
//                                  published (Lambda never reuses a version number, so the file
//                                  stays when every version is deleted)
//   DATA/code/<sha256 hex>.zip     the layer archives live in the functions' content-addressed
//                                  code store (see FunctionStore.putCode)
//
// Everything is loaded at start and served from memory. Every change is
// written with writeFileAtomic before the caller acknowledges it; writes of one
// layer are queued and each writes the layer as it is when the write starts.

import {join} from 'node:path';
import {writeFileAtomic} from './atomic.js';
import {functionFileName} from './function-store.js';
import {readRecordFolder} from './record-folder.js';
import {WriteQueues} from './write-queues.js';

export interface LayerVersionRecord {
	/** 1, 2, ... */
	version: number;
	description: string;
	/** Lambda's timestamp: 2024-01-31T12:34:56.789+0000 */
	createdDate: string;
	/** undefined: not given (then the answers leave it out). */
	compatibleRuntimes?: string[];
	compatibleArchitectures?: string[];
	licenseInfo?: string;
	/** Hex SHA-256 of the archive: the name of its blob in the code store. */
	codeSha256Hex: string;
	codeSize: number;
	/** Sum of the uncompressed sizes of the archive's entries. */
	codeSizeUnzipped: number;
	/**
	 * Deleted by DeleteLayerVersion: no longer listed, readable or attachable,
	 * but kept (with its archive) while a function still uses it, as Lambda does.
	 */
	deleted?: true;
}

export interface LayerRecord {
	format: 1;
	name: string;
	/** The number of the last version published. */
	lastVersionNumber: number;
	/** Oldest first. */
	versions: LayerVersionRecord[];
}

function isLayerRecord(value: unknown): value is LayerRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['name'] === 'string' &&
		typeof record['lastVersionNumber'] === 'number' &&
		Array.isArray(record['versions']) &&
		record['versions'].every(
			(version: unknown) =>
				typeof version === 'object' &&
				version !== null &&
				typeof (version as Record<string, unknown>)['version'] === 'number' &&
				typeof (version as Record<string, unknown>)['codeSha256Hex'] === 'string',
		)
	);
}

export class LayerStore {
	readonly layersDir: string;
	private readonly records = new Map<string, LayerRecord>();
	private readonly writeQueues = new WriteQueues();

	private constructor(dataDir: string) {
		this.layersDir = join(dataDir, 'layers');
	}

	static async open(dataDir: string): Promise<LayerStore> {
		const store = new LayerStore(dataDir);
		await store.load();
		return store;
	}

	private async load(): Promise<void> {
		for (const record of await readRecordFolder(this.layersDir, isLayerRecord, 'layer')) this.records.set(record.name, record);
	}

	get(name: string): LayerRecord | undefined {
		return this.records.get(name);
	}

	/** Every layer (deleted versions included), by name. */
	all(): LayerRecord[] {
		return [...this.records.values()].sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
	}

	/** Adds or replaces a layer in memory; persist() makes it durable. */
	set(record: LayerRecord): void {
		this.records.set(record.name, record);
	}

	/** Writes the layer as it is now; resolves once that is durable. */
	persist(name: string): Promise<void> {
		return this.writeQueues.run(name, async () => {
			const record = this.records.get(name);
			if (record !== undefined) await writeFileAtomic(this.layersDir, functionFileName(name), `${JSON.stringify(record)}\n`);
		});
	}

	/** Resolves when every write queued so far has finished. */
	async flush(): Promise<void> {
		await this.writeQueues.settled();
	}
}
