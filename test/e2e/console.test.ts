import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {cliPath, packageRoot, PtyTerminal} from '../support/pty-terminal.js';

function run(args: string[], env: Record<string, string> = {}) {
	const base: NodeJS.ProcessEnv = {...process.env, ...env};
	delete base.CI;
	return spawnSync(process.execPath, [cliPath(), ...args], {cwd: packageRoot(), env: base, encoding: 'utf8', timeout: 60_000});
}

describe('the real lambdash binary', () => {
	let dataDir: string;
	before(() => {
		dataDir = mkdtempSync(join(tmpdir(), 'lambdash-e2e-'));
	});
	after(() => {
		rmSync(dataDir, {recursive: true, force: true});
	});

	test('lambdash --local: the first frame shows the demo functions; throttle one; q restores the terminal', async () => {
		const terminal = PtyTerminal.start({args: ['--local', '--data-dir', dataDir]});
		await terminal.waitForText('web-app-python', 20_000);
		const screen = terminal.screen();
		assert.match(screen, /Functions \(10\)/);
		assert.match(screen, /file-processor-node +nodejs22\.x/);
		assert.match(screen, /LOCAL +local Lambda http:\/\/127\.0\.0\.1:\d+/);
		assert.ok(terminal.isAlternateScreen());
		assert.ok(!terminal.cursorVisible(), 'the cursor is hidden while the console runs');

		terminal.write('j');
		terminal.write('T');
		await terminal.waitForText('Throttle file-processor-python?');
		terminal.write('y');
		await terminal.waitForText('Throttled file-processor-python');
		await terminal.waitForText(/file-processor-python.*throttled/);

		terminal.write('q');
		const exit = await terminal.waitForExit(10_000);
		assert.equal(exit.exitCode, 0);
		assert.ok(!terminal.isAlternateScreen(), 'back on the main screen');
		assert.ok(terminal.cursorVisible(), 'the cursor is shown again');
	});

	test('the throttle survives a restart, and lambdash unthrottle restores it from the command line', () => {
		const unthrottle = run(['unthrottle', 'file-processor-python', '--local', '--data-dir', dataDir]);
		assert.equal(unthrottle.status, 0, unthrottle.stderr);
		assert.equal(unthrottle.stdout.trim(), 'Unthrottled file-processor-python: back to no reservation');
		const again = run(['throttle', 'file-processor-python', '--local', '--data-dir', dataDir]);
		assert.equal(again.status, 0, again.stderr);
		assert.match(again.stdout, /^Throttled file-processor-python: reserved concurrency 0 \(was no reservation\)$/m);
		const missing = run(['throttle', 'no-such-function', '--local', '--data-dir', dataDir]);
		assert.equal(missing.status, 1);
		assert.match(missing.stderr, /could not throttle no-such-function: .*not found/i);
		assert.doesNotMatch(missing.stderr, /press r/, 'a command names no console keys');
	});

	test('lambdash invoke runs a demo function: the response on stdout, the log tail on stderr, exit 1 when it fails', () => {
		const event = join(packageRoot(), 'source', 'demo', 'functions', 'web-app-node', 'event.json');
		const ok = run(['invoke', 'web-app-node', '--local', '--data-dir', dataDir, '--payload', `@${event}`, '--tail']);
		assert.equal(ok.status, 0, ok.stderr);
		const response = JSON.parse(ok.stdout) as {statusCode: number; body: string};
		assert.equal(response.statusCode, 200);
		assert.equal((JSON.parse(response.body) as {count: number}).count, 3);
		assert.match(ok.stderr, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/m);
		assert.match(ok.stderr, /^REPORT RequestId: [0-9a-f-]{36} {4}Duration: [\d.]+ ms/m);

		const failed = run(['invoke', 'stream-processor-node', '--local', '--data-dir', dataDir, '--payload', '{"Records": 5}']);
		assert.equal(failed.status, 1);
		assert.ok((JSON.parse(failed.stdout) as {errorMessage?: string}).errorMessage, failed.stdout);
		assert.match(failed.stderr, /stream-processor-node failed \(Unhandled, version \$LATEST\)/);

		const bad = run(['invoke', 'web-app-node', '--local', '--data-dir', dataDir, '--payload', '{oops']);
		assert.equal(bad.status, 2);
		assert.match(bad.stderr, /the payload must be JSON/);
	});

	test('the shipped binary\'s Test tab: a shareable event saved in the local schema registry and invoked', async () => {
		// The bundle loads the Schemas SDK on demand; this is the only test of that load as shipped.
		const terminal = PtyTerminal.start({args: ['--local', '--data-dir', dataDir]});
		await terminal.waitForText('web-app-python', 20_000);
		terminal.write('\r');
		await terminal.waitForText('3 Test');
		terminal.write('3');
		await terminal.waitForText('Saved events');
		await terminal.waitForText('No saved events yet.');
		terminal.write('n');
		await terminal.waitForText('New event from a template');
		terminal.write('\r');
		await terminal.waitForText('Save the new event');
		terminal.write('\t');
		terminal.write(' ');
		terminal.write('\r');
		await terminal.waitForText(/Editing hello-world \(shareable\)/, 10_000);
		terminal.write('\u001B');
		await terminal.waitForText('Shareable (1)');
		assert.doesNotMatch(terminal.screen(), /could not be read|not read/);
		terminal.write('\r');
		await terminal.waitForText('✔ Succeeded (200)', 20_000);
		terminal.write('q');
		assert.equal((await terminal.waitForExit(10_000)).exitCode, 0);
	});

	test('Ctrl-C quits from a question and restores the terminal', async () => {
		const terminal = PtyTerminal.start({args: ['--local', '--data-dir', dataDir]});
		await terminal.waitForText('web-app-python', 20_000);
		terminal.write('T');
		await terminal.waitForText(/Throttle|Unthrottle/);
		terminal.write('\u0003');
		const exit = await terminal.waitForExit(10_000);
		assert.equal(exit.exitCode, 0);
		assert.ok(!terminal.isAlternateScreen());
		assert.ok(terminal.cursorVisible());
	});

	test('not a terminal: a clear message pointing at the commands', () => {
		const result = run(['--local', '--data-dir', dataDir]);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /needs an interactive terminal/);
		assert.match(result.stderr, /lambdash throttle NAME/);
	});

	test('no region: a clear message saying what to set, including --local', () => {
		const home = mkdtempSync(join(tmpdir(), 'lambdash-home-'));
		const env: Record<string, string> = {HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none')};
		const base = {...process.env, ...env};
		for (const key of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'CI']) delete base[key];
		const result = spawnSync(process.execPath, [cliPath(), 'throttle', 'x'], {cwd: packageRoot(), env: base, encoding: 'utf8'});
		rmSync(home, {recursive: true, force: true});
		assert.equal(result.status, 2);
		assert.match(result.stderr, /No AWS region\. Pass --region/);
		assert.match(result.stderr, /lambdash --local/);
	});

	test('bad flags say what is allowed', () => {
		const result = run(['--port', '9']);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /Unknown option '--port'/);
	});
});
