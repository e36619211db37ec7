// Shared set-up of the integration tests: a local Lambda on a temporary data
// directory and a free port, and the real AWS SDK clients pointed at it.

import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {LambdaClient} from '@aws-sdk/client-lambda';
import {STSClient} from '@aws-sdk/client-sts';
import {strToU8, zipSync} from 'fflate';
import {startLocalLambda, type LocalLambda, type LocalLambdaOptions} from '../../source/mock/server.js';

export const credentials = {accessKeyId: 'test', secretAccessKey: 'test'};
export const role = 'arn:aws:iam::123456789012:role/test-role';

export interface Harness {
	server: LocalLambda;
	lambda: LambdaClient;
	sts: STSClient;
	dataDir: string;
	close(): Promise<void>;
}

export async function startHarness(options: Partial<LocalLambdaOptions> = {}): Promise<Harness> {
	const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'lambdash-it-')));
	const server = await startLocalLambda({seed: false, transitionDelayMs: 200, ...options, dataDir});
	const lambda = new LambdaClient({endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
	const sts = new STSClient({endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
	return {
		server,
		lambda,
		sts,
		dataDir,
		async close() {
			lambda.destroy();
			sts.destroy();
			await server.close();
			if (options.dataDir === undefined) await rm(dataDir, {recursive: true, force: true});
		},
	};
}

export function makeZip(files: Record<string, string> = {'index.mjs': 'export const handler = async () => "ok";\n'}): Uint8Array {
	const entries: Record<string, Uint8Array> = {};
	for (const [path, content] of Object.entries(files)) entries[path] = strToU8(content);
	return zipSync(entries);
}

/** Asserts that the promise rejects with an SDK error of this name, and a message matching the pattern. */
export async function rejectsWith(promise: Promise<unknown>, name: string, message: RegExp | string, status?: number): Promise<void> {
	await assert.rejects(promise, (error: unknown) => {
		assert.ok(error instanceof Error, 'expected an Error');
		assert.equal(error.name, name, `error name (message: ${error.message})`);
		if (typeof message === 'string') assert.equal(error.message, message);
		else assert.match(error.message, message);
		if (status !== undefined) {
			const metadata = (error as {$metadata?: {httpStatusCode?: number}}).$metadata;
			assert.equal(metadata?.httpStatusCode, status, 'HTTP status');
		}
		return true;
	});
}
