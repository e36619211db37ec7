// The parts of the runtime manager on their own: the telemetry frames and
// output lines, unpacking (modes, links, layers in order), the environment
// variables per runtime, Node's heap flags, exit descriptions, the JSON log
// format's system log level, and concurrency accounting.

import assert from 'node:assert/strict';
import {lstatSync, readFileSync, readlinkSync, statSync} from 'node:fs';
import {mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {strToU8, zipSync} from 'fflate';
import {ManualClock} from '../../source/mock/clock.js';
import type {LogEventInput} from '../../source/mock/logs/log-sink.js';
import {ConcurrencyLedger} from '../../source/mock/runtime/concurrency.js';
import {describeExit, exitMessage} from '../../source/mock/runtime/environment.js';
import {buildEnvironment} from '../../source/mock/runtime/environment-variables.js';
import {FrameDecoder, LineSplitter, frameTypeJson, frameTypeText, recordMax, type LogRecord} from '../../source/mock/runtime/log-output.js';
import {LogWriter} from '../../source/mock/runtime/log-writer.js';
import {nodeHeapFlags, runtimeFamily, type RuntimeFamily} from '../../source/mock/runtime/runtimes.js';
import {ThrottleError, type FunctionSnapshot} from '../../source/mock/runtime/types.js';
import {CodeCache, unpackZip} from '../../source/mock/runtime/unpack.js';

let scratch = '';

before(async () => {
	scratch = await mkdtemp(join(tmpdir(), 'lambdash-runtime-parts-'));
});

after(async () => {
	await rm(scratch, {recursive: true, force: true});
});

function frame(type: number, text: string, micros: bigint): Buffer {
	const payload = Buffer.from(text, 'utf8');
	const header = Buffer.alloc(16);
	header.writeUInt32BE(type, 0);
	header.writeUInt32BE(payload.length, 4);
	header.writeBigUInt64BE(micros, 8);
	return Buffer.concat([header, payload]);
}

describe('telemetry frames and output lines', () => {
	it('reads frames whatever the chunks they arrive in', () => {
		const records: LogRecord[] = [];
		const decoder = new FrameDecoder((record) => records.push(record));
		const bytes = Buffer.concat([
			frame(frameTypeText, '2026-03-07T12:00:00.000Z\tid\tINFO\tfirst\nwith a second line\n', 1_772_884_800_123_456n),
			frame(frameTypeJson, '{"level":"INFO","message":"second"}', 1_772_884_800_200_000n),
		]);
		for (let offset = 0; offset < bytes.length; offset += 7) decoder.push(bytes.subarray(offset, offset + 7));
		assert.deepEqual(records, [
			{message: '2026-03-07T12:00:00.000Z\tid\tINFO\tfirst\nwith a second line\n', json: false, timestampMs: 1_772_884_800_123},
			{message: '{"level":"INFO","message":"second"}', json: true, timestampMs: 1_772_884_800_200},
		]);
	});

	it('cuts a record longer than 256 KiB, and reads the next one intact', () => {
		const records: LogRecord[] = [];
		const decoder = new FrameDecoder((record) => records.push(record));
		const bytes = Buffer.concat([frame(frameTypeText, 'x'.repeat(300 * 1024), 1_000_000n), frame(frameTypeText, 'after\n', 2_000_000n)]);
		for (let offset = 0; offset < bytes.length; offset += 10_000) decoder.push(bytes.subarray(offset, offset + 10_000));
		assert.equal(records.length, 2);
		assert.equal(records[0]?.message.length, recordMax);
		assert.deepEqual(records[1], {message: 'after\n', json: false, timestampMs: 2000});
	});

	it('cuts stdout into lines, keeps a character split across chunks whole, and ends the last line', () => {
		const records: LogRecord[] = [];
		const splitter = new LineSplitter((record) => records.push(record));
		const bytes = Buffer.from('héllo\nwörld\nno newline at the end', 'utf8');
		splitter.push(bytes.subarray(0, 2));
		splitter.push(bytes.subarray(2, 9));
		splitter.push(bytes.subarray(9));
		splitter.end();
		assert.deepEqual(
			records.map((record) => record.message),
			['héllo\n', 'wörld\n', 'no newline at the end\n'],
		);
	});
});

describe('unpacking', () => {
	it('keeps the modes and links of the zip, leaves files read-only, and never writes outside the folder', async () => {
		const date = new Date('2024-01-01T00:00:00Z');
		const zip = zipSync({
			bootstrap: [strToU8('#!/bin/sh\necho hi\n'), {os: 3, attrs: 0o100755 << 16, mtime: date}],
			'lib/data.txt': [strToU8('data\n'), {os: 3, attrs: 0o100644 << 16, mtime: date}],
			'lib/link.txt': [strToU8('data.txt'), {os: 3, attrs: 0o120777 << 16, mtime: date}],
			'../escape.txt': [strToU8('no'), {mtime: date}],
			'plain.txt': [strToU8('from a zip without Unix attributes'), {mtime: date}],
		});
		const destination = join(scratch, 'unpacked');
		await unpackZip(zip, destination);
		assert.equal(statSync(join(destination, 'bootstrap')).mode & 0o777, 0o555);
		assert.equal(statSync(join(destination, 'lib/data.txt')).mode & 0o777, 0o444);
		assert.equal(statSync(join(destination, 'plain.txt')).mode & 0o777, 0o444);
		assert.ok(lstatSync(join(destination, 'lib/link.txt')).isSymbolicLink());
		assert.equal(readlinkSync(join(destination, 'lib/link.txt')), 'data.txt');
		assert.equal(readFileSync(join(destination, 'lib/link.txt'), 'utf8'), 'data\n');
		assert.deepEqual((await readdir(scratch)).filter((name) => name.startsWith('escape')), []);
	});

	it('unpacks a package once, and merges layers in order', async () => {
		const cache = new CodeCache(join(scratch, 'cache'));
		const code = join(scratch, 'code.zip');
		await writeFile(code, zipSync({'index.mjs': strToU8('export {};\n')}));
		const first = await cache.code('a'.repeat(64), code);
		await writeFile(code, zipSync({'other.mjs': strToU8('export {};\n')}));
		assert.equal(await cache.code('a'.repeat(64), code), first, 'the same hash is not unpacked again');
		assert.deepEqual(await readdir(first), ['index.mjs']);
		const one = join(scratch, 'one.zip');
		const two = join(scratch, 'two.zip');
		await writeFile(one, zipSync({'shared.txt': strToU8('one'), 'one.txt': strToU8('1')}));
		await writeFile(two, zipSync({'shared.txt': strToU8('two')}));
		const opt = await cache.opt([
			{arn: 'arn:1', zipPath: one, sha256Hex: '1'.repeat(64)},
			{arn: 'arn:2', zipPath: two, sha256Hex: '2'.repeat(64)},
		]);
		assert.equal(readFileSync(join(opt, 'shared.txt'), 'utf8'), 'two');
		assert.equal(readFileSync(join(opt, 'one.txt'), 'utf8'), '1');
		const reversed = await cache.opt([
			{arn: 'arn:2', zipPath: two, sha256Hex: '2'.repeat(64)},
			{arn: 'arn:1', zipPath: one, sha256Hex: '1'.repeat(64)},
		]);
		assert.notEqual(reversed, opt);
		assert.equal(readFileSync(join(reversed, 'shared.txt'), 'utf8'), 'one');
	});
});

describe('environment variables', () => {
	const fn: FunctionSnapshot = {
		functionName: 'fn',
		version: '3',
		runtime: 'python3.12',
		handler: 'app.handler',
		timeout: 3,
		memorySize: 512,
		ephemeralStorage: 512,
		architectures: ['x86_64'],
		environment: {PYTHONPATH: '/mine', AWS_LAMBDA_RUNTIME_API: 'evil:1', LAMBDA_TASK_ROOT: '/elsewhere'},
		layers: [],
		logFormat: 'JSON',
		applicationLogLevel: 'DEBUG',
		logGroup: '/aws/lambda/fn',
		codeSha256Hex: '0'.repeat(64),
		codePath: '/nowhere.zip',
		fingerprint: 'x',
	};
	const paths = {taskRoot: '/work/task', optDir: '/work/opt', runtimeDir: '/work/runtime', tmpDir: '/work/tmp/env'};
	const identity = {region: 'eu-west-1', logStreamName: 'stream', runtimeApi: '127.0.0.1:9001', executionEnv: 'AWS_Lambda_python3.12', telemetryFd: 3};

	it('sets the Python paths relative to the layers\' directory, and the function may extend them', () => {
		const family = runtimeFamily('python3.12') as RuntimeFamily;
		const env = buildEnvironment({...fn, environment: {}}, family, paths, identity);
		assert.equal(env.PYTHONPATH, '/work/runtime:/work/opt/python/lib/python3.12/site-packages:/work/opt/python');
		assert.equal(env.AWS_LAMBDA_LOG_FORMAT, 'JSON');
		assert.equal(env.AWS_LAMBDA_LOG_LEVEL, 'DEBUG');
		assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_python3.12');
		assert.equal(env.NODE_PATH, undefined);
		const own = buildEnvironment(fn, family, paths, identity);
		assert.equal(own.PYTHONPATH, '/mine', 'unreserved');
		assert.equal(own.AWS_LAMBDA_RUNTIME_API, '127.0.0.1:9001', 'reserved');
		assert.equal(own.LAMBDA_TASK_ROOT, '/work/task', 'reserved');
	});

	it('sets NODE_PATH as Lambda\'s Node.js bootstrap does', () => {
		const env = buildEnvironment({...fn, runtime: 'nodejs22.x', environment: {}}, runtimeFamily('nodejs22.x') as RuntimeFamily, paths, identity);
		assert.equal(env.NODE_PATH, '/work/opt/nodejs/node22/node_modules:/work/opt/nodejs/node_modules:/work/runtime/node_modules:/work/runtime:/work/task');
		assert.equal(env.PYTHONPATH, undefined);
		assert.ok(env.PATH?.endsWith(':/work/opt/bin'));
		assert.ok(env.LD_LIBRARY_PATH?.endsWith(':/work/task:/work/task/lib:/work/opt/lib'));
	});

	it('sizes Node\'s heap from the memory as Lambda does', () => {
		assert.deepEqual(nodeHeapFlags(128), ['--max-semi-space-size=6', '--max-old-space-size=116']);
		assert.deepEqual(nodeHeapFlags(1024), ['--max-semi-space-size=51', '--max-old-space-size=922']);
	});

	it('knows the runtimes it runs', () => {
		for (const runtime of ['nodejs18.x', 'nodejs22.x', 'nodejs22.x', 'nodejs24.x', 'python3.9', 'python3.13', 'provided', 'provided.al2', 'provided.al2023']) {
			assert.ok(runtimeFamily(runtime) !== undefined, runtime);
		}
		for (const runtime of ['nodejs16.x', 'python2.7', 'java21', 'ruby3.3', 'dotnet8', 'go1.x']) assert.equal(runtimeFamily(runtime), undefined, runtime);
	});
});

describe('exits, logs and concurrency', () => {
	it('describes an exit as Lambda does', () => {
		assert.equal(describeExit({code: 3, signal: null}), 'exit status 3');
		assert.equal(describeExit({code: null, signal: 'SIGKILL'}), 'signal: killed');
		assert.equal(describeExit({code: null, signal: 'SIGSEGV'}), 'signal: segmentation fault');
		assert.equal(exitMessage({code: 1, signal: null}, 'id-1'), 'RequestId: id-1 Error: Runtime exited with error: exit status 1');
		assert.equal(exitMessage({code: 0, signal: null}, 'id-1'), 'RequestId: id-1 Error: Runtime exited without providing a reason');
		assert.equal(exitMessage({code: null, signal: 'SIGABRT'}), 'Error: Runtime exited with error: signal: aborted');
	});

	it('in the JSON log format, a system log level of WARN leaves out the platform records', async () => {
		const written: LogEventInput[] = [];
		const writer = new LogWriter({
			sink: {append: (_group, _stream, events) => written.push(...events)},
			clock: new ManualClock(),
			group: '/aws/lambda/fn',
			stream: 'stream',
			format: 'JSON',
			systemLogLevel: 'WARN',
			functionName: 'fn',
			version: '$LATEST',
		});
		writer.start('id-1');
		writer.output({message: '{"level":"WARN","message":"careful"}', json: true});
		writer.end('id-1');
		const tail = writer.report({requestId: 'id-1', durationMs: 1.5, billedDurationMs: 2, memorySizeMb: 128, maxMemoryUsedMb: 30});
		assert.deepEqual(
			written.map((event) => event.message),
			['{"level":"WARN","message":"careful"}'],
		);
		assert.equal(tail, '{"level":"WARN","message":"careful"}\n');
	});

	it('counts reserved and unreserved invocations apart', () => {
		const ledger = new ConcurrencyLedger();
		const a = ledger.admit('a', 1, 10, 9);
		assert.throws(() => ledger.admit('a', 1, 10, 9), (error: unknown) => error instanceof ThrottleError && error.reason === 'ReservedFunctionConcurrentInvocationLimitExceeded');
		const b = ledger.admit('b', undefined, 10, 9);
		assert.throws(() => ledger.admit('c', undefined, 10, 9), (error: unknown) => error instanceof ThrottleError && error.reason === 'ConcurrentInvocationLimitExceeded');
		assert.equal(ledger.running(), 2);
		ledger.release(b);
		assert.equal(ledger.running('b'), 0);
		ledger.admit('c', undefined, 10, 9);
		ledger.release(a);
		assert.equal(ledger.running('a'), 0);
		assert.equal(ledger.running(), 1);
	});
});
