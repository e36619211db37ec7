// A new data directory starts with the demo functions: each is zipped and
// created through the same code path as the CreateFunction operation, and
// starts Active.

import {zipSync, strToU8, type Zippable} from 'fflate';
import {demoFunctions, type DemoFunction} from './demo/index.js';
import {LambdaError} from './lambda/errors.js';
import type {LambdaService} from './lambda/service.js';

// A fixed date in the zip entries, so a demo function's CodeSha256 is the same on every machine.
const zipDate = new Date('2024-01-01T00:00:00Z');

export function zipFiles(files: Readonly<Record<string, string>>): Uint8Array {
	const entries: Zippable = {};
	for (const path of Object.keys(files).sort()) {
		const content = files[path] ?? '';
		// Executable bit for bootstraps and scripts that must run as programs.
		const executable = path === 'bootstrap' || path.endsWith('.sh');
		entries[path] = [strToU8(content), {mtime: zipDate, os: 3, attrs: (executable ? 0o100755 : 0o100644) << 16}];
	}
	return zipSync(entries, {level: 9, mtime: zipDate});
}

export function demoCreateRequest(demo: DemoFunction, accountId: string): Record<string, unknown> {
	return {
		FunctionName: demo.name,
		Description: demo.description,
		Runtime: demo.runtime,
		Handler: demo.handler,
		MemorySize: demo.memorySize,
		Timeout: demo.timeout,
		Role: `arn:aws:iam::${accountId}:role/lambdash-demo-role`,
		Environment: {Variables: demo.environment},
		Tags: demo.tags,
		Code: {ZipFile: Buffer.from(zipFiles(demo.files)).toString('base64')},
		PackageType: 'Zip',
	};
}

/** Creates every demo function that does not exist yet; returns how many were created. */
export async function seedDemoFunctions(service: LambdaService): Promise<number> {
	let created = 0;
	for (const demo of demoFunctions()) {
		try {
			await service.createFunction(demoCreateRequest(demo, service.accountId), {initialState: 'Active'});
			created += 1;
		} catch (error) {
			if (error instanceof LambdaError && error.code === 'ResourceConflictException') continue;
			const message = error instanceof Error ? error.message : String(error);
			throw new Error(`could not seed the demo function ${demo.name}: ${message}`);
		}
	}
	return created;
}
