// The local Lambda's event source mappings, under the data directory:
//
//   DATA/event-source-mappings/<uuid>.json   one file per mapping
//
// Loaded once, the first time a mapping operation runs (synchronously, so
// that a create checks for duplicates without yielding before it stores),
// then served from memory. Every change is written atomically
// (writeFileAtomic) before the caller acknowledges it; writes of one mapping
// are queued, each writing it as it is when the write starts.

import {readdirSync, readFileSync, unlinkSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {sourceKinds, type MappingSettings, type MappingState, type SourceKind} from '../../domain/event-source-mapping.js';
import {removeFileDurable, temporarySuffix, writeFileAtomic} from '../store/atomic.js';
import {WriteQueues} from '../store/write-queues.js';

export interface EventSourceMappingRecord {
	format: 1;
	uuid: string;
	kind: SourceKind;
	/** The function's ARN as the request named it (with its version or alias, if it named one). */
	functionArn: string;
	eventSourceArn?: string;
	/** Self-managed Kafka's KAFKA_BOOTSTRAP_SERVERS. */
	bootstrapServers?: string[];
	/** The settings given (Lambda's defaults are added when the mapping is shown). */
	settings: MappingSettings;
	/** SourceAccessConfigurations, kept as given ({Type, URI}). */
	sourceAccessConfigurations?: {type: string; uri: string}[];
	enabled: boolean;
	/** The state as of the last change; a transitional one ends at transitionDueAt. */
	state: MappingState;
	/** Epoch ms when the transitional state ends (Enabled or Disabled as `enabled` says; Deleting: the mapping is gone). */
	transitionDueAt?: number;
	/** Epoch ms of the last change by a request. */
	lastModified: number;
	/** Epoch ms of creation: the order ListEventSourceMappings returns them in. */
	createdAt: number;
	tags: Record<string, string>;
}

const states: readonly string[] = ['Creating', 'Enabling', 'Enabled', 'Disabling', 'Disabled', 'Updating', 'Deleting'];

function isRecord(value: unknown): value is EventSourceMappingRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['uuid'] === 'string' &&
		/^[0-9a-f-]{36}$/.test(record['uuid']) &&
		typeof record['kind'] === 'string' &&
		(sourceKinds as readonly string[]).includes(record['kind']) &&
		typeof record['functionArn'] === 'string' &&
		typeof record['settings'] === 'object' &&
		record['settings'] !== null &&
		typeof record['enabled'] === 'boolean' &&
		typeof record['state'] === 'string' &&
		states.includes(record['state']) &&
		typeof record['lastModified'] === 'number' &&
		typeof record['createdAt'] === 'number'
	);
}

export class EventSourceMappingStore {
	readonly directory: string;
	private readonly records = new Map<string, EventSourceMappingRecord>();
	private readonly writeQueues = new WriteQueues();

	private constructor(dataDir: string) {
		this.directory = join(dataDir, 'event-source-mappings');
	}

	/** Loads the folder (missing: empty); leftover temporary files go, damaged files are reported on stderr and skipped. */
	static openSync(dataDir: string): EventSourceMappingStore {
		const store = new EventSourceMappingStore(dataDir);
		let entries: string[];
		try {
			entries = readdirSync(store.directory);
		} catch {
			return store;
		}
		for (const entry of entries.sort()) {
			const path = join(store.directory, entry);
			if (entry.endsWith(temporarySuffix)) {
				try {
					unlinkSync(path);
				} catch {
					// Another process may have removed it.
				}
				continue;
			}
			if (!entry.endsWith('.json')) continue;
			try {
				const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
				if (isRecord(value)) store.records.set(value.uuid, {...value, tags: value.tags ?? {}});
				else process.stderr.write(`local Lambda: ignoring ${path}: not an event source mapping record\n`);
			} catch (error) {
				process.stderr.write(`local Lambda: ignoring ${path}: ${(error as Error).message}\n`);
			}
		}
		return store;
	}

	get(uuid: string): EventSourceMappingRecord | undefined {
		return this.records.get(uuid);
	}

	/** Every mapping, oldest first. */
	all(): EventSourceMappingRecord[] {
		return [...this.records.values()].sort((left, right) => left.createdAt - right.createdAt || (left.uuid < right.uuid ? -1 : 1));
	}

	set(record: EventSourceMappingRecord): void {
		this.records.set(record.uuid, record);
	}

	delete(uuid: string): void {
		this.records.delete(uuid);
	}

	/** Writes the mapping as it is now (or removes its file when it is gone); resolves once that is durable. */
	persist(uuid: string): Promise<void> {
		return this.writeQueues.run(uuid, async () => {
			const record = this.records.get(uuid);
			if (record === undefined) {
				await removeFileDurable(this.directory, `${uuid}.json`);
				return;
			}
			await mkdir(this.directory, {recursive: true, mode: 0o700});
			await writeFileAtomic(this.directory, `${uuid}.json`, `${JSON.stringify(record)}\n`);
		});
	}

	/** Resolves when every write queued so far has finished. */
	async flush(): Promise<void> {
		await this.writeQueues.settled();
	}
}
