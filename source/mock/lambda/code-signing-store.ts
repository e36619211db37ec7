// The local Lambda's code signing configurations, under the data directory:
//
//   DATA/code-signing-configs/<csc-id>.json   one file per configuration
//
// Loaded once, the first time code signing is needed (synchronously, so that
// a deployment checks its package without yielding between its own checks and
// its write), then served from memory. Every change is written atomically
// (writeFileAtomic) before the caller acknowledges it; writes of one
// configuration are queued, each writing it as it is when the write starts.
// A function's attachment lives in its own record (codeSigningConfigArn).

import {readdirSync, readFileSync, unlinkSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {removeFileDurable, temporarySuffix, writeFileAtomic} from '../store/atomic.js';
import {WriteQueues} from '../store/write-queues.js';

export type CodeSigningPolicy = 'Warn' | 'Enforce';

export interface CodeSigningConfigRecord {
	format: 1;
	/** csc-<17 hex> */
	id: string;
	arn: string;
	description: string;
	/** AllowedPublishers.SigningProfileVersionArns */
	signingProfileVersionArns: string[];
	/** CodeSigningPolicies.UntrustedArtifactOnDeployment */
	untrustedArtifactOnDeployment: CodeSigningPolicy;
	/** Lambda's timestamp: 2024-01-31T12:34:56.789+0000 */
	lastModified: string;
	/** Epoch ms of creation: the order ListCodeSigningConfigs returns them in. */
	createdAt: number;
	tags: Record<string, string>;
}

function isCodeSigningConfigRecord(value: unknown): value is CodeSigningConfigRecord {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		record['format'] === 1 &&
		typeof record['id'] === 'string' &&
		/^csc-[a-z0-9]{17}$/.test(record['id']) &&
		typeof record['arn'] === 'string' &&
		Array.isArray(record['signingProfileVersionArns']) &&
		record['signingProfileVersionArns'].every((arn: unknown) => typeof arn === 'string') &&
		(record['untrustedArtifactOnDeployment'] === 'Warn' || record['untrustedArtifactOnDeployment'] === 'Enforce') &&
		typeof record['lastModified'] === 'string' &&
		typeof record['createdAt'] === 'number'
	);
}

export class CodeSigningConfigStore {
	readonly directory: string;
	private readonly records = new Map<string, CodeSigningConfigRecord>();
	private readonly writeQueues = new WriteQueues();

	private constructor(dataDir: string) {
		this.directory = join(dataDir, 'code-signing-configs');
	}

	/** Loads the folder (missing: empty); leftover temporary files go, damaged files are reported on stderr and skipped. */
	static openSync(dataDir: string): CodeSigningConfigStore {
		const store = new CodeSigningConfigStore(dataDir);
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
				if (isCodeSigningConfigRecord(value)) store.records.set(value.id, {...value, tags: value.tags ?? {}});
				else process.stderr.write(`local Lambda: ignoring ${path}: not a code signing configuration record\n`);
			} catch (error) {
				process.stderr.write(`local Lambda: ignoring ${path}: ${(error as Error).message}\n`);
			}
		}
		return store;
	}

	get(id: string): CodeSigningConfigRecord | undefined {
		return this.records.get(id);
	}

	/** Every configuration, oldest first. */
	all(): CodeSigningConfigRecord[] {
		return [...this.records.values()].sort((left, right) => left.createdAt - right.createdAt || (left.id < right.id ? -1 : 1));
	}

	set(record: CodeSigningConfigRecord): void {
		this.records.set(record.id, record);
	}

	delete(id: string): void {
		this.records.delete(id);
	}

	/** Writes the configuration as it is now (or removes its file when it is gone); resolves once that is durable. */
	persist(id: string): Promise<void> {
		return this.writeQueues.run(id, async () => {
			const record = this.records.get(id);
			if (record === undefined) {
				await removeFileDurable(this.directory, `${id}.json`);
				return;
			}
			await mkdir(this.directory, {recursive: true, mode: 0o700});
			await writeFileAtomic(this.directory, `${id}.json`, `${JSON.stringify(record)}\n`);
		});
	}

	/** Resolves when every write queued so far has finished. */
	async flush(): Promise<void> {
		await this.writeQueues.settled();
	}
}
