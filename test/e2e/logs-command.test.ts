// `lambdash logs` as shipped (dist/lambdash/cli.js): a function's log events
// from the local Lambda as TIME STREAM MESSAGE lines, narrowed by --filter,
// the errors a user meets, and --follow against `lambdash mock` until Ctrl-C
// or until the reader of the pipe goes away.

import assert from 'node:assert/strict';
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {cliEnvironment, runCli} from '../support/cli-process.js';
import {cliPath, packageRoot} from '../support/pty-terminal.js';

/** A running binary whose output is collected as it comes. */
class Running {
	stdout = '';
	stderr = '';
	readonly exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	readonly child: ChildProcessWithoutNullStreams;

	constructor(args: string[]) {
		this.child = spawn(process.execPath, [cliPath(), ...args], {cwd: packageRoot(), env: cliEnvironment()});
		this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
		this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
		this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({code, signal})));
	}

	async waitFor(what: 'stdout' | 'stderr', pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = pattern.exec(this[what]);
			if (found) return found;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on ${what}; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	stop(): void {
		if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
	}
}

const line = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \[\$LATEST\][0-9a-f]{8} /;

describe('lambdash logs, the real binary', () => {
	let dataDir: string;
	before(() => {
		dataDir = mkdtempSync(join(tmpdir(), 'lambdash-e2e-logs-'));
		const event = join(packageRoot(), 'source', 'demo', 'functions', 'web-app-node', 'event.json');
		for (let count = 0; count < 2; count += 1) {
			const invoked = runCli(['invoke', 'web-app-node', '--local', '--data-dir', dataDir, '--payload', `@${event}`]);
			assert.equal(invoked.status, 0, invoked.stderr);
		}
		const failed = runCli(['invoke', 'stream-processor-node', '--local', '--data-dir', dataDir, '--payload', '{"Records": 5}']);
		assert.equal(failed.status, 1, failed.stderr);
	});
	after(() => rmSync(dataDir, {recursive: true, force: true}));

	test('prints the last 10 minutes as TIME STREAM MESSAGE lines; --filter narrows them', () => {
		const all = runCli(['logs', 'web-app-node', '--local', '--data-dir', dataDir]);
		assert.equal(all.status, 0, all.stderr);
		const lines = all.stdout.trimEnd().split('\n');
		assert.ok(lines.every((text) => line.test(text)), all.stdout);
		assert.equal(lines.filter((text) => / START RequestId: [0-9a-f-]{36} Version: \$LATEST$/.test(text)).length, 2);
		assert.equal(lines.filter((text) => / REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\t/.test(text)).length, 2);
		assert.ok(lines.some((text) => /\tINFO\tGET \/items 200/.test(text)), 'the function output, its tabs kept');

		const reports = runCli(['logs', 'web-app-node', '--local', '--data-dir', dataDir, '--since', '1h', '--filter', '"REPORT RequestId"']);
		assert.equal(reports.status, 0, reports.stderr);
		const reportLines = reports.stdout.trimEnd().split('\n');
		assert.equal(reportLines.length, 2);
		assert.deepEqual(reportLines, lines.filter((text) => text.includes('REPORT RequestId')));

		const failed = runCli(['logs', 'stream-processor-node', '--local', '--data-dir', dataDir, '--filter', '"Invoke Error"']);
		assert.equal(failed.status, 0, failed.stderr);
		assert.equal(failed.stdout.trimEnd().split('\n').length, 1);
		assert.match(failed.stdout, /\tERROR\tInvoke Error \t\{"errorType":"TypeError"/);

		const none = runCli(['logs', 'web-app-node', '--local', '--data-dir', dataDir, '--since', '3h..2h']);
		assert.equal(none.status, 0, none.stderr);
		assert.equal(none.stdout, '');
		assert.match(none.stderr, /no log events in \/aws\/lambda\/web-app-node from /);
	});

	test('a missing function or log group, a refused pattern and a bad --since say what is wrong', () => {
		const missing = runCli(['logs', 'no-such-function', '--local', '--data-dir', dataDir]);
		assert.equal(missing.status, 1);
		assert.match(missing.stderr, /could not read no-such-function: Function not found/);
		assert.doesNotMatch(missing.stderr, /press r/);

		const neverRun = runCli(['logs', 'web-app-python', '--local', '--data-dir', dataDir]);
		assert.equal(neverRun.status, 1);
		assert.match(neverRun.stderr, /The log group \/aws\/lambda\/web-app-python does not exist: the function has not been invoked yet/);

		const pattern = runCli(['logs', 'web-app-node', '--local', '--data-dir', dataDir, '--filter', 'Status: timeout']);
		assert.equal(pattern.status, 1);
		assert.match(pattern.stderr, /CloudWatch Logs refused the filter pattern: Invalid character\(s\) in term ':'.*Examples: /);

		const since = runCli(['logs', 'web-app-node', '--local', '--data-dir', dataDir, '--since', 'last tuesday']);
		assert.equal(since.status, 2);
		assert.match(since.stderr, /^lambdash: --since: "last tuesday" is not a time/);

		const followLocal = runCli(['logs', 'web-app-node', '--local', '--data-dir', dataDir, '--follow']);
		assert.equal(followLocal.status, 2);
		assert.match(followLocal.stderr, /--follow with --local would wait for nothing.*lambdash mock/);
	});

	test('--follow against lambdash mock prints what the function logs next, until Ctrl-C or until the pipe closes', async () => {
		const mock = new Running(['mock', '--port', '0', '--data-dir', dataDir]);
		const followers: Running[] = [];
		try {
			const endpoint = (await mock.waitFor('stdout', /Local Lambda listening on (http:\/\/127\.0\.0\.1:\d+)/))[1] ?? '';
			const follow = new Running(['logs', 'web-app-node', '--endpoint-url', endpoint, '--follow', '--since', '1h']);
			followers.push(follow);
			await follow.waitFor('stderr', /following \/aws\/lambda\/web-app-node; Ctrl-C stops/);
			await follow.waitFor('stdout', /REPORT RequestId: [^]*REPORT RequestId: /);

			const invoked = runCli(['invoke', 'web-app-node', '--endpoint-url', endpoint, '--payload', '{"rawPath": "/live"}', '--tail']);
			assert.equal(invoked.status, 0, invoked.stderr);
			const requestId = /REPORT RequestId: ([0-9a-f-]{36})/.exec(invoked.stderr)?.[1] ?? assert.fail(invoked.stderr);
			await follow.waitFor('stdout', new RegExp(`${line.source}REPORT RequestId: ${requestId}\\t`, 'm'));
			assert.equal((follow.stdout.match(new RegExp(`START RequestId: ${requestId}`, 'g')) ?? []).length, 1, 'each line once');
			assert.equal((follow.stdout.match(/ REPORT RequestId: /g) ?? []).length, 3, 'the last hour, then the new invocation');

			follow.child.kill('SIGINT');
			assert.deepEqual(await follow.exited, {code: 130, signal: null});

			// A reader that goes away (as `| head` does): the next line ends the command quietly.
			const piped = new Running(['logs', 'web-app-node', '--endpoint-url', endpoint, '--follow']);
			followers.push(piped);
			await piped.waitFor('stderr', /following/);
			piped.child.stdout.destroy();
			const again = runCli(['invoke', 'web-app-node', '--endpoint-url', endpoint, '--payload', '{}']);
			assert.equal(again.status, 0, again.stderr);
			assert.deepEqual(await piped.exited, {code: 0, signal: null});
			assert.doesNotMatch(piped.stderr, /EPIPE|Error/);
		} finally {
			for (const follower of followers) follower.stop();
			mock.child.kill('SIGINT');
			await mock.exited;
		}
	});
});
