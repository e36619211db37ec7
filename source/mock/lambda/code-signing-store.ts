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

import {join} from 'node:path';
import {JsonRecordStore} from '../store/json-record-store.js';

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

export class CodeSigningConfigStore extends JsonRecordStore<CodeSigningConfigRecord> {
	/** Loads the folder (missing: empty); leftover temporary files go, damaged files are reported on stderr and skipped. */
	static openSync(dataDir: string): CodeSigningConfigStore {
		return new CodeSigningConfigStore({
			directory: join(dataDir, 'code-signing-configs'),
			kind: 'a code signing configuration',
			isRecord: isCodeSigningConfigRecord,
			keyOf: (record) => record.id,
			normalise: (record) => ({...record, tags: record.tags ?? {}}),
		}).loadSync();
	}

	/** Every configuration, oldest first. */
	all(): CodeSigningConfigRecord[] {
		return this.values().sort((left, right) => left.createdAt - right.createdAt || (left.id < right.id ? -1 : 1));
	}
}
