#!/usr/bin/env node
// Runs every compiled test file under dist/test with node's test runner, and
// ends with one plain line "N passed, N failed".
// Ink renders nothing interactively when it believes it runs in CI (the
// is-in-ci package reads CI at import time), so the tests run without CI set:
// they emulate an interactive terminal, which is what a user has.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const root = new URL('../dist/test', import.meta.url).pathname;
const sources = new URL('.', import.meta.url).pathname;

/** A compiled test whose source is gone (renamed or deleted) is not run: tsc leaves it behind in dist/. */
function hasSource(file) {
	const base = join(sources, file.slice(root.length + 1)).replace(/\.js$/, '');
	return existsSync(`${base}.ts`) || existsSync(`${base}.tsx`);
}
const filter = process.argv.slice(2);

function collect(dir) {
	const files = [];
	for (const entry of readdirSync(dir).sort()) {
		const full = join(dir, entry);
		if (statSync(full).isDirectory()) files.push(...collect(full));
		else if (entry.endsWith('.test.js')) files.push(full);
	}
	return files;
}

const files = collect(root).filter(
	(file) => hasSource(file) && (filter.length === 0 || filter.some((part) => file.includes(part))),
);
if (files.length === 0) {
	console.error('No test files found under dist/test (did the build run?)');
	process.exit(1);
}

const env = {...process.env};
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
// The UI tests draw into an emulated terminal, not the runner's stdout: let
// chalk style (16 colours, bold, inverse) as it does in a real terminal.
env.FORCE_COLOR = '1';
const scratch = mkdtempSync(join(tmpdir(), 'lambdash-test-run-'));
const tapFile = join(scratch, 'report.tap');
// No test reads or writes the user's own settings (private test events).
env.LAMBDASH_CONFIG_DIR = join(scratch, 'config');
const result = spawnSync(
	process.execPath,
	[
		'--test',
		'--test-concurrency=2',
		// A test that hangs fails with its name instead of stalling the run.
		'--test-timeout=120000',
		'--test-reporter=spec',
		'--test-reporter-destination=stdout',
		'--test-reporter=tap',
		`--test-reporter-destination=${tapFile}`,
		...files,
	],
	{stdio: 'inherit', env},
);
let passed = 0;
let failed = 0;
try {
	const tap = readFileSync(tapFile, 'utf8');
	passed = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
	failed = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
} catch {
	failed = Math.max(failed, 1);
}
rmSync(scratch, {recursive: true, force: true});
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(result.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
