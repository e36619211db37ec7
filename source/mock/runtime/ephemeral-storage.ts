// The environment's /tmp: a private directory (TMPDIR, TMP) whose size is
// held to the function's ephemeral storage. Without root there is no real
// quota to mount, so the size is measured instead: the directory is walked
// while an invocation runs (every few hundred milliseconds) and when it ends,
// and an environment whose /tmp has outgrown its ephemeral storage is
// stopped and its invocation fails with a message that says so. Writes are
// not refused as a full disk would refuse them; a function that writes to a
// hard-coded "/tmp" path writes to the machine's /tmp, which is not measured.

import {lstatSync, readdirSync} from 'node:fs';
import {join} from 'node:path';

/** At most this many entries are visited in one measurement. */
const entriesMax = 100_000;

/** Bytes held by the files under a directory (their sizes; 0 when it cannot be read). */
export function directoryBytes(root: string): number {
	let total = 0;
	let visited = 0;
	const pending = [root];
	while (pending.length > 0 && visited < entriesMax) {
		const directory = pending.pop();
		if (directory === undefined) break;
		let names: string[];
		try {
			names = readdirSync(directory);
		} catch {
			continue;
		}
		for (const name of names) {
			visited += 1;
			const path = join(directory, name);
			try {
				const stats = lstatSync(path);
				if (stats.isDirectory()) pending.push(path);
				else total += stats.size;
			} catch {
				// Removed while we looked.
			}
		}
	}
	return total;
}
