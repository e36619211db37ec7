// The local EventBridge schema registries, under the data directory:
//
//   DATA/schemas/registries/<hash>.json   one file per registry (name, description, tags)
//   DATA/schemas/schemas/<hash>.json      one file per schema, with every version kept
//
// File names are a hash of the names (schema names run to 385 characters,
// and names that differ only in case must stay apart on any file system); the
// names themselves are inside the records. Everything is loaded at start and
// served from memory; every change is written atomically (writeFileAtomic)
// before the caller acknowledges it, and writes of one record are queued, each
// writing the record as it is when the write starts.

import {createHash} from 'node:crypto';
import {join} from 'node:path';
import {removeFileDurable, writeFileAtomic} from '../store/atomic.js';
import {readRecordFolder} from '../store/record-folder.js';
import {WriteQueues} from '../store/write-queues.js';

export type SchemaType = 'OpenApi3' | 'JSONSchemaDraft4';

export interface RegistryRecord {
	format: 1;
	name: string;
	/** undefined: none was ever given (DescribeRegistry then has no Description). */
	description?: string;
	tags: Record<string, string>;
	/** Epoch ms, when it was created. */
	createdAt: number;
}

export interface SchemaVersionRecord {
	/** "1", "2", ... */
	version: string;
	type: SchemaType;
	content: string;
	/** ISO 8601: VersionCreatedDate. */
	createdAt: string;
}

export interface SchemaRecord {
	format: 1;
	registry: string;
	name: string;
	description?: string;
	tags: Record<string, string>;
	/** ISO 8601: LastModified. */
	lastModified: string;
	/** The number of the last version created; numbers are never reused, even of a deleted version. */
	lastVersion: number;
	/** The ClientTokenId of the last UpdateSchema, so a retried update makes no second version. */
	lastClientToken?: string;
	/** Oldest first; never empty. */
	versions: SchemaVersionRecord[];
}

function isTags(value: unknown): value is Record<string, string> {
	return typeof value === 'object' && value !== null && Object.values(value).every((tag) => typeof tag === 'string');
}

function isRegistryRecord(value: unknown): value is RegistryRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return record['format'] === 1 && typeof record['name'] === 'string' && isTags(record['tags']) && typeof record['createdAt'] === 'number';
}

function isVersionRecord(value: unknown): value is SchemaVersionRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		typeof record['version'] === 'string' &&
		(record['type'] === 'OpenApi3' || record['type'] === 'JSONSchemaDraft4') &&
		typeof record['content'] === 'string' &&
		typeof record['createdAt'] === 'string'
	);
}

function isSchemaRecord(value: unknown): value is SchemaRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['registry'] === 'string' &&
		typeof record['name'] === 'string' &&
		isTags(record['tags']) &&
		typeof record['lastModified'] === 'string' &&
		typeof record['lastVersion'] === 'number' &&
		Array.isArray(record['versions']) &&
		record['versions'].length > 0 &&
		record['versions'].every(isVersionRecord)
	);
}

function fileName(...names: string[]): string {
	return `${createHash('sha256').update(names.join('\0')).digest('hex').slice(0, 40)}.json`;
}

export class SchemaStore {
	private readonly registriesDir: string;
	private readonly schemasDir: string;
	private readonly registries = new Map<string, RegistryRecord>();
	/** By registry, then by schema name. */
	private readonly schemas = new Map<string, Map<string, SchemaRecord>>();
	private readonly writeQueues = new WriteQueues();

	private constructor(dataDir: string) {
		this.registriesDir = join(dataDir, 'schemas', 'registries');
		this.schemasDir = join(dataDir, 'schemas', 'schemas');
	}

	/** Loads the folders (created when missing); leftover temporary files go, damaged files are reported on stderr and skipped. */
	static async open(dataDir: string): Promise<SchemaStore> {
		const store = new SchemaStore(dataDir);
		for (const record of await readRecordFolder(store.registriesDir, isRegistryRecord, 'schema registry')) store.registries.set(record.name, record);
		for (const record of await readRecordFolder(store.schemasDir, isSchemaRecord, 'schema')) {
			// A schema whose registry is gone (a crash in the middle of DeleteRegistry) went with it.
			if (store.registries.has(record.registry)) store.schemasOf(record.registry).set(record.name, record);
		}
		return store;
	}

	registry(name: string): RegistryRecord | undefined {
		return this.registries.get(name);
	}

	/** Every registry, by name. */
	allRegistries(): RegistryRecord[] {
		return [...this.registries.values()].sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
	}

	setRegistry(record: RegistryRecord): void {
		this.registries.set(record.name, record);
	}

	/** Forgets the registry and its schemas; returns the names of the schemas that went. */
	deleteRegistry(name: string): string[] {
		const schemas = [...(this.schemas.get(name)?.keys() ?? [])];
		this.registries.delete(name);
		this.schemas.delete(name);
		return schemas;
	}

	schema(registry: string, name: string): SchemaRecord | undefined {
		return this.schemas.get(registry)?.get(name);
	}

	/** The schemas of a registry, by name. */
	allSchemas(registry: string): SchemaRecord[] {
		return [...(this.schemas.get(registry)?.values() ?? [])].sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
	}

	setSchema(record: SchemaRecord): void {
		this.schemasOf(record.registry).set(record.name, record);
	}

	deleteSchema(registry: string, name: string): void {
		this.schemas.get(registry)?.delete(name);
	}

	private schemasOf(registry: string): Map<string, SchemaRecord> {
		let schemas = this.schemas.get(registry);
		if (schemas === undefined) {
			schemas = new Map();
			this.schemas.set(registry, schemas);
		}
		return schemas;
	}

	/** Writes the registry as it is now (or removes its file when it is gone); resolves once that is durable. */
	persistRegistry(name: string): Promise<void> {
		const file = fileName(name);
		return this.writeQueues.run(`registry:${file}`, async () => {
			const record = this.registries.get(name);
			if (record === undefined) await removeFileDurable(this.registriesDir, file);
			else await writeFileAtomic(this.registriesDir, file, `${JSON.stringify(record)}\n`);
		});
	}

	/** Writes the schema as it is now (or removes its file when it is gone); resolves once that is durable. */
	persistSchema(registry: string, name: string): Promise<void> {
		const file = fileName(registry, name);
		return this.writeQueues.run(`schema:${file}`, async () => {
			const record = this.schema(registry, name);
			if (record === undefined) await removeFileDurable(this.schemasDir, file);
			else await writeFileAtomic(this.schemasDir, file, `${JSON.stringify(record)}\n`);
		});
	}

	/** Resolves when every write queued so far has finished. */
	async flush(): Promise<void> {
		await this.writeQueues.settled();
	}
}
