// A folder of small JSON records kept in memory, one file per record, each
// change written durably (atomically, in the order it was made for the same
// record). Opened synchronously the first time a feature needs it: leftovers
// of interrupted writes are removed, and a damaged file is reported on stderr
// and skipped, so one bad file never stops the server.

import {readdirSync, readFileSync, unlinkSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {removeFileDurable, temporarySuffix, writeFileAtomic} from './atomic.js';
import {WriteQueues} from './write-queues.js';

export interface JsonRecordStoreOptions<T> {
	directory: string;
	/** Names a record in the warnings: "a code signing configuration". */
	kind: string;
	isRecord(value: unknown): value is T;
	keyOf(record: T): string;
	/** Fills in what older files lack. */
	normalise?(record: T): T;
}

export class JsonRecordStore<T> {
	readonly directory: string;
	private readonly records = new Map<string, T>();
	private readonly writeQueues = new WriteQueues();

	protected constructor(private readonly options: JsonRecordStoreOptions<T>) {
		this.directory = options.directory;
	}

	/** Loads the folder (missing: empty); a store calls it once, from its own opening function. */
	protected loadSync(): this {
		const store = this;
		const {options} = this;
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
				if (options.isRecord(value)) {
					const record = options.normalise ? options.normalise(value) : value;
					store.records.set(options.keyOf(record), record);
				} else process.stderr.write(`local Lambda: ignoring ${path}: not ${options.kind} record\n`);
			} catch (error) {
				process.stderr.write(`local Lambda: ignoring ${path}: ${(error as Error).message}\n`);
			}
		}
		return store;
	}

	get(key: string): T | undefined {
		return this.records.get(key);
	}

	/** Every record, in no particular order. */
	values(): T[] {
		return [...this.records.values()];
	}

	set(record: T): void {
		this.records.set(this.options.keyOf(record), record);
	}

	delete(key: string): void {
		this.records.delete(key);
	}

	/** Writes the record as it is now (or removes its file when it is gone); resolves once that is durable. */
	persist(key: string): Promise<void> {
		return this.writeQueues.run(key, async () => {
			const record = this.records.get(key);
			if (record === undefined) {
				await removeFileDurable(this.directory, `${key}.json`);
				return;
			}
			await mkdir(this.directory, {recursive: true, mode: 0o700});
			await writeFileAtomic(this.directory, `${key}.json`, `${JSON.stringify(record)}\n`);
		});
	}

	/** Resolves when every write queued so far has finished. */
	async flush(): Promise<void> {
		await this.writeQueues.settled();
	}
}
