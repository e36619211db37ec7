// The runtime manager runs functions for real: custom runtimes (a shell
// script `bootstrap` talking to the Runtime API with curl, unchanged) and
// the managed Node.js runtime, with warm reuse, cold starts, concurrency,
// timeouts, crashes, memory and /tmp limits, Lambda's log lines, idle
// reaping on the clock, layers and Lambda's environment variables.

import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {ManualClock} from '../../source/mock/clock.js';
import {LambdaError} from '../../source/mock/lambda/errors.js';
import type {LogEventInput, LogSink} from '../../source/mock/logs/log-sink.js';
import {RuntimeManager, type RuntimeManagerOptions} from '../../source/mock/runtime/manager.js';
import {ThrottleError, type FunctionSnapshot, type InvocationInput, type InvocationOutcome, type LayerArtifact} from '../../source/mock/runtime/types.js';
import {zipFiles} from '../../source/domain/code-package.js';

class RecordingSink implements LogSink {
	readonly streams = new Map<string, {group: string; events: LogEventInput[]}>();

	append(group: string, stream: string, events: readonly LogEventInput[]): void {
		const entry = this.streams.get(stream) ?? {group, events: []};
		entry.events.push(...events);
		this.streams.set(stream, entry);
	}

	/** Every message of a stream, in order. */
	messages(stream: string): string[] {
		return (this.streams.get(stream)?.events ?? []).map((event) => event.message);
	}

	/** Streams of a log group, in creation order. */
	streamsOf(group: string): string[] {
		return [...this.streams].filter(([, entry]) => entry.group === group).map(([name]) => name);
	}
}

let scratch = '';
let counter = 0;

before(async () => {
	scratch = await mkdtemp(join(tmpdir(), 'lambdash-runtime-test-'));
});

after(async () => {
	await rm(scratch, {recursive: true, force: true});
});

async function writeZip(files: Record<string, string>): Promise<{path: string; sha256Hex: string}> {
	const zip = zipFiles(files);
	const sha256Hex = createHash('sha256').update(zip).digest('hex');
	const path = join(scratch, `${sha256Hex}.zip`);
	await writeFile(path, zip);
	return {path, sha256Hex};
}

async function layer(files: Record<string, string>): Promise<LayerArtifact> {
	const zip = await writeZip(files);
	counter += 1;
	return {arn: `arn:aws:lambda:us-east-1:123456789012:layer:test:${counter}`, zipPath: zip.path, sha256Hex: zip.sha256Hex};
}

async function snapshot(files: Record<string, string>, overrides: Partial<FunctionSnapshot> = {}): Promise<FunctionSnapshot> {
	const code = await writeZip(files);
	const functionName = overrides.functionName ?? 'fn';
	return {
		functionName,
		version: '$LATEST',
		runtime: 'provided.al2023',
		handler: 'function.handler',
		timeout: 3,
		memorySize: 128,
		ephemeralStorage: 512,
		architectures: ['x86_64'],
		environment: {},
		layers: [],
		logFormat: 'Text',
		logGroup: `/aws/lambda/${functionName}`,
		codeSha256Hex: code.sha256Hex,
		codePath: code.path,
		fingerprint: code.sha256Hex.slice(0, 32),
		...overrides,
	};
}

/**
 * A custom runtime as people write them: a shell script that asks the
 * Runtime API for events with curl. `handle` runs for each event with
 * $EVENT, $REQUEST_ID and respond/fail helpers.
 */
function shellBootstrap(handle: string, init = ''): string {
	return `#!/bin/sh
set -u
API="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
respond() { curl -sS -o /dev/null -X POST "$API/invocation/$REQUEST_ID/response" --data-binary "$1"; }
${init}
while true; do
	HEADERS="$(mktemp)"
	EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
	REQUEST_ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)"
	rm -f "$HEADERS"
	${handle}
done
`;
}

const echoBootstrap = shellBootstrap('echo "handling $EVENT"; respond "{\\"echo\\":$EVENT}"', 'echo "init output"');

interface Setup {
	manager: RuntimeManager;
	sink: RecordingSink;
	clock: ManualClock;
}

const managers: RuntimeManager[] = [];

after(async () => {
	await Promise.all(managers.map((manager) => manager.close()));
});

async function setup(options: Partial<RuntimeManagerOptions> = {}): Promise<Setup> {
	const sink = new RecordingSink();
	const clock = new ManualClock(Date.UTC(2026, 2, 7, 12, 0, 0));
	const manager = new RuntimeManager({
		workDir: await mkdtemp(join(scratch, 'work-')),
		region: 'us-east-1',
		accountId: '123456789012',
		clock,
		logs: sink,
		accountConcurrency: 1000,
		reservedTotal: () => 0,
		idleTimeoutMs: 5 * 60_000,
		...options,
	});
	managers.push(manager);
	return {manager, sink, clock};
}

let requests = 0;

function input(payload: unknown = {}): InvocationInput {
	requests += 1;
	const suffix = String(requests).padStart(12, '0');
	return {
		requestId: `0f6c1b2e-7a3d-4c1f-9e2b-${suffix}`,
		invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
		payload: Buffer.from(JSON.stringify(payload)),
	};
}

function json(outcome: InvocationOutcome): unknown {
	return JSON.parse(outcome.payload.toString('utf8'));
}

const streamPattern = /^2026\/03\/07\/\[\$LATEST\][0-9a-f]{32}$/;
const reportPattern = (requestId: string, init: boolean): RegExp =>
	new RegExp(
		`^REPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\t${init ? 'Init Duration: \\d+\\.\\d{2} ms\\t' : ''}\\n$`,
	);

function processGone(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

describe('a custom runtime (provided.al2023) whose bootstrap is a shell script using curl', () => {
	it('runs unchanged: the response, then a warm invocation in the same environment', async () => {
		const {manager, sink} = await setup();
		const fn = await snapshot({bootstrap: echoBootstrap});
		const first = input({n: 1});
		const cold = await manager.invoke(fn, first);
		assert.deepEqual(json(cold), {echo: {n: 1}});
		assert.equal(cold.errorType, undefined);
		assert.equal(cold.requestId, first.requestId);
		assert.ok(cold.initDurationMs !== undefined && cold.initDurationMs > 0, 'a cold start reports its init');
		const second = input({n: 2});
		const warm = await manager.invoke(fn, second);
		assert.deepEqual(json(warm), {echo: {n: 2}});
		assert.equal(warm.initDurationMs, undefined, 'a warm start has no init');
		assert.equal(manager.environmentCount('fn'), 1);

		const [stream, ...others] = sink.streamsOf('/aws/lambda/fn');
		assert.equal(others.length, 0, 'one environment, one stream');
		assert.ok(stream !== undefined);
		assert.match(stream, streamPattern);
		const lines = sink.messages(stream);
		assert.equal(lines.length, 10);
		assert.match(lines[0] ?? '', /^INIT_START Runtime Version: provided:al2023\.v\d+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}\n$/);
		assert.equal(lines[1], 'init output\n');
		assert.equal(lines[2], `START RequestId: ${first.requestId} Version: $LATEST\n`);
		assert.equal(lines[3], 'handling {"n":1}\n');
		assert.equal(lines[4], `END RequestId: ${first.requestId}\n`);
		assert.match(lines[5] ?? '', reportPattern(first.requestId, true));
		assert.equal(lines[6], `START RequestId: ${second.requestId} Version: $LATEST\n`);
		assert.equal(lines[7], 'handling {"n":2}\n');
		assert.equal(lines[8], `END RequestId: ${second.requestId}\n`);
		assert.match(lines[9] ?? '', reportPattern(second.requestId, false));
		assert.ok((lines[9] ?? '').includes(`Duration: ${warm.durationMs.toFixed(2)} ms\tBilled Duration: ${warm.billedDurationMs} ms`));
		assert.ok((lines[5] ?? '').includes(`Init Duration: ${cold.initDurationMs.toFixed(2)} ms`));

		// The log tail is this invocation's lines, START to REPORT.
		assert.equal(warm.logTail, lines.slice(6).join(''));
		// Billed: up to the next millisecond; on a cold start the init is billed too (since August 2025).
		assert.equal(warm.billedDurationMs, Math.ceil(warm.durationMs));
		assert.equal(cold.billedDurationMs, Math.ceil(Math.round((cold.durationMs + cold.initDurationMs) * 100) / 100));
		assert.ok(warm.maxMemoryUsedMb >= 1 && warm.maxMemoryUsedMb <= 128);
	});

	it('keeps the log tail to the invocation\'s last 4 KB', async () => {
		const {manager} = await setup();
		const fn = await snapshot({bootstrap: shellBootstrap('i=0; while [ $i -lt 200 ]; do echo "line $i of the output of this invocation"; i=$((i+1)); done; respond ok')});
		const outcome = await manager.invoke(fn, input());
		assert.ok(Buffer.byteLength(outcome.logTail) <= 4096);
		assert.ok(Buffer.byteLength(outcome.logTail) > 4000);
		assert.match(outcome.logTail, /line 199 of the output of this invocation\nEND RequestId: [^\n]+\nREPORT RequestId: [^\n]+\n$/);
		assert.doesNotMatch(outcome.logTail, /START RequestId/);
	});

	it('concurrent invocations get their own environments', async () => {
		const {manager, sink} = await setup();
		const fn = await snapshot({bootstrap: shellBootstrap('sleep 0.2; respond "$$"')});
		const outcomes = await Promise.all([manager.invoke(fn, input()), manager.invoke(fn, input()), manager.invoke(fn, input())]);
		const pids = new Set(outcomes.map((outcome) => outcome.payload.toString()));
		assert.equal(pids.size, 3, 'three processes');
		assert.equal(sink.streamsOf('/aws/lambda/fn').length, 3, 'three log streams');
		for (const outcome of outcomes) assert.ok(outcome.initDurationMs !== undefined);
		assert.equal(manager.environmentCount('fn'), 3);
		// Each is warm now.
		const again = await manager.invoke(fn, input());
		assert.equal(again.initDurationMs, undefined);
		assert.ok(pids.has(again.payload.toString()));
	});

	it('retires the environments of a changed function and never reuses them; other versions keep theirs', async () => {
		const {manager, sink} = await setup();
		const fn = await snapshot({bootstrap: shellBootstrap('respond "$$"')});
		const first = await manager.invoke(fn, input());
		const changed = {...fn, fingerprint: 'f'.repeat(32), environment: {CHANGED: '1'}};
		const second = await manager.invoke(changed, input());
		assert.notEqual(second.payload.toString(), first.payload.toString(), 'a new process');
		assert.ok(second.initDurationMs !== undefined, 'a cold start');
		assert.equal(manager.environmentCount('fn'), 1, 'the old environment is gone');
		assert.ok(processGone(Number(first.payload.toString())), 'and its process');
		assert.equal(sink.streamsOf('/aws/lambda/fn').length, 2);
		// The old configuration again: not the retired environment.
		const back = await manager.invoke(fn, input());
		assert.ok(back.initDurationMs !== undefined);
		// A published version has its own environments: invoking it does not retire $LATEST's.
		const version = {...fn, version: '1', fingerprint: '1'.repeat(32)};
		const v1 = await manager.invoke(version, input());
		assert.ok(v1.initDurationMs !== undefined);
		assert.equal(manager.environmentCount('fn'), 2);
		const latest = await manager.invoke(fn, input());
		assert.equal(latest.initDurationMs, undefined, '$LATEST is still warm');
		assert.ok(sink.streamsOf('/aws/lambda/fn').some((stream) => /^2026\/03\/07\/\[1\][0-9a-f]{32}$/.test(stream)));
	});

	it('fails on a missing bootstrap as Lambda does', async () => {
		const {manager, sink} = await setup();
		const fn = await snapshot({'README.md': 'no bootstrap here\n'});
		const request = input();
		const outcome = await manager.invoke(fn, request);
		assert.equal(outcome.errorType, 'Runtime.InvalidEntrypoint');
		const document = json(outcome) as {errorType: string; errorMessage: string};
		assert.equal(document.errorType, 'Runtime.InvalidEntrypoint');
		assert.match(document.errorMessage, /^Couldn't find valid bootstrap\(s\): \[\S+\/bootstrap \S+\/bootstrap\]$/);
		const [stream] = sink.streamsOf('/aws/lambda/fn');
		const lines = sink.messages(stream ?? '');
		assert.match(lines[1] ?? '', /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: error\tError Type: Runtime.InvalidEntrypoint\n$/);
		assert.equal(lines[2], `START RequestId: ${request.requestId} Version: $LATEST\n`);
		assert.match(lines[3] ?? '', /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: invoke\tStatus: error\tError Type: Runtime.InvalidEntrypoint\n$/);
		assert.equal(lines[4], `END RequestId: ${request.requestId}\n`);
		assert.match(lines[5] ?? '', /\tStatus: error\tError Type: Runtime.InvalidEntrypoint\n$/);
	});

	it('rejects the runtimes it cannot run', async () => {
		const {manager} = await setup();
		const fn = await snapshot({bootstrap: echoBootstrap}, {runtime: 'java21'});
		await assert.rejects(manager.invoke(fn, input()), (error: unknown) => {
			assert.ok(error instanceof LambdaError);
			assert.equal(error.code, 'InvalidRuntimeException');
			assert.match(error.message, /java21/);
			assert.match(error.message, /nodejs18\.x to nodejs24\.x, python3\.x \(with the python3 on PATH\), and provided\.al2023, provided\.al2 and provided/);
			return true;
		});
		assert.equal(manager.running(), 0);
	});
});

describe('concurrency', () => {
	const slow = shellBootstrap('sleep 0.3; respond ok');

	it('N invocations at once against reserved concurrency K: exactly N - K are throttled', async () => {
		const {manager} = await setup();
		const fn = await snapshot({bootstrap: slow}, {reservedConcurrency: 2});
		const settled = await Promise.allSettled(Array.from({length: 5}, () => manager.invoke(fn, input())));
		const throttles = settled.filter((result) => result.status === 'rejected');
		assert.equal(throttles.length, 3);
		for (const result of throttles) {
			assert.ok(result.status === 'rejected' && result.reason instanceof ThrottleError);
			assert.equal(result.reason.reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
		}
		assert.equal(settled.filter((result) => result.status === 'fulfilled').length, 2);
		assert.equal(manager.running(), 0);
	});

	it('reserved concurrency 0 throttles every invocation', async () => {
		const {manager} = await setup();
		const fn = await snapshot({bootstrap: slow}, {reservedConcurrency: 0});
		await assert.rejects(manager.invoke(fn, input()), (error: unknown) => {
			assert.ok(error instanceof ThrottleError);
			assert.equal(error.reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
			assert.equal(error.message, 'Rate Exceeded.');
			return true;
		});
		assert.equal(manager.environmentCount(), 0, 'nothing was started');
	});

	it('functions without a reservation share the unreserved pool: the account limit less all reservations', async () => {
		const {manager} = await setup({accountConcurrency: 4, reservedTotal: () => 2});
		const open = await snapshot({bootstrap: slow}, {functionName: 'open'});
		const other = await snapshot({bootstrap: slow}, {functionName: 'other'});
		const reserved = await snapshot({bootstrap: slow}, {functionName: 'reserved', reservedConcurrency: 2});
		const running = [manager.invoke(open, input()), manager.invoke(other, input()), manager.invoke(reserved, input()), manager.invoke(reserved, input())];
		assert.equal(manager.running(), 4);
		assert.equal(manager.running('reserved'), 2);
		assert.equal(manager.running('open'), 1);
		await assert.rejects(manager.invoke(open, input()), (error: unknown) => error instanceof ThrottleError && error.reason === 'ConcurrentInvocationLimitExceeded');
		await assert.rejects(manager.invoke(reserved, input()), (error: unknown) => error instanceof ThrottleError && error.reason === 'ReservedFunctionConcurrentInvocationLimitExceeded');
		const outcomes = await Promise.all(running);
		for (const outcome of outcomes) assert.equal(outcome.payload.toString(), 'ok');
		assert.equal(manager.running(), 0);
		// Room again.
		assert.equal((await manager.invoke(open, input())).payload.toString(), 'ok');
	});
});

describe('failures', () => {
	it('a timeout kills the environment with Lambda\'s document, accepts no late response, and the next invocation is cold', async () => {
		const {manager, sink} = await setup();
		const fn = await snapshot(
			{bootstrap: shellBootstrap('case "$EVENT" in *sleep*) echo "$$" > "$TMPDIR/pid"; sleep 3;; esac; respond "late or not: $EVENT"')},
			{timeout: 1},
		);
		const request = input({sleep: true});
		const outcome = await manager.invoke(fn, request);
		assert.equal(outcome.errorType, 'Sandbox.Timedout');
		assert.deepEqual(json(outcome), {errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${request.requestId} Error: Task timed out after 1.00 seconds`});
		assert.equal(outcome.durationMs, 1000);
		const [stream] = sink.streamsOf('/aws/lambda/fn');
		const lines = sink.messages(stream ?? '');
		assert.equal(lines.at(-2), `END RequestId: ${request.requestId}\n`);
		assert.match(
			lines.at(-1) ?? '',
			new RegExp(`^REPORT RequestId: ${request.requestId}\\tDuration: 1000\\.00 ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms\\tStatus: timeout\\n$`),
		);
		assert.equal(manager.environmentCount('fn'), 0, 'the environment is gone');
		const next = await manager.invoke(fn, input({fast: true}));
		assert.equal(next.payload.toString(), 'late or not: {"fast":true}');
		assert.ok(next.initDurationMs !== undefined, 'a fresh environment');
		assert.equal(sink.streamsOf('/aws/lambda/fn').length, 2);
	});

	it('a runtime that exits mid-invocation: Runtime.ExitError with its exit status, and a fresh environment next', async () => {
		const {manager, sink} = await setup();
		const fn = await snapshot({bootstrap: shellBootstrap('case "$EVENT" in *crash*) echo "about to crash"; exit 3;; esac; respond fine')});
		const request = input({crash: true});
		const outcome = await manager.invoke(fn, request);
		assert.equal(outcome.errorType, 'Runtime.ExitError');
		assert.deepEqual(json(outcome), {errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${request.requestId} Error: Runtime exited with error: exit status 3`});
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		assert.deepEqual(lines.slice(-4, -1), [`START RequestId: ${request.requestId} Version: $LATEST\n`, 'about to crash\n', `END RequestId: ${request.requestId}\n`]);
		assert.match(lines.at(-1) ?? '', /\tStatus: error\tError Type: Runtime.ExitError\n$/);
		const next = await manager.invoke(fn, input());
		assert.equal(next.payload.toString(), 'fine');
		assert.ok(next.initDurationMs !== undefined);
	});

	it('a runtime that exits without an answer and status 0 "exited without providing a reason"', async () => {
		const {manager} = await setup();
		const fn = await snapshot({bootstrap: shellBootstrap('exit 0')});
		const request = input();
		const outcome = await manager.invoke(fn, request);
		assert.deepEqual(json(outcome), {errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${request.requestId} Error: Runtime exited without providing a reason`});
	});

	it('memory over the function\'s memory size kills the environment: Runtime.OutOfMemory', async () => {
		const {manager, sink} = await setup();
		const hog = `"$NODE" -e 'const b = Buffer.alloc(400 * 1024 * 1024, 1); setTimeout(() => console.log(b.length), 10000)'; respond survived`;
		const fn = await snapshot({bootstrap: shellBootstrap(hog)}, {environment: {NODE: process.execPath}, timeout: 10});
		const request = input();
		const outcome = await manager.invoke(fn, request);
		assert.equal(outcome.errorType, 'Runtime.OutOfMemory');
		assert.deepEqual(json(outcome), {errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${request.requestId} Error: Runtime exited with error: signal: killed`});
		assert.equal(outcome.maxMemoryUsedMb, 128);
		assert.ok(outcome.durationMs < 10_000);
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		assert.match(lines.at(-1) ?? '', /\tMax Memory Used: 128 MB\t.*Status: error\tError Type: Runtime.OutOfMemory\n$/);
		assert.equal(manager.environmentCount('fn'), 0);
	});

	it('/tmp beyond the ephemeral storage fails the invocation and stops the environment', async () => {
		const {manager} = await setup();
		const fn = await snapshot({bootstrap: shellBootstrap('head -c 3000000 /dev/zero > "$TMPDIR/fill"; respond written')}, {ephemeralStorage: 2});
		const request = input();
		const outcome = await manager.invoke(fn, request);
		assert.equal(outcome.errorType, 'Runtime.ExitError');
		assert.deepEqual(json(outcome), {
			errorType: 'Runtime.ExitError',
			errorMessage: `RequestId: ${request.requestId} Error: /tmp holds 3 MB, more than the function's ephemeral storage (2 MB): the local Lambda stopped the environment`,
		});
		assert.equal(manager.environmentCount('fn'), 0);
		// Within the limit, /tmp is the environment's own and stays between invocations.
		const roomy = await snapshot({bootstrap: shellBootstrap('echo "$REQUEST_ID" >> "$TMPDIR/seen"; respond "$(wc -l < "$TMPDIR/seen" | tr -d " ")"')});
		assert.equal((await manager.invoke(roomy, input())).payload.toString(), '1');
		assert.equal((await manager.invoke(roomy, input())).payload.toString(), '2');
	});

	it('a response over 6 MB: 413 to the runtime, Function.ResponseSizeTooLarge to the caller', async () => {
		const {manager, sink} = await setup();
		const big = `head -c 7000000 /dev/zero | tr '\\0' 'a' > "$TMPDIR/big"; code="$(curl -sS -o "$TMPDIR/answer" -w '%{http_code}' -X POST "$API/invocation/$REQUEST_ID/response" --data-binary @"$TMPDIR/big")"; echo "runtime api said $code $(cat "$TMPDIR/answer")"; rm -f "$TMPDIR/big"`;
		const fn = await snapshot({bootstrap: shellBootstrap(`case "$EVENT" in *big*) ${big};; *) respond small;; esac`)});
		const request = input({big: true});
		const outcome = await manager.invoke(fn, request);
		assert.equal(outcome.errorType, 'Function.ResponseSizeTooLarge');
		assert.deepEqual(json(outcome), {
			errorType: 'Function.ResponseSizeTooLarge',
			errorMessage: 'Response payload size (7000000 bytes) exceeded maximum allowed payload size (6291556 bytes).',
		});
		const next = await manager.invoke(fn, input());
		assert.equal(next.payload.toString(), 'small');
		assert.equal(next.initDurationMs, undefined, 'the environment stays warm');
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		assert.ok(lines.includes('runtime api said 413 {"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}\n'));
	});

	it('a function error posted to /error is the invocation\'s error', async () => {
		const {manager, sink} = await setup();
		const fail = `curl -sS -o /dev/null -X POST "$API/invocation/$REQUEST_ID/error" -H 'Lambda-Runtime-Function-Error-Type: Custom.Failure' --data-binary '{"errorMessage":"it broke","errorType":"Custom.Failure"}'`;
		const fn = await snapshot({bootstrap: shellBootstrap(fail)});
		const outcome = await manager.invoke(fn, input());
		assert.equal(outcome.errorType, 'Custom.Failure');
		assert.deepEqual(json(outcome), {errorMessage: 'it broke', errorType: 'Custom.Failure'});
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		assert.match(lines.at(-1) ?? '', /Max Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms\t\n$/, 'a function error is no platform error');
		assert.equal((await manager.invoke(fn, input())).initDurationMs, undefined, 'the environment stays warm');
	});

	it('an init error is reported, then the init is run again in the invocation, as Lambda does', async () => {
		const {manager, sink} = await setup();
		const init = `echo "loading config"; curl -sS -o /dev/null -X POST "$API/init/error" -H 'Lambda-Runtime-Function-Error-Type: Runtime.ConfigError' --data-binary '{"errorMessage":"no config","errorType":"Runtime.ConfigError"}'; exit 1`;
		const fn = await snapshot({bootstrap: shellBootstrap('respond never', init)});
		const request = input();
		const outcome = await manager.invoke(fn, request);
		assert.equal(outcome.errorType, 'Runtime.ConfigError');
		assert.deepEqual(json(outcome), {errorMessage: 'no config', errorType: 'Runtime.ConfigError'});
		assert.equal(outcome.initDurationMs, undefined);
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		assert.match(lines[0] ?? '', /^INIT_START /);
		assert.equal(lines[1], 'loading config\n');
		assert.match(lines[2] ?? '', /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: error\tError Type: Runtime.ConfigError\n$/);
		assert.equal(lines[3], `START RequestId: ${request.requestId} Version: $LATEST\n`);
		assert.equal(lines[4], 'loading config\n', 'the init ran again');
		assert.match(lines[5] ?? '', /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: invoke\tStatus: error\tError Type: Runtime.ConfigError\n$/);
		assert.equal(lines[6], `END RequestId: ${request.requestId}\n`);
		assert.match(lines[7] ?? '', /^REPORT RequestId: \S+\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tStatus: error\tError Type: Runtime.ConfigError\n$/);
		assert.equal(manager.environmentCount('fn'), 0);
	});

	it('a runtime that dies in its init without a word: Runtime.ExitError', async () => {
		const {manager} = await setup();
		const fn = await snapshot({bootstrap: shellBootstrap('respond never', 'exit 2')});
		const request = input();
		const outcome = await manager.invoke(fn, request);
		assert.deepEqual(json(outcome), {errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${request.requestId} Error: Runtime exited with error: exit status 2`});
	});

	it('an init over the init time limit is re-run inside the invocation, within the function\'s timeout', async () => {
		const {manager, sink} = await setup({initTimeoutMs: 200});
		const fn = await snapshot({bootstrap: shellBootstrap('respond "ready after all"', 'echo "slow init"; sleep 0.5')}, {timeout: 3});
		const request = input();
		const outcome = await manager.invoke(fn, request);
		assert.equal(outcome.payload.toString(), 'ready after all');
		assert.equal(outcome.initDurationMs, undefined, 'the init ran in the invocation');
		assert.ok(outcome.durationMs >= 500, 'and its time is the invocation\'s');
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		assert.equal(lines[1], 'slow init\n');
		assert.match(lines[2] ?? '', /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: timeout\n$/);
		assert.equal(lines[3], `START RequestId: ${request.requestId} Version: $LATEST\n`);
		assert.equal(lines[4], 'slow init\n');
		assert.equal(lines[5], `END RequestId: ${request.requestId}\n`);
		assert.match(lines[6] ?? '', reportPattern(request.requestId, false));
		assert.equal((await manager.invoke(fn, input())).initDurationMs, undefined, 'warm from then on');
	});

	it('a runtime that exits after answering: the next invocation runs in a new environment', async () => {
		const {manager} = await setup();
		const fn = await snapshot({bootstrap: shellBootstrap('respond "$$"; case "$EVENT" in *quit*) exit 0;; esac')});
		const first = await manager.invoke(fn, input({quit: true}));
		const second = await manager.invoke(fn, input());
		assert.equal(second.errorType, undefined, second.payload.toString());
		assert.notEqual(second.payload.toString(), first.payload.toString());
		assert.ok(second.initDurationMs !== undefined);
	});

	it('answers calls out of turn as the Runtime API does', async () => {
		const {manager, sink} = await setup();
		const handle = `
			code="$(curl -sS -o "$TMPDIR/a" -w '%{http_code}' -X POST "$API/invocation/not-a-request/response" -d x)"; echo "wrong id: $code $(cat "$TMPDIR/a")"
			if [ -f "$TMPDIR/previous" ]; then code="$(curl -sS -o "$TMPDIR/a" -w '%{http_code}' -X POST "$API/invocation/$(cat "$TMPDIR/previous")/response" -d x)"; echo "answered already: $code $(cat "$TMPDIR/a")"; fi
			code="$(curl -sS -o "$TMPDIR/a" -w '%{http_code}' -X POST "$API/init/error" -d x)"; echo "init error now: $code"
			code="$(curl -sS -o /dev/null -w '%{http_code}' "$API/nowhere")"; echo "unknown path: $code"
			echo "$REQUEST_ID" > "$TMPDIR/previous"
			code="$(curl -sS -o "$TMPDIR/a" -w '%{http_code}' -X POST "$API/invocation/$REQUEST_ID/response" -d done)"; echo "answer: $code $(cat "$TMPDIR/a")"`;
		const fn = await snapshot({bootstrap: shellBootstrap(handle)});
		assert.equal((await manager.invoke(fn, input())).payload.toString(), 'done');
		assert.equal((await manager.invoke(fn, input())).payload.toString(), 'done');
		await manager.invoke(fn, input());
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		assert.ok(lines.includes('wrong id: 400 {"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}\n'));
		assert.ok(lines.includes('answered already: 400 {"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}\n'));
		assert.ok(lines.includes('init error now: 403\n'));
		assert.ok(lines.includes('unknown path: 404\n'));
		assert.ok(lines.includes('answer: 202 {"status":"OK"}\n'));
	});

	it('bounds what one invocation may log, and says so', async () => {
		const {manager, sink} = await setup({logBytesMax: 64 * 1024});
		const fn = await snapshot({bootstrap: shellBootstrap('yes "runaway output that does not stop on its own, on and on" | head -n 20000; respond done')});
		const outcome = await manager.invoke(fn, input());
		assert.equal(outcome.payload.toString(), 'done');
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		const output = lines.filter((line) => line.startsWith('runaway'));
		assert.ok(output.length > 1000 && output.length < 1200, `${output.length} lines kept`);
		assert.ok(lines.includes('[lambdash] Log output truncated: more than 64 KiB was written in this invocation; the local Lambda dropped the rest of it.\n'));
		assert.match(lines.at(-1) ?? '', /^REPORT /);
		// The next invocation logs again.
		await manager.invoke(fn, input());
		assert.equal(sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '').filter((line) => line.startsWith('[lambdash]')).length, 2);
	});
});

describe('environments over time', () => {
	it('reaps an idle environment after the idle timeout, on the clock', async () => {
		const {manager, clock} = await setup({idleTimeoutMs: 60_000});
		const fn = await snapshot({bootstrap: shellBootstrap('respond "$$"')});
		const first = await manager.invoke(fn, input());
		const pid = Number(first.payload.toString());
		await clock.advance(59_999);
		assert.equal(manager.environmentCount('fn'), 1);
		assert.equal((await manager.invoke(fn, input())).initDurationMs, undefined, 'still warm, and the idle time starts again');
		await clock.advance(59_999);
		assert.equal(manager.environmentCount('fn'), 1);
		await clock.advance(1);
		assert.equal(manager.environmentCount('fn'), 0);
		await new Promise((resolve) => setTimeout(resolve, 50));
		assert.ok(processGone(pid), 'its process is gone');
		assert.ok((await manager.invoke(fn, input())).initDurationMs !== undefined, 'a cold start');
	});

	it('retire() stops every environment of a function; close() leaves no process behind', async () => {
		const {manager} = await setup();
		const fn = await snapshot({bootstrap: shellBootstrap('respond "$$"')});
		const other = await snapshot({bootstrap: shellBootstrap('respond "$$"')}, {functionName: 'other'});
		const [a, b] = await Promise.all([manager.invoke(fn, {...input()}), manager.invoke(fn, input())]);
		const c = await manager.invoke(other, input());
		manager.retire('fn');
		assert.equal(manager.environmentCount('fn'), 0);
		assert.equal(manager.environmentCount('other'), 1);
		await new Promise((resolve) => setTimeout(resolve, 50));
		assert.ok(processGone(Number(a?.payload.toString())) && processGone(Number(b?.payload.toString())));
		await manager.close();
		assert.ok(processGone(Number(c.payload.toString())));
		assert.equal(manager.environmentCount(), 0);
	});
});

describe('closing during a cold start', () => {
	it('stops the init, starts nothing more, and leaves no process behind', async () => {
		const {manager} = await setup();
		const pidFile = join(scratch, `pids-${Date.now()}`);
		const fn = await snapshot({bootstrap: shellBootstrap('respond never', 'echo "$$" >> "$PID_FILE"; sleep 5')}, {environment: {PID_FILE: pidFile}});
		const running = manager.invoke(fn, input());
		const settled = running.then(
			(outcome) => outcome,
			(error: unknown) => error,
		);
		for (let waited = 0; !existsSync(pidFile) && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
		await manager.close();
		const result = await settled;
		assert.ok(result instanceof Error || (result as InvocationOutcome).errorType !== undefined, 'the invocation does not succeed');
		const pids = readFileSync(pidFile, 'utf8').trim().split('\n');
		assert.equal(pids.length, 1, 'the init was not started again');
		assert.ok(processGone(Number(pids[0])));
		assert.equal(manager.environmentCount(), 0);
	});
});

describe('what a function sees', () => {
	it('gets the environment variables Lambda defines, and its own, which cannot replace the reserved ones', async () => {
		process.env.LAMBDASH_HOST_ONLY = 'leaked';
		const {manager, sink} = await setup();
		const fn = await snapshot(
			{bootstrap: shellBootstrap('env > "$TMPDIR/env"; curl -sS -o /dev/null -X POST "$API/invocation/$REQUEST_ID/response" --data-binary @"$TMPDIR/env"')},
			{environment: {MY_SETTING: 'from the function', AWS_REGION: 'xx-fake-1', AWS_LAMBDA_FUNCTION_NAME: 'spoof', LANG: 'C.UTF-8'}, handler: 'my.handler', memorySize: 256},
		);
		const outcome = await manager.invoke(fn, input());
		delete process.env.LAMBDASH_HOST_ONLY;
		const env = new Map(
			outcome.payload
				.toString()
				.split('\n')
				.filter((line) => line.includes('='))
				.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
		);
		const [stream] = sink.streamsOf('/aws/lambda/fn');
		assert.equal(env.get('MY_SETTING'), 'from the function');
		assert.equal(env.get('LANG'), 'C.UTF-8', 'unreserved: the function may set it');
		assert.equal(env.get('AWS_REGION'), 'us-east-1');
		assert.equal(env.get('AWS_DEFAULT_REGION'), 'us-east-1');
		assert.equal(env.get('AWS_LAMBDA_FUNCTION_NAME'), 'fn');
		assert.equal(env.get('AWS_LAMBDA_FUNCTION_VERSION'), '$LATEST');
		assert.equal(env.get('AWS_LAMBDA_FUNCTION_MEMORY_SIZE'), '256');
		assert.equal(env.get('AWS_LAMBDA_LOG_GROUP_NAME'), '/aws/lambda/fn');
		assert.equal(env.get('AWS_LAMBDA_LOG_STREAM_NAME'), stream);
		assert.equal(env.get('AWS_LAMBDA_INITIALIZATION_TYPE'), 'on-demand');
		assert.equal(env.get('AWS_LAMBDA_LOG_FORMAT'), 'Text');
		assert.match(env.get('AWS_LAMBDA_RUNTIME_API') ?? '', /^127\.0\.0\.1:\d+$/);
		assert.equal(env.get('_HANDLER'), 'my.handler');
		assert.equal(env.get('TZ'), ':UTC');
		assert.equal(env.get('_LAMBDA_TELEMETRY_LOG_FD'), '3');
		assert.ok(existsSync(join(env.get('LAMBDA_TASK_ROOT') ?? '', 'bootstrap')));
		assert.ok(env.has('LAMBDA_RUNTIME_DIR'));
		assert.equal(env.get('AWS_EXECUTION_ENV'), undefined, 'not defined for the OS-only runtimes');
		for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) assert.ok((env.get(name) ?? '') !== '', name);
		assert.match(env.get('TMPDIR') ?? '', /[0-9a-f]{32}$/);
		assert.equal(env.get('TMP'), env.get('TMPDIR'));
		assert.equal(env.get('LAMBDASH_HOST_ONLY'), undefined, 'nothing of the host leaks in');
		assert.equal(env.get('NODE_TEST_CONTEXT'), undefined);
	});

	it('merges layers in order into an /opt-like directory on the PATH and LD_LIBRARY_PATH', async () => {
		const {manager} = await setup();
		const first = await layer({'bin/greet.sh': '#!/bin/sh\necho "hello from layer one"\n', 'shared.txt': 'layer one\n', 'lib/libone.txt': 'one\n'});
		const second = await layer({'shared.txt': 'layer two\n'});
		const fn = await snapshot(
			{bootstrap: shellBootstrap('OPT="$(dirname "$(command -v greet.sh)")/.."; respond "$(greet.sh)|$(cat "$OPT/shared.txt")|$PATH|$LD_LIBRARY_PATH"')},
			{layers: [first, second]},
		);
		const [greeting, shared, path, libraries] = (await manager.invoke(fn, input())).payload.toString().split('|');
		assert.equal(greeting, 'hello from layer one');
		assert.equal(shared, 'layer two', 'the later layer wins');
		const optBin = path?.split(':').at(-1) ?? '';
		assert.match(optBin, /\/bin$/, '/opt/bin comes last on the PATH, as in Lambda');
		assert.ok(libraries?.split(':').at(-1)?.endsWith('/lib'));
		assert.equal(libraries?.split(':').at(-1), optBin.replace(/bin$/, 'lib'));
	});
});

describe('the managed Node.js runtime', () => {
	it('runs an ESM handler with Lambda\'s heap flags, and writes its console output and REPORT', async () => {
		const {manager, sink} = await setup();
		const handler = [
			'console.log("initialising");',
			'export const handler = async (event, context) => {',
			'	console.log("got", event.name);',
			'	return {hello: event.name, execArgv: process.execArgv, runtime: process.env.AWS_EXECUTION_ENV, requestId: context.awsRequestId};',
			'};',
		].join('\n');
		const fn = await snapshot({'index.mjs': handler}, {runtime: 'nodejs22.x', handler: 'index.handler'});
		const request = input({name: 'world'});
		const cold = await manager.invoke(fn, request);
		assert.equal(cold.errorType, undefined, cold.payload.toString());
		const result = json(cold) as {hello: string; execArgv: string[]; runtime: string; requestId: string};
		assert.equal(result.hello, 'world');
		assert.equal(result.runtime, 'AWS_Lambda_nodejs22.x');
		assert.equal(result.requestId, request.requestId);
		assert.ok(result.execArgv.includes('--max-old-space-size=116') && result.execArgv.includes('--max-semi-space-size=6'), result.execArgv.join(' '));
		assert.ok(cold.initDurationMs !== undefined);
		assert.ok(cold.maxMemoryUsedMb > 10, 'a Node.js process uses some memory');
		const warm = await manager.invoke(fn, input({name: 'again'}));
		assert.equal((json(warm) as {hello: string}).hello, 'again');
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		assert.match(lines[0] ?? '', /^INIT_START Runtime Version: nodejs:22\.v\d+\t/);
		assert.match(lines[1] ?? '', /^\d{4}-\d\d-\d\dT[\d:.]+Z\tundefined\tINFO\tinitialising\n$/);
		assert.equal(lines[2], `START RequestId: ${request.requestId} Version: $LATEST\n`);
		assert.match(lines[3] ?? '', new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${request.requestId}\\tINFO\\tgot world\\n$`));
		assert.equal(lines[4], `END RequestId: ${request.requestId}\n`);
		assert.match(lines[5] ?? '', reportPattern(request.requestId, true));
	});

	it('finds a layer\'s modules through NODE_PATH, and writes JSON logs in the JSON log format', async () => {
		const {manager, sink} = await setup();
		const library = await layer({'nodejs/node_modules/greeting/index.js': 'module.exports = (name) => `hi ${name}`;\n'});
		const handler = [
			'import {createRequire} from "node:module";',
			'const require = createRequire(import.meta.url);',
			'const greet = require("greeting");',
			'export const handler = async () => { console.info("greeting"); return {text: greet("layer"), nodePath: process.env.NODE_PATH}; };',
		].join('\n');
		const fn = await snapshot({'index.mjs': handler}, {runtime: 'nodejs22.x', handler: 'index.handler', layers: [library], logFormat: 'JSON'});
		const request = input();
		const outcome = await manager.invoke(fn, request);
		const result = json(outcome) as {text: string; nodePath: string};
		assert.equal(result.text, 'hi layer');
		const parts = result.nodePath.split(':');
		assert.match(parts[0] ?? '', /\/nodejs\/node22\/node_modules$/);
		assert.match(parts[1] ?? '', /\/nodejs\/node_modules$/);
		const records = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '').map((line) => JSON.parse(line) as Record<string, unknown>);
		assert.deepEqual(
			records.map((record) => record.type ?? record.level),
			['platform.initStart', 'platform.start', 'INFO', 'platform.report'],
		);
		assert.deepEqual(records[1], {time: '2026-03-07T12:00:00.000Z', type: 'platform.start', record: {requestId: request.requestId, version: '$LATEST'}});
		assert.equal(records[2]?.message, 'greeting');
		const report = records[3] as {record: {requestId: string; status: string; metrics: Record<string, number>}};
		assert.equal(report.record.requestId, request.requestId);
		assert.equal(report.record.status, 'success');
		assert.deepEqual(Object.keys(report.record.metrics), ['durationMs', 'billedDurationMs', 'memorySizeMB', 'maxMemoryUsedMB', 'initDurationMs']);
		assert.equal(report.record.metrics.durationMs, outcome.durationMs);
		assert.equal(report.record.metrics.initDurationMs, outcome.initDurationMs);
	});
});

describe('the managed Python runtime', () => {
	it('runs a handler with the machine\'s python3, imports from a layer through PYTHONPATH, and writes its REPORT', async () => {
		const {manager, sink} = await setup();
		const library = await layer({'python/greeting.py': 'def greet(name):\n    return "hi " + name\n'});
		const handler = [
			'import os',
			'from greeting import greet',
			'print("initialising")',
			'def lambda_handler(event, context):',
			'    print("got", event["name"])',
			'    return {"text": greet(event["name"]), "runtime": os.environ["AWS_EXECUTION_ENV"], "requestId": context.aws_request_id}',
		].join('\n');
		const fn = await snapshot({'lambda_function.py': `${handler}\n`}, {runtime: 'python3.12', handler: 'lambda_function.lambda_handler', layers: [library]});
		const request = input({name: 'python'});
		const cold = await manager.invoke(fn, request);
		assert.equal(cold.errorType, undefined, cold.payload.toString());
		assert.deepEqual(json(cold), {text: 'hi python', runtime: 'AWS_Lambda_python3.12', requestId: request.requestId});
		assert.ok(cold.initDurationMs !== undefined);
		const warm = await manager.invoke(fn, input({name: 'again'}));
		assert.equal((json(warm) as {text: string}).text, 'hi again');
		assert.equal(warm.initDurationMs, undefined);
		const lines = sink.messages(sink.streamsOf('/aws/lambda/fn')[0] ?? '');
		assert.match(lines[0] ?? '', /^INIT_START Runtime Version: python:3\.12\.v\d+\t/);
		assert.equal(lines[1], 'initialising\n');
		assert.equal(lines[2], `START RequestId: ${request.requestId} Version: $LATEST\n`);
		assert.equal(lines[3], 'got python\n');
		assert.equal(lines[4], `END RequestId: ${request.requestId}\n`);
		assert.match(lines[5] ?? '', reportPattern(request.requestId, true));
	});

	it('reports a handler\'s exception as the invocation\'s error, and stays warm', async () => {
		const {manager} = await setup();
		const fn = await snapshot(
			{'lambda_function.py': 'def lambda_handler(event, context):\n    raise ValueError("bad input")\n'},
			{runtime: 'python3.12', handler: 'lambda_function.lambda_handler'},
		);
		const outcome = await manager.invoke(fn, input());
		assert.equal(outcome.errorType, 'ValueError');
		const document = json(outcome) as {errorMessage: string; errorType: string};
		assert.equal(document.errorMessage, 'bad input');
		assert.equal(document.errorType, 'ValueError');
		assert.equal((await manager.invoke(fn, input())).initDurationMs, undefined);
	});
});
