// The local Lambda's function URL configurations, under the data directory:
//
//   DATA/function-urls/<url-id>.json   one file per URL
//
// Loaded once, the first time function URLs are needed (synchronously: a
// request to a URL's host looks its configuration up before anything else),
// then served from memory. Every change is written atomically
// (writeFileAtomic) before the caller acknowledges it; writes of one URL are
// queued, each writing it as it is when the write starts.

import {readdirSync, readFileSync, unlinkSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import type {FunctionUrlAuthType, FunctionUrlCors, FunctionUrlInvokeMode} from '../../domain/function-url.js';
import {removeFileDurable, temporarySuffix, writeFileAtomic} from '../store/atomic.js';
import {WriteQueues} from '../store/write-queues.js';

export interface FunctionUrlRecord {
	format: 1;
	/** 32 lower-case letters and digits: the first label of the URL's host. */
	urlId: string;
	functionName: string;
	/** The alias the URL invokes; undefined: $LATEST (the unqualified function). */
	qualifier?: string;
	authType: FunctionUrlAuthType;
	invokeMode: FunctionUrlInvokeMode;
	/** undefined: no CORS configuration. */
	cors?: FunctionUrlCors;
	/** ISO-8601 timestamps, as Lambda shows them. */
	creationTime: string;
	lastModifiedTime: string;
	/** Epoch ms of creation: the order ListFunctionUrlConfigs returns them in. */
	createdAt: number;
}

function isStringList(value: unknown): boolean {
	return value === undefined || (Array.isArray(value) && value.every((entry) => typeof entry === 'string'));
}

function isCors(value: unknown): boolean {
	if (value === undefined) return true;
	if (typeof value !== 'object' || value === null) return false;
	const cors = value as Record<string, unknown>;
	return (
		isStringList(cors['allowHeaders']) &&
		isStringList(cors['allowMethods']) &&
		isStringList(cors['allowOrigins']) &&
		isStringList(cors['exposeHeaders']) &&
		(cors['maxAge'] === undefined || typeof cors['maxAge'] === 'number') &&
		(cors['allowCredentials'] === undefined || typeof cors['allowCredentials'] === 'boolean')
	);
}

function isFunctionUrlRecord(value: unknown): value is FunctionUrlRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['urlId'] === 'string' &&
		/^[a-z0-9]{32}$/.test(record['urlId']) &&
		typeof record['functionName'] === 'string' &&
		(record['qualifier'] === undefined || typeof record['qualifier'] === 'string') &&
		(record['authType'] === 'NONE' || record['authType'] === 'AWS_IAM') &&
		(record['invokeMode'] === 'BUFFERED' || record['invokeMode'] === 'RESPONSE_STREAM') &&
		isCors(record['cors']) &&
		typeof record['creationTime'] === 'string' &&
		typeof record['lastModifiedTime'] === 'string' &&
		typeof record['createdAt'] === 'number'
	);
}

export class FunctionUrlStore {
	readonly directory: string;
	private readonly records = new Map<string, FunctionUrlRecord>();
	private readonly writeQueues = new WriteQueues();

	private constructor(dataDir: string) {
		this.directory = join(dataDir, 'function-urls');
	}

	/** Loads the folder (missing: empty); leftover temporary files go, damaged files are reported on stderr and skipped. */
	static openSync(dataDir: string): FunctionUrlStore {
		const store = new FunctionUrlStore(dataDir);
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
				if (isFunctionUrlRecord(value)) store.records.set(value.urlId, value);
				else process.stderr.write(`local Lambda: ignoring ${path}: not a function URL record\n`);
			} catch (error) {
				process.stderr.write(`local Lambda: ignoring ${path}: ${(error as Error).message}\n`);
			}
		}
		return store;
	}

	get(urlId: string): FunctionUrlRecord | undefined {
		return this.records.get(urlId);
	}

	/** The URL of a function's $LATEST (qualifier undefined) or of one of its aliases. */
	find(functionName: string, qualifier: string | undefined): FunctionUrlRecord | undefined {
		for (const record of this.records.values()) {
			if (record.functionName === functionName && record.qualifier === qualifier) return record;
		}
		return undefined;
	}

	/** Every URL of a function, oldest first. */
	ofFunction(functionName: string): FunctionUrlRecord[] {
		return [...this.records.values()]
			.filter((record) => record.functionName === functionName)
			.sort((left, right) => left.createdAt - right.createdAt || (left.urlId < right.urlId ? -1 : 1));
	}

	set(record: FunctionUrlRecord): void {
		this.records.set(record.urlId, record);
	}

	delete(urlId: string): void {
		this.records.delete(urlId);
	}

	/** Writes the URL as it is now (or removes its file when it is gone); resolves once that is durable. */
	persist(urlId: string): Promise<void> {
		return this.writeQueues.run(urlId, async () => {
			const record = this.records.get(urlId);
			if (record === undefined) {
				await removeFileDurable(this.directory, `${urlId}.json`);
				return;
			}
			await mkdir(this.directory, {recursive: true, mode: 0o700});
			await writeFileAtomic(this.directory, `${urlId}.json`, `${JSON.stringify(record)}\n`);
		});
	}
}
