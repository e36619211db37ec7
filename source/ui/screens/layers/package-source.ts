// The package of a new layer version, from what the user typed: a directory
// (its files zipped, paths relative to it, execute bits kept: what goes in is
// what a runtime finds under /opt) or a .zip file sent as it is. Read from
// the local disk, so it lives beside the screen, not in domain/.
import {existsSync, statSync} from 'node:fs';
import {readFile, readdir, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join, relative, resolve, sep} from 'node:path';
import {formatBytes} from '../../../domain/format.js';
import {buildPackage, type PackageFile} from '../../../domain/code-package.js';
import {functionWithLayersMax, looksLikeZip, packageSizeProblem} from '../../../domain/layers.js';

export type PackageResult = {kind: 'ok'; zip: Uint8Array; description: string} | {kind: 'problem'; message: string};

/** The path typed, with ~ for the home directory, made absolute. */
export function expandPath(typed: string): string {
	const trimmed = typed.trim();
	const home = trimmed === '~' || trimmed.startsWith('~/') ? join(homedir(), trimmed.slice(1)) : trimmed;
	return resolve(home);
}

/** What is wrong with the path typed, checked as the form is saved; undefined for a directory or a .zip file. */
export function packagePathProblem(typed: string): string | undefined {
	if (typed.trim() === '') return 'A directory, or a .zip file, e.g. ./layer or ./layer.zip';
	const path = expandPath(typed);
	if (!existsSync(path)) return `No such file or directory: ${path.slice(-50)}`;
	const info = statSync(path);
	if (info.isDirectory()) return undefined;
	if (!info.isFile() || !path.toLowerCase().endsWith('.zip')) return 'Not a directory or a .zip file';
	return packageSizeProblem(info.size);
}

async function collect(root: string): Promise<PackageFile[] | string> {
	const files: PackageFile[] = [];
	let total = 0;
	const walk = async (directory: string): Promise<string | undefined> => {
		const entries = await readdir(directory, {withFileTypes: true});
		for (const entry of entries) {
			const path = join(directory, entry.name);
			// Links are followed as Lambda's own tools do (zip -r); anything else (sockets, devices) is left out.
			// eslint-disable-next-line no-await-in-loop
			const info = await stat(path).catch(() => undefined);
			if (info === undefined) continue;
			if (info.isDirectory()) {
				// eslint-disable-next-line no-await-in-loop
				const problem = await walk(path);
				if (problem !== undefined) return problem;
			} else if (info.isFile()) {
				total += info.size;
				if (total > functionWithLayersMax) {
					return `The directory holds over ${formatBytes(functionWithLayersMax)}: a function with its layers may have at most that, unzipped`;
				}
				// eslint-disable-next-line no-await-in-loop
				const data = await readFile(path);
				files.push({path: relative(root, path).split(sep).join('/'), data, mode: (info.mode & 0o111) !== 0 ? 0o100755 : 0o100644});
			}
		}
		return undefined;
	};
	const problem = await walk(root);
	return problem ?? files;
}

/** Reads the package: zips a directory, or reads a .zip; a message naming what is allowed when it cannot be sent. */
export async function readPackage(typed: string): Promise<PackageResult> {
	const problem = packagePathProblem(typed);
	if (problem !== undefined) return {kind: 'problem', message: problem};
	const path = expandPath(typed);
	try {
		if ((await stat(path)).isDirectory()) {
			const files = await collect(path);
			if (typeof files === 'string') return {kind: 'problem', message: files};
			if (files.length === 0) return {kind: 'problem', message: `${path.slice(-40)} is empty: a layer needs at least one file`};
			const zip = buildPackage(files);
			const tooBig = packageSizeProblem(zip.length);
			if (tooBig !== undefined) return {kind: 'problem', message: tooBig};
			return {kind: 'ok', zip, description: `${files.length} file${files.length === 1 ? '' : 's'}, ${formatBytes(zip.length)} zipped`};
		}
		const zip = new Uint8Array(await readFile(path));
		if (!looksLikeZip(zip)) return {kind: 'problem', message: `${path.slice(-40)} is not a zip archive`};
		const tooBig = packageSizeProblem(zip.length);
		if (tooBig !== undefined) return {kind: 'problem', message: tooBig};
		return {kind: 'ok', zip, description: formatBytes(zip.length)};
	} catch (error) {
		return {kind: 'problem', message: `Could not read ${path.slice(-40)}: ${(error as Error).message}`};
	}
}
