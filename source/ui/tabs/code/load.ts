// Reading a function's code for the Code tab: GetFunction, the package from
// the cache or Code.Location, and its files inflated (a large package off the
// main thread, so the screen keeps answering keys while it opens).
import {unzip, unzipSync, type Unzipped} from 'fflate';
import type {Clients} from '../../../aws/clients.js';
import {downloadPackage, getFunctionCode, type ImageCode, type ZipCode} from '../../../aws/code.js';
import {packageFrom, type CodePackage} from '../../../domain/code-package.js';

export type LoadedCode = ImageCode | {kind: 'zip'; code: ZipCode; package: CodePackage};

/** Packages larger than this are inflated by fflate's workers, not on the main thread. */
const syncInflateMax = 2 * 1024 * 1024;

export function inflate(zip: Uint8Array): Promise<CodePackage> {
	return new Promise((resolve, reject) => {
		const done = (error: Error | null, entries: Unzipped): void => {
			if (error !== null) reject(new Error(`The deployment package is not a readable .zip file (${error.message}). Press r to download it again.`));
			else resolve(packageFrom(zip, entries));
		};
		if (zip.length < 22) {
			done(new Error('too short'), {});
			return;
		}
		if (zip.length > syncInflateMax) {
			unzip(zip, done);
			return;
		}
		try {
			done(null, unzipSync(zip));
		} catch (error) {
			done(error instanceof Error ? error : new Error(String(error)), {});
		}
	});
}

export async function loadCode(clients: Clients, name: string, cacheDirectory: string, signal: AbortSignal): Promise<LoadedCode> {
	const code = await getFunctionCode(clients, name, signal);
	if (code.kind === 'image') return code;
	const zip = await downloadPackage(code, cacheDirectory, signal);
	return {kind: 'zip', code, package: await inflate(zip)};
}
