// The lambdash package's root folder, wherever this module was compiled or
// bundled to: plain files the local Lambda reads at run time (the demo
// functions, the runtime bootstraps) live in the source tree under it.
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
	if (cached !== undefined) return cached;
	let directory = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const manifest = join(directory, 'package.json');
		if (existsSync(manifest)) {
			try {
				const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
				if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'lambdash') {
					cached = directory;
					return directory;
				}
			} catch {
				// Not our package.json; keep walking up.
			}
		}
		const parent = dirname(directory);
		if (parent === directory) throw new Error('Cannot find the lambdash package root');
		directory = parent;
	}
}
