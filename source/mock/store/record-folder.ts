// Loading a folder of records at start, shared by the function and layer
// stores: leftovers of interrupted atomic writes (temporary files) are removed,
// and every JSON file is read; a file that is not a valid record is reported
// on stderr and skipped, so one damaged file never stops the server.

import {mkdir, readFile, readdir, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import {temporarySuffix} from './atomic.js';

/** How many files are read at once. */
const batch = 64;

/** Creates the folder when missing, removes leftover temporary files, and lists the entries ending with `extension`. */
export async function listFolder(directory: string, extension: string): Promise<string[]> {
	await mkdir(directory, {recursive: true, mode: 0o700});
	const files: string[] = [];
	for (const entry of await readdir(directory)) {
		if (entry.endsWith(temporarySuffix)) await unlink(join(directory, entry)).catch(() => undefined);
		else if (entry.endsWith(extension)) files.push(entry);
	}
	return files;
}

/** Every valid record of the folder's JSON files, in the order of the files; `kind` names a record in the warnings ("function"). */
export async function readRecordFolder<T>(directory: string, isRecord: (value: unknown) => value is T, kind: string): Promise<T[]> {
	const files = await listFolder(directory, '.json');
	const records: T[] = [];
	for (let index = 0; index < files.length; index += batch) {
		const loaded = await Promise.all(
			files.slice(index, index + batch).map(async (file) => {
				const path = join(directory, file);
				try {
					const value: unknown = JSON.parse(await readFile(path, 'utf8'));
					if (isRecord(value)) return value;
					process.stderr.write(`local Lambda: ignoring ${path}: not a ${kind} record\n`);
				} catch (error) {
					process.stderr.write(`local Lambda: ignoring ${path}: ${(error as Error).message}\n`);
				}
				return undefined;
			}),
		);
		for (const record of loaded) if (record !== undefined) records.push(record);
	}
	return records;
}
