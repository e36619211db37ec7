// The runtime bootstraps the local Lambda starts for managed runtimes (Node.js and Python),
// spawned as the runtime manager spawns them: cwd and LAMBDA_TASK_ROOT an unpacked task root,
// Lambda's environment variables, fd 3 a pipe for the telemetry log frames, and a Lambda
// Runtime API (a fake one here) on loopback. What is checked is what Lambda's own runtime
// clients would post and log: results, error documents, init errors and log records.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import type {Readable} from 'node:stream';
import {after, describe, test} from 'node:test';
import {demoFunctions} from '../../source/demo/index.js';
import {packageRoot} from '../../source/package-root.js';
import {
	defaultFunctionArn,
	FakeRuntimeApi,
	TelemetryReader,
	type InitError,
	type Invocation,
	type Reported,
	type TelemetryFrame,
} from '../support/fake-runtime-api.js';

const nodeBootstrap = join(packageRoot(), 'source', 'mock', 'runtime', 'bootstraps', 'node', 'bootstrap.mjs');
const pythonBootstrap = join(packageRoot(), 'source', 'mock', 'runtime', 'bootstraps', 'python', 'bootstrap.py');
const logStream = '2024/06/14/[$LATEST]0123456789abcdef0123456789abcdef';
const TEXT_FRAME = 0xa55a0003;
const JSON_FRAME = 0xa55a0002;

// Every folder lives under one with an empty package.json: Node (and Lambda's loader) decide
// whether a .js file is an ES module from the nearest package.json, which must not be one
// that happens to sit above the temporary directory.
const base = mkdtempSync(join(tmpdir(), 'lambdash-bootstraps-'));
writeFileSync(join(base, 'package.json'), '{}\n');
const scratch: string[] = [base];
/** Cleans up an environment a failed test left behind. */
const leftovers = new Set<() => Promise<void>>();
after(async () => {
	for (const cleanup of leftovers) await cleanup();
	for (const folder of scratch) rmSync(folder, {recursive: true, force: true});
});

/** A fresh folder holding these files (paths with '/' make sub-folders). */
function folderWith(files: Record<string, string>): string {
	const root = mkdtempSync(join(base, 'task-'));
	for (const [path, content] of Object.entries(files)) {
		const full = join(root, path);
		mkdirSync(dirname(full), {recursive: true});
		writeFileSync(full, content);
	}
	return root;
}

interface StartOptions {
	runtime: 'node' | 'python';
	files: Record<string, string>;
	handler: string;
	env?: Record<string, string>;
	/** false: no telemetry fd, records go to stdout. */
	telemetry?: boolean;
}

interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

interface Environment {
	api: FakeRuntimeApi;
	root: string;
	/** Runs one invocation; fails if the process ends before it reports. */
	invoke(invocation: Invocation): Promise<Reported>;
	/** The init error the process posts; fails if it ends without posting one. */
	initError(): Promise<InitError>;
	exited: Promise<Exit>;
	/** Ends the process (if it still runs) and returns its log frames and output. */
	stop(): Promise<{frames: TelemetryFrame[]; stdout: string; stderr: string; exit: Exit}>;
}

function collect(stream: Readable | null): () => string {
	const chunks: Buffer[] = [];
	stream?.on('data', (chunk: Buffer) => chunks.push(chunk));
	return () => Buffer.concat(chunks).toString('utf8');
}

async function start(options: StartOptions): Promise<Environment> {
	const api = await FakeRuntimeApi.start();
	const root = folderWith(options.files);
	const telemetry = options.telemetry !== false;
	const env: Record<string, string> = {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		AWS_LAMBDA_RUNTIME_API: api.address,
		_HANDLER: options.handler,
		LAMBDA_TASK_ROOT: root,
		AWS_LAMBDA_FUNCTION_NAME: 'demo',
		AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
		AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
		AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/demo',
		AWS_LAMBDA_LOG_STREAM_NAME: logStream,
		AWS_LAMBDA_LOG_FORMAT: 'Text',
		...(options.runtime === 'python' ? {PYTHONDONTWRITEBYTECODE: '1'} : {}),
		...(telemetry ? {_LAMBDA_TELEMETRY_LOG_FD: '3'} : {}),
		...options.env,
	};
	const command = options.runtime === 'node' ? process.execPath : 'python3';
	const child = spawn(command, [options.runtime === 'node' ? nodeBootstrap : pythonBootstrap], {
		cwd: root,
		env,
		stdio: ['ignore', 'pipe', 'pipe', telemetry ? 'pipe' : 'ignore'],
	});
	const stdout = collect(child.stdout);
	const stderr = collect(child.stderr);
	const reader = telemetry ? new TelemetryReader(child.stdio[3] as Readable) : undefined;
	const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({code, signal})));
	const cleanup = async (): Promise<void> => {
		leftovers.delete(cleanup);
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
		await api.close();
	};
	leftovers.add(cleanup);
	const endedFirst = async (what: string): Promise<never> => {
		const exit = await exited;
		throw new Error(`the bootstrap exited (${exit.code ?? exit.signal}) before ${what}\nstdout: ${stdout()}\nstderr: ${stderr()}`);
	};
	return {
		api,
		root,
		invoke: (invocation) => Promise.race([api.invoke(invocation), endedFirst('reporting the invocation')]),
		initError: () => Promise.race([api.initError(), endedFirst('posting an init error')]),
		exited,
		async stop() {
			await cleanup();
			const exit = await exited;
			const frames = reader ? await reader.closed() : [];
			assert.equal(reader?.leftover ?? 0, 0, 'a partial telemetry frame');
			return {frames, stdout: stdout(), stderr: stderr(), exit};
		},
	};
}

function json(reported: {body: Buffer}): unknown {
	return JSON.parse(reported.body.toString('utf8'));
}

function object(value: unknown): Record<string, unknown> {
	assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `not an object: ${JSON.stringify(value)}`);
	return value as Record<string, unknown>;
}

function strings(value: unknown): string[] {
	assert.ok(Array.isArray(value) && value.every((item) => typeof item === 'string'), `not a list of strings: ${JSON.stringify(value)}`);
	return value as string[];
}

/** A Text-format Node.js record: time, request id, level, message. */
function textRecord(frame: TelemetryFrame): {time: string; requestId: string; level: string; message: string} {
	assert.equal(frame.type, TEXT_FRAME);
	const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\t([^\t]*)\t([A-Z]+)\t([\s\S]*)\n$/.exec(frame.message);
	assert.ok(match, `not a Text record: ${JSON.stringify(frame.message)}`);
	const [, time = '', requestId = '', level = '', message = ''] = match;
	assert.equal(Number(frame.timestampUs / 1000n), Date.parse(time), 'the frame timestamp is the record time, in µs');
	return {time, requestId, level, message};
}

/** The JSON the Node.js runtime appends to "Invoke Error" / "Uncaught Exception" records. */
function loggedError(message: string, label: string): Record<string, unknown> {
	const prefix = `${label} \t`;
	assert.ok(message.startsWith(prefix), `not an "${label}" record: ${message}`);
	return object(JSON.parse(message.slice(prefix.length)));
}

const requestId = (n: number): string => `8f5bd6a2-1c3e-4f7a-9b2d-6e0c4a8f1d${String(n).padStart(2, '0')}`;

describe('the Node.js bootstrap', () => {
	test('runs an ES module async handler: the event in, the result out, the documented context', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			files: {
				'index.mjs': `let calls = 0;
export const handler = async (event, context) => {
	calls += 1;
	return {
		event,
		calls,
		context,
		keys: Object.keys(context),
		remaining: context.getRemainingTimeInMillis(),
		trace: process.env._X_AMZN_TRACE_ID ?? null,
		telemetryFdVisible: '_LAMBDA_TELEMETRY_LOG_FD' in process.env,
	};
};
`,
			},
		});
		const first = await environment.invoke({
			requestId: requestId(1),
			event: {order: 42, items: ['a', 'b']},
			timeoutMs: 30_000,
			traceId: 'Root=1-666c09e3-5c1b8e2f6a0d4b7e3f9a1c20;Parent=1a2b3c4d5e6f7a8b;Sampled=0',
			clientContext: JSON.stringify({client: {installation_id: 'install-1'}, custom: {tier: 'gold'}, env: {platform: 'ios'}}),
			cognitoIdentity: JSON.stringify({cognitoIdentityId: 'us-east-1:identity', cognitoIdentityPoolId: 'us-east-1:pool'}),
		});
		assert.equal(first.kind, 'response');
		const result = object(json(first));
		assert.deepEqual(result.event, {order: 42, items: ['a', 'b']});
		assert.equal(result.calls, 1);
		assert.deepEqual(result.context, {
			callbackWaitsForEmptyEventLoop: true,
			functionVersion: '$LATEST',
			functionName: 'demo',
			memoryLimitInMB: '256',
			logGroupName: '/aws/lambda/demo',
			logStreamName: logStream,
			clientContext: {client: {installation_id: 'install-1'}, custom: {tier: 'gold'}, env: {platform: 'ios'}},
			identity: {cognitoIdentityId: 'us-east-1:identity', cognitoIdentityPoolId: 'us-east-1:pool'},
			invokedFunctionArn: defaultFunctionArn,
			awsRequestId: requestId(1),
		});
		for (const key of ['succeed', 'fail', 'done', 'getRemainingTimeInMillis']) assert.ok(strings(result.keys).includes(key), key);
		assert.equal(typeof result.remaining, 'number');
		assert.ok((result.remaining as number) > 0 && first.deadlineMs - Date.now() <= (result.remaining as number));
		assert.equal(result.trace, 'Root=1-666c09e3-5c1b8e2f6a0d4b7e3f9a1c20;Parent=1a2b3c4d5e6f7a8b;Sampled=0');
		assert.equal(result.telemetryFdVisible, false);

		// Warm: the same module serves the next invocation; optional headers absent this time.
		const second = object(json(await environment.invoke({requestId: requestId(2), event: 'plain string event'})));
		assert.equal(second.calls, 2);
		assert.equal(second.event, 'plain string event');
		assert.equal(object(second.context).identity, undefined);
		assert.equal(object(second.context).clientContext, undefined);
		assert.equal(second.trace, null);
		await environment.stop();
	});

	test('a CommonJS callback handler answers when the event loop is empty, or at once when told not to wait', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			files: {
				'index.js': `let calls = 0;
exports.handler = (event, context, callback) => {
	calls += 1;
	if (event.noWait) context.callbackWaitsForEmptyEventLoop = false;
	const result = {calls, timerFired: false, moduleType: typeof module};
	setTimeout(() => { result.timerFired = true; }, 30);
	callback(null, result);
};
`,
			},
		});
		assert.deepEqual(json(await environment.invoke({event: {}})), {calls: 1, timerFired: true, moduleType: 'object'});
		assert.deepEqual(json(await environment.invoke({event: {noWait: true}})), {calls: 2, timerFired: false, moduleType: 'object'});
		await environment.stop();
	});

	test('.cjs modules, promises from plain functions, undefined as null, and context.succeed/fail/done', async () => {
		const files = {
			'app.cjs': `exports.promise = (event) => Promise.resolve(event.value);
exports.nothing = async () => undefined;
exports.succeed = (event, context) => { context.succeed({ok: true}); context.fail(new Error('ignored')); };
exports.done = (event, context) => context.done(null, 'done');
exports.fail = (event, context) => context.fail(new Error('legacy failure'));
exports.plain = (event) => { setTimeout(() => {}, 5); };
`,
		};
		const run = async (handler: string): Promise<Reported> => {
			const environment = await start({runtime: 'node', handler, files});
			const reported = await environment.invoke({event: {value: [1, 2, 3]}});
			await environment.stop();
			return reported;
		};
		assert.deepEqual(json(await run('app.promise')), [1, 2, 3]);
		assert.equal((await run('app.nothing')).body.toString(), 'null');
		assert.deepEqual(json(await run('app.succeed')), {ok: true});
		assert.equal(json(await run('app.done')), 'done');
		assert.equal((await run('app.plain')).body.toString(), 'null', 'a handler that neither returns nor calls back answers null');
		const failed = await run('app.fail');
		assert.equal(failed.kind, 'error');
		assert.equal(object(json(failed)).errorMessage, 'legacy failure');
	});

	test('finds modules as Lambda does: "type": "module" .js files, sub-folders, nested handlers, folders and NODE_PATH', async () => {
		const esm = await start({
			runtime: 'node',
			handler: 'src/app.api.v1.get',
			files: {
				'package.json': '{"type": "module"}',
				'src/app.js': `export const api = {v1: {get: async () => ({nested: true, esm: typeof require === 'undefined'})}};\n`,
			},
		});
		assert.deepEqual(json(await esm.invoke({event: {}})), {nested: true, esm: true});
		await esm.stop();

		const layer = folderWith({'nodejs/node_modules/layer-lib/index.js': `exports.name = 'from a layer';\n`});
		const folder = await start({
			runtime: 'node',
			handler: 'lib.handler',
			env: {NODE_PATH: join(layer, 'nodejs', 'node_modules')},
			files: {
				'lib/package.json': '{"main": "main.js"}',
				'lib/main.js': `exports.handler = async () => require('layer-lib').name;\n`,
			},
		});
		assert.equal(json(await folder.invoke({event: {}})), 'from a layer');
		await folder.stop();
	});

	test('a thrown Error: the error document, its error-type header and the Invoke Error record', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			files: {
				'index.mjs': `class ValidationError extends Error {
	constructor(message) { super(message); this.name = 'ValidationError'; this.field = 'email'; }
}
export const handler = async () => { throw new ValidationError('bad email'); };
`,
			},
		});
		const reported = await environment.invoke({requestId: requestId(3), event: {}});
		assert.equal(reported.kind, 'error');
		assert.equal(reported.headers['lambda-runtime-function-error-type'], 'ValidationError');
		const document = object(json(reported));
		assert.deepEqual(Object.keys(document), ['errorType', 'errorMessage', 'trace']);
		assert.equal(document.errorType, 'ValidationError');
		assert.equal(document.errorMessage, 'bad email');
		const trace = strings(document.trace);
		assert.equal(trace[0], 'ValidationError: bad email');
		assert.match(trace[1] ?? '', /^ {4}at .*index\.mjs:4:/);

		const {frames} = await environment.stop();
		assert.equal(frames.length, 1);
		const record = textRecord(frames[0] as TelemetryFrame);
		assert.equal(record.requestId, requestId(3));
		assert.equal(record.level, 'ERROR');
		const logged = loggedError(record.message, 'Invoke Error');
		assert.equal(logged.errorType, 'ValidationError');
		assert.equal(logged.errorMessage, 'bad email');
		assert.equal(logged.field, 'email');
		assert.deepEqual(strings(logged.stack).slice(0, 1), ['ValidationError: bad email']);
	});

	test('thrown strings and objects, and errors passed to the callback, as the runtime reports them', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			files: {
				'index.js': `exports.handler = (event, context, callback) => {
	if (event.kind === 'string') return Promise.reject('plain failure');
	if (event.kind === 'object') return Promise.reject({code: 42});
	if (event.kind === 'callback') return callback('called back');
	if (event.kind === 'sync') throw new TypeError('sync failure');
	const circular = {};
	circular.self = circular;
	callback(null, circular);
};
`,
			},
		});
		const document = async (kind: string): Promise<Record<string, unknown>> => {
			const reported = await environment.invoke({event: {kind}});
			assert.equal(reported.kind, 'error', kind);
			return object(json(reported));
		};
		assert.deepEqual(await document('string'), {errorType: 'string', errorMessage: 'plain failure', trace: []});
		assert.deepEqual(await document('object'), {errorType: 'object', errorMessage: '[object Object]', trace: []});
		assert.deepEqual(await document('callback'), {errorType: 'string', errorMessage: 'called back', trace: []});
		const sync = await document('sync');
		assert.equal(sync.errorType, 'TypeError');
		assert.equal(strings(sync.trace)[0], 'TypeError: sync failure');
		// Serialising the result happens when the loop is empty; its failure is the invocation's.
		const circular = await environment.invoke({event: {kind: 'circular'}});
		assert.equal(circular.kind, 'error');
		assert.equal(object(json(circular)).errorMessage, 'Unable to stringify response body');

		const {frames} = await environment.stop();
		const first = textRecord(frames[0] as TelemetryFrame);
		const logged = loggedError(first.message, 'Invoke Error');
		assert.equal(logged.errorType, 'Error', 'a non-Error is logged as an Error');
		assert.equal(logged.errorMessage, 'plain failure');
	});

	test('an async handler whose promise never settles fails with Runtime.NodeJsExit', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			files: {'index.mjs': 'export const handler = async () => new Promise(() => {});\n'},
		});
		const reported = await environment.invoke({event: {}});
		assert.equal(reported.kind, 'error');
		const document = object(json(reported));
		assert.equal(document.errorType, 'Runtime.NodeJsExit');
		assert.equal(
			document.errorMessage,
			'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
		);
		await environment.stop();
	});

	test('an uncaught exception during an invocation fails it and ends the process with 129', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			files: {'index.js': `exports.handler = (event, context, callback) => { setTimeout(() => { throw new RangeError('async boom'); }, 1); };\n`},
		});
		const reported = await environment.invoke({requestId: requestId(4), event: {}});
		assert.equal(reported.kind, 'error');
		assert.equal(object(json(reported)).errorType, 'RangeError');
		assert.equal(object(json(reported)).errorMessage, 'async boom');
		assert.equal((await environment.exited).code, 129);
		const {frames} = await environment.stop();
		const record = textRecord(frames[0] as TelemetryFrame);
		assert.equal(record.requestId, requestId(4));
		assert.equal(loggedError(record.message, 'Uncaught Exception').errorType, 'RangeError');
	});

	test('an unhandled rejection during an invocation is Runtime.UnhandledPromiseRejection, then exit 128', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			files: {
				'index.mjs': `export const handler = async () => {
	Promise.reject(new Error('forgotten'));
	await new Promise((resolve) => setTimeout(resolve, 200));
	return 'too late';
};
`,
			},
		});
		const reported = await environment.invoke({event: {}});
		assert.equal(reported.kind, 'error');
		const document = object(json(reported));
		assert.equal(document.errorType, 'Runtime.UnhandledPromiseRejection');
		assert.equal(document.errorMessage, 'Error: forgotten');
		assert.equal(strings(document.trace)[0], 'Runtime.UnhandledPromiseRejection: Error: forgotten');
		assert.equal((await environment.exited).code, 128);
		const {frames} = await environment.stop();
		const logged = loggedError(textRecord(frames[0] as TelemetryFrame).message, 'Unhandled Promise Rejection');
		assert.equal(object(logged.reason).errorMessage, 'forgotten');
	});

	describe('init errors: posted to /runtime/init/error, logged, then exit 129', () => {
		const cases: Array<{name: string; handler: string; files: Record<string, string>; errorType: string; message: (root: string) => string | RegExp}> = [
			{
				name: 'no such module',
				handler: 'index.handler',
				files: {'other.js': ''},
				errorType: 'Runtime.ImportModuleError',
				message: () => `Error: Cannot find module 'index'\nRequire stack:\n- ${nodeBootstrap}`,
			},
			{
				name: 'a module the code requires is missing',
				handler: 'index.handler',
				files: {'index.js': `const pad = require('left-pad');\nexports.handler = async () => pad;\n`},
				errorType: 'Runtime.ImportModuleError',
				message: (root) => `Error: Cannot find module 'left-pad'\nRequire stack:\n- ${join(root, 'index.js')}\n- ${nodeBootstrap}`,
			},
			{
				name: 'a package an ES module imports is missing',
				handler: 'index.handler',
				files: {'index.mjs': `import pad from 'left-pad';\nexport const handler = async () => pad;\n`},
				errorType: 'Error',
				message: (root) => `Cannot find package 'left-pad' imported from ${join(root, 'index.mjs')}`,
			},
			{
				name: 'the handler is not exported',
				handler: 'index.handler',
				files: {'index.mjs': 'export const other = async () => 1;\n'},
				errorType: 'Runtime.HandlerNotFound',
				message: () => 'index.handler is undefined or not exported',
			},
			{
				name: 'the handler is not a function',
				handler: 'index.handler',
				files: {'index.mjs': 'export const handler = 42;\n'},
				errorType: 'Runtime.HandlerNotFound',
				message: () => 'index.handler is not a function',
			},
			{
				name: 'a syntax error in an ES module',
				handler: 'index.handler',
				files: {'index.mjs': 'export const handler = async () => {\n'},
				errorType: 'Runtime.UserCodeSyntaxError',
				message: () => /^SyntaxError: /,
			},
			{
				name: 'a syntax error in a CommonJS module',
				handler: 'index.handler',
				files: {'index.js': 'exports.handler = async () => {{;\n'},
				errorType: 'Runtime.UserCodeSyntaxError',
				message: () => /^SyntaxError: /,
			},
			{
				name: 'the module throws while loading',
				handler: 'index.handler',
				files: {'index.js': `throw new RangeError('no configuration');\n`},
				errorType: 'RangeError',
				message: () => 'no configuration',
			},
			{
				name: 'a handler name without a dot',
				handler: 'index',
				files: {'index.js': ''},
				errorType: 'Runtime.MalformedHandlerName',
				message: () => 'Bad handler',
			},
			{
				name: 'a handler name that climbs out of the task root',
				handler: '../index.handler',
				files: {'index.js': ''},
				errorType: 'Runtime.MalformedHandlerName',
				message: () => "'../index.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
			},
		];
		for (const {name, handler, files, errorType, message} of cases) {
			test(name, async () => {
				const environment = await start({runtime: 'node', handler, files});
				const posted = await environment.initError();
				assert.equal(posted.headers['lambda-runtime-function-error-type'], errorType);
				const document = object(json(posted));
				assert.deepEqual(Object.keys(document), ['errorType', 'errorMessage', 'trace']);
				assert.equal(document.errorType, errorType);
				const expected = message(environment.root);
				if (typeof expected === 'string') assert.equal(document.errorMessage, expected);
				else assert.match(String(document.errorMessage), expected);
				assert.equal(strings(document.trace)[0]?.startsWith(errorType), true, `trace starts with the error: ${strings(document.trace)[0]}`);
				assert.equal((await environment.exited).code, 129);
				const {frames} = await environment.stop();
				assert.equal(environment.api.polls, 0, 'no invocation is asked for');
				const record = textRecord(frames[0] as TelemetryFrame);
				assert.equal(record.requestId, 'undefined');
				assert.equal(record.level, 'ERROR');
				assert.equal(loggedError(record.message, 'Uncaught Exception').errorType, errorType);
			});
		}
	});

	test('nodejs24.x: callback handlers are refused at init, async handlers have no legacy context members', async () => {
		const refused = await start({
			runtime: 'node',
			handler: 'index.handler',
			env: {AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x'},
			files: {'index.js': 'exports.handler = (event, context, callback) => callback(null, 1);\n'},
		});
		const document = object(json(await refused.initError()));
		assert.equal(document.errorType, 'Runtime.CallbackHandlerDeprecated');
		assert.match(String(document.errorMessage), /^ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node\.js 24\./);
		const refusedEnd = await refused.stop();
		assert.equal(loggedError(textRecord(refusedEnd.frames[0] as TelemetryFrame).message, 'Init Error').errorType, 'Runtime.CallbackHandlerDeprecated');

		const modern = await start({
			runtime: 'node',
			handler: 'index.handler',
			env: {AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x'},
			files: {'index.js': `exports.handler = async (event, context) => Object.keys(context);\n`},
		});
		const keys = strings(json(await modern.invoke({event: {}})));
		assert.ok(keys.includes('awsRequestId') && keys.includes('getRemainingTimeInMillis'));
		for (const legacy of ['callbackWaitsForEmptyEventLoop', 'succeed', 'fail', 'done']) assert.ok(!keys.includes(legacy), legacy);
		await modern.stop();
	});

	test('a response-streaming handler (awslambda.streamifyResponse) answers with what it wrote', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			files: {
				'index.mjs': `export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
	responseStream.setContentType('text/plain');
	responseStream.write(event.greeting + ', ');
	responseStream.end(context.functionName);
});
`,
			},
		});
		const reported = await environment.invoke({event: {greeting: 'hello'}});
		assert.equal(reported.kind, 'response');
		assert.equal(reported.headers['content-type'], 'text/plain');
		assert.equal(reported.body.toString(), 'hello, demo');
		await environment.stop();
	});

	test('Text log records: one frame per console call with its level, multi-line messages stay one frame', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			files: {
				'index.mjs': `console.log('loading');
export const handler = async () => {
	console.log('hello %s, you are %d', 'Ada', 36);
	console.info({a: 1});
	console.warn('careful');
	console.error('broken\\nacross\\nlines');
	console.debug('details');
	console.trace('tracing');
	console.fatal('the end');
	return 'logged';
};
`,
			},
		});
		assert.equal(json(await environment.invoke({requestId: requestId(5), event: {}})), 'logged');
		const {frames} = await environment.stop();
		const records = frames.map(textRecord).map(({requestId: id, level, message}) => [id, level, message]);
		assert.deepEqual(records, [
			['undefined', 'INFO', 'loading'],
			[requestId(5), 'INFO', 'hello Ada, you are 36'],
			[requestId(5), 'INFO', '{ a: 1 }'],
			[requestId(5), 'WARN', 'careful'],
			[requestId(5), 'ERROR', 'broken\nacross\nlines'],
			[requestId(5), 'DEBUG', 'details'],
			[requestId(5), 'TRACE', 'tracing'],
			[requestId(5), 'FATAL', 'the end'],
		]);
	});

	test('JSON log records, filtered by AWS_LAMBDA_LOG_LEVEL; a failed invocation logs its error as an object', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			env: {AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'WARN'},
			files: {
				'index.mjs': `export const handler = async (event) => {
	console.info('hidden');
	console.log({hidden: true});
	console.warn('shown', 42);
	console.error({order: 7, lines: 'a\\nb'});
	if (event.fail) throw new TypeError('json failure');
	return 'ok';
};
`,
			},
		});
		assert.equal(json(await environment.invoke({requestId: requestId(6), event: {}})), 'ok');
		assert.equal((await environment.invoke({requestId: requestId(7), event: {fail: true}})).kind, 'error');
		const {frames} = await environment.stop();
		assert.ok(frames.every((frame) => frame.type === JSON_FRAME));
		const records = frames.map((frame) => object(JSON.parse(frame.message)));
		for (const record of records) {
			assert.match(String(record.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			delete record.timestamp;
		}
		assert.deepEqual(records.slice(0, 2), [
			{level: 'WARN', requestId: requestId(6), message: 'shown 42'},
			{level: 'ERROR', requestId: requestId(6), message: {order: 7, lines: 'a\nb'}},
		]);
		const failure = records[4];
		assert.equal(failure?.level, 'ERROR');
		assert.equal(failure?.requestId, requestId(7));
		const message = object(failure?.message);
		assert.equal(message.errorType, 'TypeError');
		assert.equal(message.errorMessage, 'json failure');
		assert.equal(strings(message.stackTrace)[0], 'TypeError: json failure');
		assert.equal(records.length, 5);
	});

	test('without a telemetry fd, records are lines on stdout with newlines as carriage returns', async () => {
		const environment = await start({
			runtime: 'node',
			handler: 'index.handler',
			telemetry: false,
			files: {'index.mjs': `export const handler = async () => { console.log('one\\ntwo'); return 1; };\n`},
		});
		await environment.invoke({requestId: requestId(8), event: {}});
		const {stdout} = await environment.stop();
		assert.match(stdout, new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${requestId(8)}\\tINFO\\tone\\rtwo\\n$`));
	});
});

/** The Python runtime's Text record: [LEVEL]\ttime\trequest id\tmessage\n. */
function pythonRecord(frame: TelemetryFrame): {level: string; time: string; requestId: string; message: string} {
	assert.equal(frame.type, TEXT_FRAME);
	const match = /^\[([A-Z]+)\]\t(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\t([^\t]*)\t([\s\S]*)\n$/.exec(frame.message);
	assert.ok(match, `not a Python record: ${JSON.stringify(frame.message)}`);
	const [, level = '', time = '', requestId = '', message = ''] = match;
	return {level, time, requestId, message};
}

describe('the Python bootstrap', () => {
	test('calls handler(event, context): the result, the documented context, warm reuse', async () => {
		const environment = await start({
			runtime: 'python',
			handler: 'lambda_function.lambda_handler',
			files: {
				'lambda_function.py': `import os
import sys

calls = 0


def lambda_handler(event, context):
    global calls
    calls += 1
    cc = context.client_context
    return {
        "event": event,
        "calls": calls,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "aws_request_id": context.aws_request_id,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "identity": [context.identity.cognito_identity_id, context.identity.cognito_identity_pool_id],
        "client_context": None if cc is None else [cc.custom, cc.env, cc.client.installation_id, cc.client.app_title],
        "remaining": context.get_remaining_time_in_millis(),
        "trace": os.environ.get("_X_AMZN_TRACE_ID"),
        "telemetry_fd_visible": "_LAMBDA_TELEMETRY_LOG_FD" in os.environ,
        "path0": sys.path[0],
    }
`,
			},
		});
		const first = await environment.invoke({
			requestId: requestId(11),
			event: {order: 42},
			traceId: 'Root=1-666c09e3-5c1b8e2f6a0d4b7e3f9a1c20;Sampled=0',
			clientContext: JSON.stringify({client: {installation_id: 'install-1'}, custom: {tier: 'gold'}, env: {platform: 'ios'}}),
			cognitoIdentity: JSON.stringify({cognitoIdentityId: 'us-east-1:identity', cognitoIdentityPoolId: 'us-east-1:pool'}),
		});
		assert.equal(first.kind, 'response');
		assert.equal(first.headers['content-type'], 'application/json');
		const result = object(json(first));
		const remaining = result.remaining;
		delete result.remaining;
		assert.deepEqual(result, {
			event: {order: 42},
			calls: 1,
			function_name: 'demo',
			function_version: '$LATEST',
			invoked_function_arn: defaultFunctionArn,
			memory_limit_in_mb: '256',
			aws_request_id: requestId(11),
			log_group_name: '/aws/lambda/demo',
			log_stream_name: logStream,
			identity: ['us-east-1:identity', 'us-east-1:pool'],
			client_context: [{tier: 'gold'}, {platform: 'ios'}, 'install-1', null],
			trace: 'Root=1-666c09e3-5c1b8e2f6a0d4b7e3f9a1c20;Sampled=0',
			telemetry_fd_visible: false,
			path0: environment.root,
		});
		assert.ok(typeof remaining === 'number' && remaining > 0 && first.deadlineMs - Date.now() <= remaining);

		const second = object(json(await environment.invoke({event: [1, 2]})));
		assert.equal(second.calls, 2);
		assert.deepEqual(second.identity, [null, null]);
		assert.equal(second.client_context, null);
		assert.equal(second.trace, null);
		await environment.stop();
	});

	test('"package/module.function" handlers, and modules from PYTHONPATH (layers)', async () => {
		const layer = folderWith({'python/layerlib.py': 'NAME = "from a layer"\n'});
		for (const handler of ['pkg/handlers.run', 'pkg.handlers.run']) {
			const environment = await start({
				runtime: 'python',
				handler,
				env: {PYTHONPATH: join(layer, 'python')},
				files: {
					'pkg/__init__.py': '',
					'pkg/handlers.py': 'import layerlib\n\n\ndef run(event, context):\n    return {"name": layerlib.NAME, "module": __name__}\n',
				},
			});
			assert.deepEqual(json(await environment.invoke({event: {}})), {name: 'from a layer', module: 'pkg.handlers'}, handler);
			await environment.stop();
		}
	});

	test('an exception: the error document and one ERROR record with the traceback', async () => {
		const environment = await start({
			runtime: 'python',
			handler: 'lambda_function.lambda_handler',
			files: {'lambda_function.py': 'def lambda_handler(event, context):\n    raise ValueError("boom")\n'},
		});
		const reported = await environment.invoke({requestId: requestId(12), event: {}});
		assert.equal(reported.kind, 'error');
		assert.equal(reported.headers['lambda-runtime-function-error-type'], 'ValueError');
		const document = object(json(reported));
		const file = join(environment.root, 'lambda_function.py');
		assert.deepEqual(document, {
			errorMessage: 'boom',
			errorType: 'ValueError',
			requestId: requestId(12),
			stackTrace: [`  File "${file}", line 2, in lambda_handler\n    raise ValueError("boom")\n`],
		});
		const {frames} = await environment.stop();
		assert.deepEqual(
			frames.map((frame) => frame.message),
			[
				`[ERROR] ValueError: boom\nTraceback (most recent call last):\n\u00a0\u00a0File "${file}", line 2, in lambda_handler\n\u00a0\u00a0\u00a0\u00a0raise ValueError("boom")`,
			],
		);
	});

	test('responses: Runtime.MarshalError for what JSON cannot hold, bytes as they are, Decimal exactly', async () => {
		const environment = await start({
			runtime: 'python',
			handler: 'lambda_function.lambda_handler',
			files: {
				'lambda_function.py': `from decimal import Decimal


def lambda_handler(event, context):
    if event == "set":
        return {1, 2}
    if event == "bytes":
        return b"raw \\x00 bytes"
    return {"price": Decimal("10.50"), "count": Decimal("3"), "text": "caf\\u00e9"}
`,
			},
		});
		const marshal = await environment.invoke({requestId: requestId(13), event: 'set'});
		assert.equal(marshal.kind, 'error');
		assert.deepEqual(json(marshal), {
			errorMessage: 'Unable to marshal response: Object of type set is not JSON serializable',
			errorType: 'Runtime.MarshalError',
			requestId: requestId(13),
			stackTrace: [],
		});
		const bytes = await environment.invoke({event: 'bytes'});
		assert.equal(bytes.headers['content-type'], 'application/unknown');
		assert.deepEqual(bytes.body, Buffer.from('raw \x00 bytes', 'latin1'));
		const decimal = await environment.invoke({event: 'decimal'});
		assert.equal(decimal.body.toString(), '{"price": 10.50, "count": 3, "text": "caf\\u00e9"}');
		const {frames} = await environment.stop();
		assert.equal(
			frames[0]?.message,
			'[ERROR] Runtime.MarshalError: Unable to marshal response: Object of type set is not JSON serializable\nTraceback (most recent call last):',
		);
	});

	describe('init errors: posted to /runtime/init/error, logged, then exit 1', () => {
		const cases: Array<{name: string; handler: string; files: Record<string, string>; errorType: string; message: string | RegExp}> = [
			{
				name: 'no such module',
				handler: 'lambda_function.lambda_handler',
				files: {'other.py': ''},
				errorType: 'Runtime.ImportModuleError',
				message: "Unable to import module 'lambda_function': No module named 'lambda_function'",
			},
			{
				name: 'a module the code imports is missing',
				handler: 'lambda_function.lambda_handler',
				files: {'lambda_function.py': 'import lambdash_missing_dependency\n\n\ndef lambda_handler(event, context):\n    return 1\n'},
				errorType: 'Runtime.ImportModuleError',
				message: "Unable to import module 'lambda_function': No module named 'lambdash_missing_dependency'",
			},
			{
				name: 'the handler is missing',
				handler: 'lambda_function.lambda_handler',
				files: {'lambda_function.py': 'def handler(event, context):\n    return 1\n'},
				errorType: 'Runtime.HandlerNotFound',
				message: "Handler 'lambda_handler' missing on module 'lambda_function'",
			},
			{
				name: 'a syntax error',
				handler: 'lambda_function.lambda_handler',
				files: {'lambda_function.py': 'def lambda_handler(event, context)\n    return 1\n'},
				errorType: 'Runtime.UserCodeSyntaxError',
				message: /^Syntax error in module 'lambda_function': /,
			},
			{
				name: 'the module raises while loading',
				handler: 'lambda_function.lambda_handler',
				files: {'lambda_function.py': 'import os\n\nTABLE = os.environ["TABLE_NAME"]\n'},
				errorType: 'KeyError',
				message: "'TABLE_NAME'",
			},
			{
				name: 'a handler name without a dot',
				handler: 'lambda_function',
				files: {'lambda_function.py': ''},
				errorType: 'Runtime.MalformedHandlerName',
				message: "Bad handler 'lambda_function': not enough values to unpack (expected 2, got 1)",
			},
			{
				name: 'a built-in module as the handler module',
				handler: 'sys.exit',
				files: {},
				errorType: 'Runtime.BuiltInModuleConflict',
				message: 'Cannot use built-in module sys as a handler module',
			},
		];
		for (const {name, handler, files, errorType, message} of cases) {
			test(name, async () => {
				const environment = await start({runtime: 'python', handler, files});
				const posted = await environment.initError();
				assert.equal(posted.headers['lambda-runtime-function-error-type'], errorType);
				const document = object(json(posted));
				assert.deepEqual(Object.keys(document), ['errorMessage', 'errorType', 'requestId', 'stackTrace']);
				assert.equal(document.errorType, errorType);
				assert.equal(document.requestId, '');
				if (typeof message === 'string') assert.equal(document.errorMessage, message);
				else assert.match(String(document.errorMessage), message);
				assert.equal((await environment.exited).code, 1);
				const {frames} = await environment.stop();
				assert.equal(environment.api.polls, 0, 'no invocation is asked for');
				const warning = pythonRecord(frames[0] as TelemetryFrame);
				assert.equal(warning.level, 'WARNING');
				assert.equal(warning.requestId, '');
				assert.match(warning.message, /^LAMBDA_WARNING: Unhandled exception\. The most likely cause is an issue in the function code\./);
				assert.ok(frames[1]?.message.startsWith(`[ERROR] ${errorType}: ${String(document.errorMessage)}\nTraceback (most recent call last):`));
				assert.equal(frames.length, 2);
			});
		}
	});

	test('logging: the root logger with Lambda\'s format, one frame per record; print() goes to stdout', async () => {
		const environment = await start({
			runtime: 'python',
			handler: 'lambda_function.lambda_handler',
			files: {
				'lambda_function.py': `import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)
print("printed while loading")


def lambda_handler(event, context):
    logger.debug("hidden")
    logger.info("hello %s", "Ada")
    logger.warning("line one\\nline two")
    logging.getLogger("child").error("from a child logger")
    print("printed")
    return "ok"
`,
			},
		});
		assert.equal(json(await environment.invoke({requestId: requestId(14), event: {}})), 'ok');
		const {frames, stdout} = await environment.stop();
		const records = frames.map(pythonRecord);
		assert.deepEqual(
			records.map(({level, requestId: id, message}) => [level, id, message]),
			[
				['INFO', requestId(14), 'hello Ada'],
				['WARNING', requestId(14), 'line one\nline two'],
				['ERROR', requestId(14), 'from a child logger'],
			],
		);
		assert.equal(stdout, 'printed while loading\nprinted\n');
	});

	test('JSON log records and AWS_LAMBDA_LOG_LEVEL; a failed invocation logs one JSON error record', async () => {
		const environment = await start({
			runtime: 'python',
			handler: 'lambda_function.lambda_handler',
			env: {AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'INFO'},
			files: {
				'lambda_function.py': `import logging

logger = logging.getLogger()


def lambda_handler(event, context):
    logger.debug("hidden")
    logger.info("order placed", extra={"orderId": 7})
    if event.get("fail"):
        raise KeyError("sku")
    return "ok"
`,
			},
		});
		assert.equal(json(await environment.invoke({requestId: requestId(15), event: {}})), 'ok');
		assert.equal((await environment.invoke({requestId: requestId(16), event: {fail: true}})).kind, 'error');
		const {frames} = await environment.stop();
		assert.ok(frames.every((frame) => frame.type === JSON_FRAME));
		const info = object(JSON.parse(frames[0]?.message ?? ''));
		assert.match(String(info.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		delete info.timestamp;
		assert.deepEqual(info, {level: 'INFO', message: 'order placed', logger: 'root', requestId: requestId(15), orderId: 7});
		assert.equal(object(JSON.parse(frames[1]?.message ?? '')).requestId, requestId(16));
		const failure = object(JSON.parse(frames[2]?.message ?? ''));
		assert.match(String(failure.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
		assert.equal(failure.level, 'ERROR');
		assert.equal(failure.errorType, 'KeyError');
		assert.equal(failure.errorMessage, "'sku'");
		assert.equal(failure.requestId, requestId(16));
		assert.equal(strings(failure.stackTrace).length, 1);
		assert.equal(frames.length, 3);
	});
});

describe('the demo functions run through the bootstraps', () => {
	for (const fn of demoFunctions()) {
		test(`${fn.name} (${fn.runtime}) answers its event.json`, async () => {
			const environment = await start({
				runtime: fn.runtime.startsWith('nodejs') ? 'node' : 'python',
				handler: fn.handler,
				files: fn.files,
				env: {
					...fn.environment,
					AWS_LAMBDA_FUNCTION_NAME: fn.name,
					AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
					AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
					AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
				},
			});
			const reported = await environment.invoke({
				event: fn.sampleEvent,
				invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${fn.name}`,
				timeoutMs: fn.timeout * 1000,
			});
			const {frames, stderr} = await environment.stop();
			assert.equal(reported.kind, 'response', `${reported.body.toString()}\n${frames.map((frame) => frame.message).join('')}\n${stderr}`);
			const result = object(json(reported));
			assert.ok(Object.keys(result).length > 0);
			if (fn.name.startsWith('web-app') || fn.name.startsWith('mobile-backend')) assert.equal(result.statusCode, 200);
		});
	}
});
