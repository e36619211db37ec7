// The runtimes the local Lambda runs, and how it starts each one's
// bootstrap: the managed Node.js runtimes with the bootstrap we ship (and
// Node's heap sized from the memory as Lambda's own bootstrap sizes it), the
// managed Python runtimes with the machine's python3 and the bootstrap we
// ship, and the OS-only runtimes (provided.*) with the package's own
// executable `bootstrap`, found where Lambda looks for it.

import {execFile} from 'node:child_process';
import {accessSync, constants, statSync} from 'node:fs';
import {delimiter, join} from 'node:path';
import {LambdaError} from '../lambda/errors.js';
import {packageRoot} from '../../package-root.js';

export type RuntimeFamily =
	| {kind: 'nodejs'; runtime: string; major: number}
	| {kind: 'python'; runtime: string; version: string}
	| {kind: 'provided'; runtime: string; os: string};

/** What a runtime's environments are started with. */
export interface RuntimeLaunch {
	command: string;
	args: string[];
	/** LAMBDA_RUNTIME_DIR. */
	runtimeDir: string;
	/** AWS_EXECUTION_ENV (not defined for the OS-only runtimes). */
	executionEnv?: string;
}

/** Why an environment cannot start: reported as Lambda reports an init failure. */
export class LaunchProblem extends Error {
	readonly errorType: string;

	constructor(errorType: string, message: string) {
		super(message);
		this.name = 'LaunchProblem';
		this.errorType = errorType;
	}
}

export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
	const node = /^nodejs(\d+)\.x$/.exec(runtime);
	if (node !== null && Number(node[1]) >= 18) return {kind: 'nodejs', runtime, major: Number(node[1])};
	const python = /^python(3\.\d+)$/.exec(runtime);
	if (python !== null && python[1] !== undefined) return {kind: 'python', runtime, version: python[1]};
	if (runtime === 'provided.al2023') return {kind: 'provided', runtime, os: 'al2023'};
	if (runtime === 'provided.al2') return {kind: 'provided', runtime, os: 'al2'};
	if (runtime === 'provided') return {kind: 'provided', runtime, os: 'alami'};
	return undefined;
}

/** The error Invoke answers with for a runtime the local Lambda cannot run. */
export function unsupportedRuntime(runtime: string): LambdaError {
	return new LambdaError(
		'InvalidRuntimeException',
		`The local Lambda cannot run the runtime ${runtime}: it runs nodejs18.x to nodejs24.x, python3.x (with the python3 on PATH), and provided.al2023, provided.al2 and provided (the package's own bootstrap).`,
		{status: 502},
	);
}

/** Lambda's runtime version names, as INIT_START shows them (nodejs:20.v…, python:3.12.v…, provided:al2023.v…). */
export function runtimeVersionName(family: RuntimeFamily): string {
	switch (family.kind) {
		case 'nodejs':
			return `nodejs:${family.major}.v1`;
		case 'python':
			return `python:${family.version}.v1`;
		case 'provided':
			return `provided:${family.os}.v1`;
	}
}

export function bootstrapsDir(): string {
	return join(packageRoot(), 'source', 'mock', 'runtime', 'bootstraps');
}

/** Lambda's Node.js bootstrap: new space is a tenth of the memory, half of it a semi-space, the rest old space. */
export function nodeHeapFlags(memorySizeMb: number): string[] {
	const newSpace = Math.floor(memorySizeMb / 10);
	const semiSpace = Math.floor(newSpace / 2);
	const oldSpace = memorySizeMb - newSpace;
	return [`--max-semi-space-size=${semiSpace}`, `--max-old-space-size=${oldSpace}`];
}

function isExecutableFile(path: string): boolean {
	try {
		if (!statSync(path).isFile()) return false;
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function exists(path: string): boolean {
	try {
		statSync(path);
		return true;
	} catch {
		return false;
	}
}

function onPath(name: string): string | undefined {
	for (const directory of (process.env.PATH ?? '').split(delimiter)) {
		if (directory === '') continue;
		const candidate = join(directory, name);
		if (isExecutableFile(candidate)) return candidate;
	}
	return undefined;
}

let python: Promise<string | undefined> | undefined;

/**
 * The machine's python3, resolved once to the interpreter itself (a version
 * manager's shim, such as pyenv's, would add its own start-up to every cold
 * start and needs the host's environment, which environments do not get).
 */
export function findPython3(): Promise<string | undefined> {
	python ??= new Promise((resolve) => {
		const found = onPath('python3');
		if (found === undefined) {
			resolve(undefined);
			return;
		}
		execFile(found, ['-c', 'import sys; print(sys.executable)'], {timeout: 10_000}, (error, stdout) => {
			const executable = stdout.trim();
			resolve(error === null && executable !== '' && isExecutableFile(executable) ? executable : found);
		});
	});
	return python;
}

/** How to start an environment of this runtime; throws LaunchProblem when it cannot start. */
export async function launchFor(family: RuntimeFamily, memorySizeMb: number, taskRoot: string, optDir: string): Promise<RuntimeLaunch> {
	switch (family.kind) {
		case 'nodejs': {
			const runtimeDir = join(bootstrapsDir(), 'node');
			const bootstrap = join(runtimeDir, 'bootstrap.mjs');
			if (!exists(bootstrap)) throw new LaunchProblem('Runtime.InvalidEntrypoint', `The local Lambda's Node.js bootstrap is missing: ${bootstrap}`);
			return {
				command: process.execPath,
				args: ['--expose-gc', '--max-http-header-size', '81920', ...nodeHeapFlags(memorySizeMb), bootstrap],
				runtimeDir,
				executionEnv: `AWS_Lambda_${family.runtime}`,
			};
		}
		case 'python': {
			const runtimeDir = join(bootstrapsDir(), 'python');
			const bootstrap = join(runtimeDir, 'bootstrap.py');
			const interpreter = await findPython3();
			if (interpreter === undefined) {
				throw new LaunchProblem(
					'Runtime.InvalidEntrypoint',
					`The local Lambda runs ${family.runtime} functions with the machine's python3, and there is no python3 on PATH: install Python 3 and put python3 on the PATH of the local Lambda.`,
				);
			}
			if (!exists(bootstrap)) throw new LaunchProblem('Runtime.InvalidEntrypoint', `The local Lambda's Python bootstrap is missing: ${bootstrap}`);
			return {command: interpreter, args: [bootstrap], runtimeDir, executionEnv: `AWS_Lambda_${family.runtime}`};
		}
		case 'provided': {
			const candidates = [join(taskRoot, 'bootstrap'), join(optDir, 'bootstrap')];
			const bootstrap = candidates.find((candidate) => exists(candidate));
			if (bootstrap === undefined) {
				throw new LaunchProblem('Runtime.InvalidEntrypoint', `Couldn't find valid bootstrap(s): [${candidates.join(' ')}]`);
			}
			if (!isExecutableFile(bootstrap)) {
				throw new LaunchProblem('Runtime.InvalidEntrypoint', `fork/exec ${bootstrap}: permission denied`);
			}
			return {command: bootstrap, args: [], runtimeDir: taskRoot};
		}
	}
}
