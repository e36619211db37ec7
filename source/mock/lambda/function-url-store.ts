// The local Lambda's function URL configurations, under the data directory:
//
//   DATA/function-urls/<url-id>.json   one file per URL
//
// Loaded once, the first time function URLs are needed (synchronously: a
// request to a URL's host looks its configuration up before anything else),
// then served from memory. Every change is written atomically
// (writeFileAtomic) before the caller acknowledges it; writes of one URL are
// queued, each writing it as it is when the write starts.

import {join} from 'node:path';
import type {FunctionUrlAuthType, FunctionUrlCors, FunctionUrlInvokeMode} from '../../domain/function-url.js';
import {JsonRecordStore} from '../store/json-record-store.js';

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

export class FunctionUrlStore extends JsonRecordStore<FunctionUrlRecord> {
	/** Loads the folder (missing: empty); leftover temporary files go, damaged files are reported on stderr and skipped. */
	static openSync(dataDir: string): FunctionUrlStore {
		return new FunctionUrlStore({
			directory: join(dataDir, 'function-urls'),
			kind: 'a function URL',
			isRecord: isFunctionUrlRecord,
			keyOf: (record) => record.urlId,
		}).loadSync();
	}

	/** The URL of a function's $LATEST (qualifier undefined) or of one of its aliases. */
	find(functionName: string, qualifier: string | undefined): FunctionUrlRecord | undefined {
		return this.values().find((record) => record.functionName === functionName && record.qualifier === qualifier);
	}

	/** Every URL of a function, oldest first. */
	ofFunction(functionName: string): FunctionUrlRecord[] {
		return this.values()
			.filter((record) => record.functionName === functionName)
			.sort((left, right) => left.createdAt - right.createdAt || (left.urlId < right.urlId ? -1 : 1));
	}
}
