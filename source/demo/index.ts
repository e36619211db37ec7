// The demo functions a fresh local Lambda data directory is seeded with, and the console's
// blueprints are made from: one per common use of Lambda (file processing, stream processing,
// a web application, an IoT backend, a mobile backend), each in Node.js and in Python, with
// real handler code. Shared data of the local Lambda (mock/) and the console (ui/).
//
// The handler code and a sample event of each function live as plain files under
// source/demo/functions/<name>/ (tsc does not copy them into dist/), so they are read
// at run time from the package root, wherever this module was compiled to. Their
// configuration (runtime, memory, timeout, environment, tags) is the blueprints' (domain/blueprints.ts).
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import {blueprintLanguages, demoUses} from '../domain/blueprints.js';
import {packageRoot} from '../package-root.js';

export interface DemoFunction {
	name: string;
	description: string;
	runtime: string;
	handler: string;
	memorySize: number;
	timeout: number;
	environment: Record<string, string>;
	tags: Record<string, string>;
	/** path inside the deployment zip -> file content */
	files: Record<string, string>;
	sampleEvent: unknown;
}

/** The folder holding one sub-folder per demo function, in the package's source tree. */
function demoFunctionsDirectory(): string {
	return join(packageRoot(), 'source', 'demo', 'functions');
}

function isPackaged(name: string): boolean {
	return name !== '__pycache__' && !name.endsWith('.pyc') && name !== '.DS_Store';
}

/** Every file of a function's folder except its sample event, keyed by its path in the zip. */
function readPackage(folder: string): Record<string, string> {
	const files: Record<string, string> = {};
	const walk = (directory: string): void => {
		for (const entry of readdirSync(directory, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
			if (!isPackaged(entry.name)) continue;
			const full = join(directory, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile()) {
				const path = relative(folder, full).split(sep).join('/');
				if (path !== 'event.json') files[path] = readFileSync(full, 'utf8');
			}
		}
	};
	walk(folder);
	return files;
}

export function demoFunctions(): DemoFunction[] {
	const root = demoFunctionsDirectory();
	const functions: DemoFunction[] = [];
	for (const use of demoUses) {
		for (const language of ['node', 'python'] as const) {
			const name = `${use.base}-${language}`;
			const folder = join(root, name);
			const {runtime, handler, main} = blueprintLanguages[language];
			const files = readPackage(folder);
			if (!(main in files)) throw new Error(`Demo function ${name} has no ${main} in ${folder}`);
			functions.push({
				name,
				description: use.demoDescription,
				runtime,
				handler,
				memorySize: use.memorySize[language],
				timeout: use.timeout[language],
				environment: {...use.environment},
				tags: {app: 'lambdash-demo', use: use.use, trigger: use.trigger, language: language === 'node' ? 'nodejs' : 'python'},
				files,
				sampleEvent: JSON.parse(readFileSync(join(folder, 'event.json'), 'utf8')) as unknown,
			});
		}
	}
	return functions;
}
