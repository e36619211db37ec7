// Deployment packages and layers, unpacked where environments run them:
// each package once per code hash (LAMBDA_TASK_ROOT), and each combination
// of layers once, merged in the function's order into an /opt-like
// directory (a later layer's file replaces an earlier one's). Unpacking keeps
// the file modes stored in the zip (so `bootstrap` stays executable) and its
// symbolic links, and leaves files read-only, as /var/task and /opt are in
// Lambda. A directory appears under its final name only when complete (it is
// unpacked beside it, then renamed), so a crash never leaves half a package.

import {createHash, randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {chmod, mkdir, readFile, rename, rm, symlink, unlink, writeFile} from 'node:fs/promises';
import {dirname, join, posix} from 'node:path';
import {unzip, unzipSync, type Unzipped} from 'fflate';
import {readEntryInfo} from '../../domain/zip-directory.js';
import type {LayerArtifact} from './types.js';

const typeMask = 0o170000;
const typeSymlink = 0o120000;
/** Larger zips are inflated off the main thread. */
const syncUnzipMax = 4 * 1024 * 1024;

function inflate(zip: Uint8Array): Promise<Unzipped> {
	if (zip.length <= syncUnzipMax) return Promise.resolve(unzipSync(zip));
	return new Promise((resolve, reject) => {
		unzip(zip, (error, data) => (error === null ? resolve(data) : reject(error)));
	});
}

/** A path inside the directory, or undefined for a name that would escape it. */
function safeRelative(name: string): string | undefined {
	const normalized = posix.normalize(name.replace(/\\/g, '/'));
	if (normalized.startsWith('/') || normalized === '..' || normalized.startsWith('../') || normalized === '.' || normalized === '') return undefined;
	return normalized.replace(/\/$/, '');
}

/** Unpacks a zip into a directory; entries already there (an earlier layer's) are replaced. */
export async function unpackZip(zip: Uint8Array, destination: string): Promise<void> {
	const files = await inflate(zip);
	const info = readEntryInfo(zip);
	await mkdir(destination, {recursive: true});
	const links: Array<{path: string; target: string}> = [];
	const made = new Set<string>();
	const ensureDir = async (path: string): Promise<void> => {
		if (made.has(path)) return;
		await mkdir(path, {recursive: true});
		made.add(path);
	};
	for (const [name, data] of Object.entries(files)) {
		const relative = safeRelative(name);
		if (relative === undefined) continue;
		const path = join(destination, relative);
		const entry = info.get(name) ?? {directory: name.endsWith('/')};
		if (entry.directory) {
			await ensureDir(path);
			continue;
		}
		if (entry.mode !== undefined && (entry.mode & typeMask) === typeSymlink) {
			links.push({path, target: new TextDecoder().decode(data)});
			continue;
		}
		await ensureDir(dirname(path));
		await unlink(path).catch(() => undefined);
		await writeFile(path, data);
		const permissions = entry.mode === undefined ? 0o644 : entry.mode & 0o777;
		await chmod(path, permissions & ~0o222);
	}
	// Links last, so that no entry is written through one.
	for (const link of links) {
		await ensureDir(dirname(link.path));
		await rm(link.path, {force: true, recursive: true});
		await symlink(link.target, link.path);
	}
}

/** Unpacked code and merged layers, under one folder, each made once. */
export class CodeCache {
	private readonly root: string;
	private readonly pending = new Map<string, Promise<string>>();
	private fenced: Promise<void> | undefined;

	constructor(root: string) {
		this.root = root;
	}

	/** The unpacked deployment package with this hash. */
	code(sha256Hex: string, zipPath: string): Promise<string> {
		return this.once(join(this.root, 'code', sha256Hex), async (staging) => {
			await unpackZip(await readFile(zipPath), staging);
		});
	}

	/** The /opt-like directory of these layers, merged in order. */
	opt(layers: readonly LayerArtifact[]): Promise<string> {
		const key = layers.length === 0 ? 'none' : createHash('sha256').update(layers.map((layer) => layer.sha256Hex).join('\n')).digest('hex').slice(0, 40);
		return this.once(join(this.root, 'opt', key), async (staging) => {
			await mkdir(staging, {recursive: true});
			for (const layer of layers) await unpackZip(await readFile(layer.zipPath), staging);
		});
	}

	/**
	 * An empty package.json at the root: Node.js decides whether a .js file is
	 * an ES module from the nearest package.json, and one in a folder above the
	 * data directory must not decide it for a function (on Lambda, /var/task
	 * has none above it).
	 */
	private fence(): Promise<void> {
		this.fenced ??= (async () => {
			await mkdir(this.root, {recursive: true});
			const manifest = join(this.root, 'package.json');
			if (!existsSync(manifest)) await writeFile(manifest, '{}\n');
		})();
		return this.fenced;
	}

	private once(directory: string, make: (staging: string) => Promise<void>): Promise<string> {
		let result = this.pending.get(directory);
		if (result === undefined) {
			result = (async () => {
				if (existsSync(directory)) return directory;
				await this.fence();
				const staging = `${directory}.partial-${randomBytes(6).toString('hex')}`;
				try {
					await make(staging);
					await rename(staging, directory).catch(async (error: unknown) => {
						// Another process made it first: use theirs.
						if (!existsSync(directory)) throw error;
						await rm(staging, {recursive: true, force: true});
					});
				} catch (error) {
					await rm(staging, {recursive: true, force: true}).catch(() => undefined);
					throw error;
				}
				return directory;
			})();
			this.pending.set(directory, result);
			result.catch(() => this.pending.delete(directory));
		}
		return result;
	}
}
