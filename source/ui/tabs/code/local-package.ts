// Deploying from this machine: a path typed in the form (a directory, or a
// .zip file) checked before anything is read, then read into a package. A
// directory is zipped with its files' modes (an executable `bootstrap` stays
// executable); .git is left out. Sizes are checked against Lambda's limits
// before the package is built, and again once it is.
import {lstatSync, readdirSync, readFileSync, statSync, type Stats} from 'node:fs';
import {homedir} from 'node:os';
import {join, relative, resolve, sep} from 'node:path';
import {buildPackage, openPackage, packageSizeProblem, PackageError, type PackageFile} from '../../../domain/code-package.js';
import {codeSizeUnzippedMax} from '../../../domain/limits.js';

export interface LocalPackage {
	/** The path as resolved (absolute). */
	path: string;
	kind: 'directory' | 'zip';
	zip: Uint8Array;
	files: number;
	unzippedSize: number;
}

/** The typed path, absolute: ~ is the home directory, a relative path is from the directory lambdash started in. */
export function resolveLocalPath(text: string, cwd = process.cwd()): string {
	const trimmed = text.trim();
	const expanded = trimmed === '~' ? homedir() : trimmed.startsWith('~/') ? join(homedir(), trimmed.slice(2)) : trimmed;
	return resolve(cwd, expanded);
}

function statOf(path: string): Stats | undefined {
	try {
		return statSync(path);
	} catch {
		return undefined;
	}
}

/** What is wrong with the typed path (the form's check), or undefined. */
export function localPathProblem(text: string, cwd = process.cwd()): string | undefined {
	if (text.trim() === '') return 'Type the path of a directory or of a .zip file, such as ./dist or build/function.zip.';
	const path = resolveLocalPath(text, cwd);
	const stats = statOf(path);
	if (stats === undefined) return `There is no ${path}: type the path of a directory or of a .zip file.`;
	if (stats.isDirectory()) return undefined;
	if (!stats.isFile() || !path.toLowerCase().endsWith('.zip')) return `${path} is not a directory or a .zip file: Lambda takes a .zip deployment package.`;
	return packageSizeProblem(stats.size);
}

/** The files under a directory (following no symbolic link out of it), with their modes; .git is left out. */
function directoryFiles(root: string): PackageFile[] {
	const files: PackageFile[] = [];
	let total = 0;
	const walk = (directory: string): void => {
		for (const entry of readdirSync(directory, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			if (entry.name === '.git') continue;
			const path = join(directory, entry.name);
			const stats = entry.isSymbolicLink() ? statOf(path) : lstatSync(path);
			if (stats === undefined) continue;
			if (stats.isDirectory()) {
				if (!entry.isSymbolicLink()) walk(path);
				continue;
			}
			if (!stats.isFile()) continue;
			total += stats.size;
			if (total > codeSizeUnzippedMax) throw new PackageError(packageSizeProblem(0, total) ?? 'The directory is too large.');
			files.push({path: relative(root, path).split(sep).join('/'), data: readFileSync(path), mode: 0o100000 | (stats.mode & 0o777)});
		}
	};
	walk(root);
	return files;
}

/** Reads the directory or .zip at the path; throws PackageError with a message to show. */
export function readLocalPackage(text: string, cwd = process.cwd()): LocalPackage {
	const problem = localPathProblem(text, cwd);
	if (problem !== undefined) throw new PackageError(problem);
	const path = resolveLocalPath(text, cwd);
	if (statOf(path)?.isDirectory()) {
		const files = directoryFiles(path);
		if (files.length === 0) throw new PackageError(`${path} holds no files: there is nothing to deploy.`);
		const unzippedSize = files.reduce((sum, file) => sum + file.data.length, 0);
		const zip = buildPackage(files);
		const tooLarge = packageSizeProblem(zip.length, unzippedSize);
		if (tooLarge !== undefined) throw new PackageError(tooLarge);
		return {path, kind: 'directory', zip, files: files.length, unzippedSize};
	}
	const zip = new Uint8Array(readFileSync(path));
	let opened;
	try {
		opened = openPackage(zip);
	} catch (error) {
		throw new PackageError(`${path} is ${(error as Error).message}: choose a .zip deployment package.`);
	}
	if (opened.files.length === 0) throw new PackageError(`${path} holds no files: there is nothing to deploy.`);
	const tooLarge = packageSizeProblem(zip.length, opened.unzippedSize);
	if (tooLarge !== undefined) throw new PackageError(tooLarge);
	return {path, kind: 'zip', zip, files: opened.files.length, unzippedSize: opened.unzippedSize};
}
