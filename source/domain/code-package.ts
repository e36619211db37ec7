// A function's deployment package as the Code tab holds it: the files of the
// .zip (with their Unix modes, so `bootstrap` stays executable when the
// package is rebuilt), the tree the tab draws from them (folders first, each
// with the size of what it holds, changed files marked), the package rebuilt
// with the files a person edited, and Lambda's size limits for a package
// uploaded directly (50 MB zipped, 250 MB unzipped), named in the messages.
// Pure: the download, the upload and the disk are elsewhere.
import {strFromU8, unzipSync, zipSync, type Zippable} from 'fflate';
import {formatBytes, pluralise} from './format.js';
import {codeSizeUnzippedMax, codeSizeZippedMax} from './limits.js';
import {readEntryInfo} from './zip-directory.js';

export interface PackageFile {
	/** The entry's name in the .zip: a relative path with '/' between folders. */
	path: string;
	data: Uint8Array;
	/** Unix mode bits (type included) when the .zip stored them. */
	mode: number | undefined;
}

export interface CodePackage {
	/** Every file (no directory entries), sorted by path. */
	files: PackageFile[];
	zippedSize: number;
	unzippedSize: number;
}

export class PackageError extends Error {
	override name = 'PackageError';
}

const typeMask = 0o170000;
const typeDirectory = 0o040000;
const regularFile = 0o100644;
const executableFile = 0o100755;
/** A fixed date in every entry, so the same files make the same package (and CodeSha256). */
const packageDate = new Date('2024-01-01T00:00:00Z');

/** The Unix modes in a .zip's central directory, by entry name (names decoded as fflate decodes them). */
export function entryModes(zip: Uint8Array): Map<string, number> {
	const modes = new Map<string, number>();
	for (const [name, info] of readEntryInfo(zip)) if (info.mode !== undefined) modes.set(name, info.mode);
	return modes;
}

/** A package from a .zip and its inflated entries (inflated elsewhere, perhaps off the main thread). */
export function packageFrom(zip: Uint8Array, entries: Readonly<Record<string, Uint8Array>>): CodePackage {
	const modes = entryModes(zip);
	const files: PackageFile[] = [];
	let unzippedSize = 0;
	for (const [name, data] of Object.entries(entries)) {
		const mode = modes.get(name);
		if (name.endsWith('/') || (mode !== undefined && (mode & typeMask) === typeDirectory)) continue;
		const path = name.replace(/\\/g, '/').replace(/^\/+/, '');
		if (path === '') continue;
		files.push({path, data, mode});
		unzippedSize += data.length;
	}
	files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	return {files, zippedSize: zip.length, unzippedSize};
}

/** Reads a .zip; throws PackageError when it is not one. */
export function openPackage(zip: Uint8Array): CodePackage {
	let entries: Record<string, Uint8Array>;
	try {
		if (zip.length < 22) throw new Error('too short');
		entries = unzipSync(zip);
	} catch (error) {
		throw new PackageError(`not a readable .zip file (${error instanceof Error ? error.message : String(error)})`);
	}
	return packageFrom(zip, entries);
}

/** A .zip of the files, with their modes (a file without one is an ordinary, non-executable file), the same bytes for the same files in any order. */
export function buildPackage(files: readonly PackageFile[], level: 6 | 9 = 6): Uint8Array {
	const entries: Zippable = {};
	for (const file of [...files].sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0))) {
		const mode = file.mode === undefined || file.mode === 0 ? regularFile : file.mode;
		entries[file.path] = [file.data, {mtime: packageDate, os: 3, attrs: mode << 16}];
	}
	return zipSync(entries, {level, mtime: packageDate});
}

/**
 * A package of text files (the demo functions, the blueprints, a function
 * written inline), with `bootstrap` and *.sh executable: the same files give
 * the same bytes, so the same CodeSha256 on every machine.
 */
export function zipFiles(files: Readonly<Record<string, string>>): Uint8Array {
	const encoder = new TextEncoder();
	return buildPackage(
		Object.entries(files).map(([path, content]) => ({
			path,
			data: encoder.encode(content),
			mode: path === 'bootstrap' || path.endsWith('.sh') ? executableFile : regularFile,
		})),
		9,
	);
}

/** The package's files with the edited ones in place of the originals (an edited file the package no longer holds is added back). */
export function withChanges(files: readonly PackageFile[], changes: ReadonlyMap<string, Uint8Array>): PackageFile[] {
	const result = files.map((file) => {
		const changed = changes.get(file.path);
		return changed === undefined ? file : {...file, data: changed};
	});
	const present = new Set(files.map((file) => file.path));
	for (const [path, data] of changes) if (!present.has(path)) result.push({path, data, mode: undefined});
	return result;
}

const mb = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MB`;

/** Why Lambda would refuse a package uploaded directly (UpdateFunctionCode's ZipFile), or undefined. */
export function packageSizeProblem(zippedBytes: number, unzippedBytes?: number): string | undefined {
	if (zippedBytes > codeSizeZippedMax) {
		return `Lambda takes at most ${mb(codeSizeZippedMax)} (${codeSizeZippedMax.toLocaleString('en-US')} bytes) zipped by direct upload: this package is ${zippedBytes.toLocaleString('en-US')} bytes (${formatBytes(zippedBytes)}). Leave out what the function does not need (tests, development dependencies) or move libraries into a layer.`;
	}
	if (unzippedBytes !== undefined && unzippedBytes > codeSizeUnzippedMax) {
		return `Lambda takes at most ${mb(codeSizeUnzippedMax)} (${codeSizeUnzippedMax.toLocaleString('en-US')} bytes) unzipped, layers included: this package is ${unzippedBytes.toLocaleString('en-US')} bytes (${formatBytes(unzippedBytes)}) unzipped. Leave out what the function does not need.`;
	}
	return undefined;
}

/** Text a person can read and edit: valid UTF-8 without NUL bytes. */
export function isBinary(data: Uint8Array): boolean {
	const head = data.subarray(0, 8192);
	if (head.includes(0)) return true;
	try {
		new TextDecoder('utf-8', {fatal: true}).decode(data);
		return false;
	} catch {
		return true;
	}
}

export function textOf(data: Uint8Array): string {
	return strFromU8(data);
}

export function bytesOf(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
	return true;
}

export interface TreeRow {
	/** A file's path; a folder's path ends with '/'. */
	path: string;
	name: string;
	depth: number;
	kind: 'folder' | 'file';
	/** A file's size; a folder's, everything under it. */
	size: number;
	/** A folder is open (its contents follow it). */
	open: boolean;
	/** A changed file, or a folder with a changed file under it. */
	changed: boolean;
}

interface Folder {
	folders: Map<string, Folder>;
	files: Array<{name: string; path: string; size: number}>;
	size: number;
}

const emptyFolder = (): Folder => ({folders: new Map(), files: [], size: 0});

/**
 * The rows of the tree as drawn: in each folder, its folders first, then its
 * files, each by name; the contents of open folders only.
 */
export function treeRows(files: ReadonlyArray<{path: string; size: number}>, open: ReadonlySet<string>, changed: ReadonlySet<string>): TreeRow[] {
	const root = emptyFolder();
	for (const file of files) {
		const parts = file.path.split('/').filter((part) => part !== '');
		let folder = root;
		folder.size += file.size;
		for (const part of parts.slice(0, -1)) {
			let next = folder.folders.get(part);
			if (next === undefined) {
				next = emptyFolder();
				folder.folders.set(part, next);
			}
			next.size += file.size;
			folder = next;
		}
		folder.files.push({name: parts.at(-1) ?? file.path, path: file.path, size: file.size});
	}
	const changedFolders = new Set<string>();
	for (const path of changed) {
		const parts = path.split('/');
		for (let index = 1; index < parts.length; index += 1) changedFolders.add(`${parts.slice(0, index).join('/')}/`);
	}
	const rows: TreeRow[] = [];
	const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
	const walk = (folder: Folder, prefix: string, depth: number): void => {
		for (const name of [...folder.folders.keys()].sort(byName)) {
			const inner = folder.folders.get(name) ?? emptyFolder();
			const path = `${prefix}${name}/`;
			const isOpen = open.has(path);
			rows.push({path, name, depth, kind: 'folder', size: inner.size, open: isOpen, changed: changedFolders.has(path)});
			if (isOpen) walk(inner, path, depth + 1);
		}
		for (const file of [...folder.files].sort((a, b) => byName(a.name, b.name))) {
			rows.push({path: file.path, name: file.name, depth, kind: 'file', size: file.size, open: false, changed: changed.has(file.path)});
		}
	};
	walk(root, '', 0);
	return rows;
}

/** The folder a path is in ('' at the top): 'lib/util.js' → 'lib/'. */
export function parentFolder(path: string): string {
	const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
	const slash = trimmed.lastIndexOf('/');
	return slash < 0 ? '' : trimmed.slice(0, slash + 1);
}

/** "2 files changed" */
export function changedSummary(count: number): string {
	return `${pluralise(count, 'file')} changed`;
}

/** A container image function's code, as GetFunction gives it. */
export interface ContainerImage {
	kind: 'image';
	imageUri: string;
	resolvedImageUri: string;
	entryPoint: string[];
	command: string[];
	workingDirectory: string;
	/** Why Lambda could not read the image configuration, when it could not. */
	imageConfigError: string;
}

/** The image's facts as label and value, as the Lambda console's Image tab lists them; unset overrides leave the image's own. */
export function imageFields(image: ContainerImage): Array<{label: string; value: string}> {
	const list = (parts: readonly string[]): string => (parts.length === 0 ? "- (the image's own)" : JSON.stringify(parts));
	return [
		{label: 'Image URI', value: image.imageUri || '-'},
		{label: 'Resolved image', value: image.resolvedImageUri || '-'},
		{label: 'Entry point', value: list(image.entryPoint)},
		{label: 'Command', value: list(image.command)},
		{label: 'Working directory', value: image.workingDirectory || "- (the image's own)"},
	];
}
