// @ts-check
// The local Lambda's bootstrap for the managed Node.js runtimes (nodejs18.x - nodejs24.x): a
// runtime interface client that behaves like AWS's aws-lambda-nodejs-runtime-interface-client.
// It loads the handler named by _HANDLER from LAMBDA_TASK_ROOT, asks the Lambda Runtime API at
// AWS_LAMBDA_RUNTIME_API for invocations, runs them and reports their results, errors and init
// errors in Lambda's documents; console output becomes Lambda's log records, framed to the
// telemetry fd when _LAMBDA_TELEMETRY_LOG_FD is set.
//
// Started as `node [flags] bootstrap.mjs` with cwd = LAMBDA_TASK_ROOT. Node built-ins only, and
// nothing heavy at start: it runs on every cold start. nodejs24.x (AWS_EXECUTION_ENV says which
// runtime) follows the newer client: no callback handlers, no context.succeed/fail/done.

import {existsSync, readFileSync, writeSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {createRequire} from 'node:module';
import {basename, dirname, join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {format, types} from 'node:util';

const require = createRequire(import.meta.url);

/** nodejs24.x and later: the rewritten runtime client (callback handlers removed). */
const modernRuntime = (() => {
	const match = /^AWS_Lambda_nodejs(\d+)/.exec(process.env.AWS_EXECUTION_ENV ?? '');
	return match !== null && Number(match[1]) >= 24;
})();

// ---------------------------------------------------------------------------------------------
// Errors, named and serialised as the runtime client does.

class ImportModuleError extends Error {}
class HandlerNotFound extends Error {}
class MalformedHandlerName extends Error {}
class UserCodeSyntaxError extends Error {}
class MalformedStreamingHandler extends Error {}
class CallbackHandlerDeprecated extends Error {}
class NodeJsExit extends Error {
	constructor() {
		super(
			'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
		);
	}
}
class UnhandledPromiseRejection extends Error {
	/**
	 * @param {unknown} reason
	 * @param {Promise<unknown>} promise
	 */
	constructor(reason, promise) {
		super(/** @type {string} */ (reason));
		this.reason = reason;
		this.promise = promise;
	}
}
for (const errorClass of [
	ImportModuleError,
	HandlerNotFound,
	MalformedHandlerName,
	UserCodeSyntaxError,
	MalformedStreamingHandler,
	CallbackHandlerDeprecated,
	NodeJsExit,
	UnhandledPromiseRejection,
]) {
	errorClass.prototype.name = `Runtime.${errorClass.name}`;
}

/**
 * @typedef {{errorType: string, errorMessage: string, trace?: string[]}} RapidError
 */

/** @param {any} value */
function looksLikeError(value) {
	return (
		value &&
		value.name &&
		value.message &&
		value.stack &&
		typeof value.name === 'string' &&
		typeof value.message === 'string' &&
		typeof value.stack === 'string'
	);
}

/** @param {unknown} error */
function intoError(error) {
	return error instanceof Error ? error : new Error(/** @type {string} */ (error));
}

/**
 * The document posted to the Runtime API for a failed invocation or init.
 * @param {any} error
 * @returns {RapidError}
 */
function toRapidResponse(error) {
	try {
		if (types.isNativeError(error) || looksLikeError(error)) {
			return {
				errorType: error.name?.replaceAll('\x7F', '%7F'),
				errorMessage: error.message?.replaceAll('\x7F', '%7F'),
				trace: error.stack.replaceAll('\x7F', '%7F').split('\n'),
			};
		}
		return {errorType: typeof error, errorMessage: error.toString(), trace: []};
	} catch {
		return {
			errorType: 'handled',
			errorMessage:
				'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
		};
	}
}

/**
 * An error as the runtime logs it in Text format: a tab, then JSON with its name, message,
 * code, stack lines and own enumerable properties.
 * @param {unknown} error
 */
function toFormatted(error) {
	try {
		return `\t${JSON.stringify(error, (_key, value) => withEnumerableProperties(value))}`;
	} catch {
		return `\t${JSON.stringify(toRapidResponse(error))}`;
	}
}

/** @param {unknown} value */
function withEnumerableProperties(value) {
	if (!(value instanceof Error)) return value;
	/** @type {Record<string, unknown>} */
	const out = {errorType: value.name, errorMessage: value.message, code: /** @type {{code?: unknown}} */ (value).code};
	Object.assign(out, value);
	if (typeof value.stack === 'string') out.stack = value.stack.split('\n');
	return out;
}

// ---------------------------------------------------------------------------------------------
// Logging: console.* become Lambda's log records.

const TEXT_FRAME = 0xa55a0003;
const JSON_FRAME = 0xa55a0002;
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');

/** @typedef {{name: string, priority: number}} Level */
/** @type {Readonly<Record<string, Level>>} */
const LEVELS = Object.freeze({
	TRACE: {name: 'TRACE', priority: 1},
	DEBUG: {name: 'DEBUG', priority: 2},
	INFO: {name: 'INFO', priority: 3},
	WARN: {name: 'WARN', priority: 4},
	ERROR: {name: 'ERROR', priority: 5},
	FATAL: {name: 'FATAL', priority: 6},
});

/** @param {string | undefined} id */
function setCurrentRequestId(id) {
	Reflect.set(globalThis, REQUEST_ID, id);
}

function currentRequestId() {
	return /** @type {string | undefined} */ (Reflect.get(globalThis, REQUEST_ID));
}

/**
 * @param {string} key
 * @param {unknown} value
 */
function jsonErrorReplacer(key, value) {
	if (value instanceof Error) {
		return Object.assign(
			{
				errorType: value?.constructor?.name ?? 'UnknownError',
				errorMessage: value.message,
				stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
			},
			value,
		);
	}
	return value;
}

/**
 * One record in Lambda's JSON log format.
 * @param {string | undefined} requestId
 * @param {string} timestamp
 * @param {Level} level
 * @param {unknown[]} params
 */
function formatJsonMessage(requestId, timestamp, level, params) {
	/** @type {Record<string, unknown>} */
	const result = {timestamp, level: level.name, requestId};
	if (params.length === 1) {
		result.message = params[0];
		try {
			return JSON.stringify(result, jsonErrorReplacer);
		} catch {
			result.message = format(result.message);
			return JSON.stringify(result);
		}
	}
	result.message = format(...params);
	for (const param of params) {
		if (param instanceof Error) {
			result.errorType = param?.constructor?.name ?? 'UnknownError';
			result.errorMessage = param.message;
			result.stackTrace = typeof param.stack === 'string' ? param.stack.split('\n') : [];
			break;
		}
	}
	return JSON.stringify(result);
}

/**
 * Writes the whole buffer to a file descriptor (a pipe may take it in parts, or be full).
 * @param {number} fd
 * @param {Buffer} buffer
 */
function writeFully(fd, buffer) {
	let offset = 0;
	while (offset < buffer.length) {
		try {
			offset += writeSync(fd, buffer, offset);
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EAGAIN') throw error;
		}
	}
}

/**
 * @typedef {(level: Level, params: unknown[]) => void} LogWriter
 */

/**
 * Frames each record for the telemetry fd: type, length, timestamp (µs), payload.
 * Falls back to stdout if the fd cannot be written.
 * @param {number} fd
 * @param {number} frameType
 * @param {(requestId: string | undefined, time: string, level: Level, params: unknown[]) => string} render
 * @param {LogWriter} fallback
 * @returns {LogWriter}
 */
function framedWriter(fd, frameType, render, fallback) {
	let broken = false;
	return (level, params) => {
		if (broken) {
			fallback(level, params);
			return;
		}
		const date = new Date();
		const payload = Buffer.from(render(currentRequestId(), date.toISOString(), level, params), 'utf8');
		const frame = Buffer.allocUnsafe(16 + payload.length);
		frame.writeUInt32BE(frameType, 0);
		frame.writeUInt32BE(payload.length, 4);
		frame.writeBigUInt64BE(BigInt(date.valueOf()) * 1000n, 8);
		payload.copy(frame, 16);
		try {
			writeFully(fd, frame);
		} catch {
			broken = true;
			fallback(level, params);
		}
	};
}

/**
 * @param {string | undefined} requestId
 * @param {string} time
 * @param {Level} level
 * @param {unknown[]} params
 */
function renderText(requestId, time, level, params) {
	return `${time}\t${requestId}\t${level.name}\t${format(...params)}\n`;
}

/**
 * @param {(requestId: string | undefined, time: string, level: Level, params: unknown[]) => string} render
 * @returns {LogWriter}
 */
function stdoutWriter(render) {
	return (level, params) => {
		const line = render(currentRequestId(), new Date().toISOString(), level, params).replace(/\n$/, '');
		process.stdout.write(`${line.replace(/\n/g, '\r')}\n`);
	};
}

/** How the runtime itself logs an error: Text `msg \t{...}`, or a JSON record of the error. */
const structuredConsole = {
	/** @type {(message: string, error: unknown) => void} */
	logError: () => {},
};

function patchConsole() {
	const json = process.env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON';
	const render = json ? (/** @type {Parameters<typeof renderText>} */ ...args) => formatJsonMessage(...args) : renderText;
	let write = stdoutWriter(render);
	const fdText = process.env._LAMBDA_TELEMETRY_LOG_FD;
	if (fdText !== undefined && fdText !== null) {
		delete process.env._LAMBDA_TELEMETRY_LOG_FD;
		const fd = Number.parseInt(fdText, 10);
		if (Number.isInteger(fd) && fd >= 0) write = framedWriter(fd, json ? JSON_FRAME : TEXT_FRAME, render, write);
	}
	const threshold = LEVELS[process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase() ?? ''] ?? LEVELS.TRACE;
	/** @param {Level} level */
	const method = (level) =>
		level.priority >= /** @type {Level} */ (threshold).priority
			? (/** @type {unknown[]} */ ...params) => write(level, params.length === 0 ? [undefined] : params)
			: () => {};
	const levels = /** @type {Record<'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL', Level>} */ (LEVELS);
	console.trace = method(levels.TRACE);
	console.debug = method(levels.DEBUG);
	console.info = method(levels.INFO);
	console.log = console.info;
	console.warn = method(levels.WARN);
	console.error = method(levels.ERROR);
	const fatal = (/** @type {unknown[]} */ ...params) => write(levels.FATAL, params.length === 0 ? [undefined] : params);
	Object.defineProperty(console, 'fatal', {value: fatal, writable: true, configurable: true, enumerable: true});
	structuredConsole.logError = json
		? (_message, error) => console.error(intoError(error))
		: (message, error) => console.error(message, toFormatted(intoError(error)));
}

// ---------------------------------------------------------------------------------------------
// The Lambda Runtime API client.

const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
const ERROR_BODY_TRAILER = 'Lambda-Runtime-Function-Error-Body';

/**
 * The response of a handler as JSON (undefined is null), as the runtime client serialises it.
 * @param {unknown} body
 */
function serializeResponse(body) {
	let text;
	try {
		text = JSON.stringify(body === undefined ? null : body);
	} catch {
		throw new Error('Unable to stringify response body');
	}
	// A function or a symbol has no JSON: the native client refuses it.
	if (typeof text !== 'string') throw new TypeError('Wrong arguments');
	return text;
}

/** A header value HTTP accepts (an error's name may hold anything). @param {string} value */
function headerValue(value) {
	const clean = String(value).replace(/[^\t\x20-\x7e]/g, '');
	return clean === '' ? 'Unhandled' : clean;
}

class RapidClient {
	/** @param {string} hostPort */
	constructor(hostPort) {
		const colon = hostPort.lastIndexOf(':');
		this.hostname = hostPort.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
		this.port = Number(hostPort.slice(colon + 1));
		// Idle keep-alive sockets are unref'd by the agent: they never hold the event loop open.
		this.agent = new Agent({keepAlive: true, maxSockets: 1});
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 * @param {string | Buffer | undefined} body
	 * @param {Record<string, string>} [headers]
	 * @returns {Promise<{status: number, headers: import('node:http').IncomingHttpHeaders, body: string}>}
	 */
	send(method, path, body, headers = {}) {
		return new Promise((resolvePromise, reject) => {
			const requestHeaders =
				body === undefined
					? headers
					: {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers};
			const outgoing = request(
				{hostname: this.hostname, port: this.port, path, method, agent: this.agent, headers: requestHeaders},
				(response) => {
					/** @type {Buffer[]} */
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () =>
						resolvePromise({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8')}),
					);
					response.on('error', reject);
				},
			);
			outgoing.on('error', reject);
			outgoing.end(body);
		});
	}

	/** @returns {Promise<{bodyJson: string, headers: import('node:http').IncomingHttpHeaders}>} */
	async nextInvocation() {
		const response = await this.send('GET', '/2018-06-01/runtime/invocation/next', undefined);
		if (response.status !== 200) throw new Error(`Failed to get next invocation, status ${response.status}: ${response.body}`);
		return {bodyJson: response.body, headers: response.headers};
	}

	/**
	 * Serialises at once (throwing if the result cannot be), then posts.
	 * @param {unknown} result
	 * @param {string} id
	 * @param {() => void} callback
	 */
	postInvocationResponse(result, id, callback) {
		const body = serializeResponse(result);
		this.post(`/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/response`, body, {}, callback);
	}

	/**
	 * Opens a streamed response for invocation `id`: a chunked POST that carries each write at
	 * once. end() finishes it; fail() finishes it with the error trailers Lambda reads
	 * (Lambda-Runtime-Function-Error-Type and Lambda-Runtime-Function-Error-Body, base64).
	 * @param {string} id
	 * @param {string} contentType
	 */
	openResponseStream(id, contentType) {
		const outgoing = request({
			hostname: this.hostname,
			port: this.port,
			path: `/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/response`,
			method: 'POST',
			agent: this.agent,
			headers: {
				'Content-Type': contentType,
				'Lambda-Runtime-Function-Response-Mode': 'streaming',
				'Transfer-Encoding': 'chunked',
				Trailer: `${ERROR_TYPE_HEADER}, ${ERROR_BODY_TRAILER}`,
			},
		});
		/** @type {Promise<void>} */
		const answered = new Promise((resolvePromise, reject) => {
			outgoing.on('response', (response) => {
				response.resume();
				response.on('end', () => resolvePromise());
				response.on('error', reject);
			});
			outgoing.on('error', reject);
		});
		// Rejections are handled by end() and fail(); until then an early one must not go unhandled.
		answered.catch(NO_OP);
		outgoing.setNoDelay(true);
		outgoing.flushHeaders();
		return {
			/**
			 * @param {Buffer} chunk
			 * @param {(error?: Error | null) => void} next
			 */
			write(chunk, next) {
				outgoing.write(chunk, next);
			},
			end() {
				outgoing.end();
				return answered;
			},
			/** @param {unknown} error */
			fail(error) {
				const document = toRapidResponse(error);
				outgoing.addTrailers({
					[ERROR_TYPE_HEADER]: headerValue(document.errorType),
					[ERROR_BODY_TRAILER]: Buffer.from(serializeResponse(document)).toString('base64'),
				});
				outgoing.end();
				return answered;
			},
		};
	}

	/**
	 * @param {unknown} error
	 * @param {string} id
	 * @param {() => void} callback
	 */
	postInvocationError(error, id, callback) {
		const response = toRapidResponse(error);
		this.post(
			`/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/error`,
			serializeResponse(response),
			{[ERROR_TYPE_HEADER]: headerValue(response.errorType)},
			callback,
		);
	}

	/**
	 * @param {unknown} error
	 * @param {() => void} callback
	 */
	postInitError(error, callback) {
		const response = toRapidResponse(error);
		this.post('/2018-06-01/runtime/init/error', serializeResponse(response), {[ERROR_TYPE_HEADER]: headerValue(response.errorType)}, callback);
	}

	/**
	 * @param {string} path
	 * @param {string | Buffer} body
	 * @param {Record<string, string>} headers
	 * @param {() => void} callback
	 */
	post(path, body, headers, callback) {
		this.send('POST', path, body, headers).then(
			() => callback(),
			(error) => {
				// The Runtime API is gone: this environment is over.
				process.stderr.write(`lambda bootstrap: cannot reach the Runtime API: ${String(error)}\n`);
				process.exit(1);
			},
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Loading the handler.

const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;
const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';

/**
 * @typedef {(...args: unknown[]) => unknown} UserHandler
 */

/** @param {string} file */
function tryRequireFile(file) {
	return existsSync(file) ? require(file) : undefined;
}

/** @param {string} file */
async function tryImport(file) {
	return existsSync(file) ? await import(pathToFileURL(file).href) : undefined;
}

/**
 * Whether the nearest package.json above `folder` says "type": "module".
 * @param {string} folder
 * @returns {boolean}
 */
function hasPackageJsonTypeModule(folder) {
	if (folder.endsWith('/node_modules')) return false;
	const manifest = join(folder, 'package.json');
	if (existsSync(manifest)) {
		try {
			const parsed = JSON.parse(readFileSync(manifest, 'utf8'));
			if (parsed) return parsed.type === 'module';
		} catch (error) {
			console.warn(`${manifest} cannot be read, it will be ignored for ES module detection purposes.`, error);
			return false;
		}
	}
	if (folder === '/') return false;
	return hasPackageJsonTypeModule(resolve(folder, '..'));
}

/**
 * The module, found as Lambda finds it: the file itself (CommonJS), then .js (CommonJS unless
 * the nearest package.json says "module"), .mjs, .cjs, then Node's own resolution from the task
 * root (a folder, a package in node_modules, NODE_PATH).
 * @param {string} appRoot
 * @param {string} moduleRoot
 * @param {string} moduleName
 */
async function tryRequire(appRoot, moduleRoot, moduleName) {
	const lambdaStylePath = resolve(appRoot, moduleRoot, moduleName);
	if (modernRuntime) {
		for (const extension of ['', '.js', '.mjs', '.cjs']) {
			const loaded = await tryImport(lambdaStylePath + extension);
			if (loaded) return loaded;
		}
		return require(require.resolve(moduleName, {paths: [appRoot, join(appRoot, moduleRoot)]}));
	}
	const extensionless = tryRequireFile(lambdaStylePath);
	if (extensionless) return extensionless;
	const typeModule = hasPackageJsonTypeModule(resolve(dirname(lambdaStylePath)));
	if (!typeModule) {
		const loaded = tryRequireFile(`${lambdaStylePath}.js`);
		if (loaded) return loaded;
	}
	const loaded =
		(typeModule && (await tryImport(`${lambdaStylePath}.js`))) ||
		(await tryImport(`${lambdaStylePath}.mjs`)) ||
		tryRequireFile(`${lambdaStylePath}.cjs`);
	if (loaded) return loaded;
	return require(require.resolve(moduleName, {paths: [appRoot, moduleRoot]}));
}

/**
 * @param {string} appRoot
 * @param {string} moduleRoot
 * @param {string} moduleName
 */
async function loadUserApp(appRoot, moduleRoot, moduleName) {
	try {
		return await tryRequire(appRoot, moduleRoot, moduleName);
	} catch (error) {
		if (error instanceof SyntaxError) {
			const wrapped = new UserCodeSyntaxError(/** @type {string} */ (/** @type {unknown} */ (error)));
			if (modernRuntime) wrapped.stack = error.stack;
			throw wrapped;
		}
		if (error instanceof Error && /** @type {NodeJS.ErrnoException} */ (error).code === 'MODULE_NOT_FOUND') {
			throw new ImportModuleError(/** @type {string} */ (/** @type {unknown} */ (error)));
		}
		throw error;
	}
}

/**
 * @param {unknown} object
 * @param {string} nestedProperty
 * @returns {unknown}
 */
function resolveHandler(object, nestedProperty) {
	return nestedProperty
		.split('.')
		.reduce((/** @type {any} */ nested, key) => (modernRuntime ? (nested && typeof nested === 'object' ? nested[key] : undefined) : nested && nested[key]), object);
}

/**
 * The handler function _HANDLER names, or a Runtime.* error.
 * @param {string} appRoot
 * @param {string} fullHandlerString
 * @returns {Promise<UserHandler>}
 */
async function loadHandler(appRoot, fullHandlerString) {
	if (fullHandlerString.includes('..')) {
		throw new MalformedHandlerName(
			`'${fullHandlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
		);
	}
	const handlerString = basename(fullHandlerString);
	let moduleRoot = fullHandlerString.substring(0, fullHandlerString.indexOf(handlerString));
	if (modernRuntime) moduleRoot = moduleRoot.replace(/\/$/, '');
	const match = FUNCTION_EXPR.exec(handlerString);
	if (!match || match.length !== 3) throw new MalformedHandlerName('Bad handler');
	const [, moduleName = '', handlerPath = ''] = match;

	installAwsLambdaGlobal();
	const userApp = await loadUserApp(appRoot, moduleRoot, moduleName);
	let handler = resolveHandler(userApp, handlerPath);
	if (!handler && modernRuntime && typeof userApp === 'object' && userApp !== null && 'default' in userApp) {
		handler = resolveHandler(userApp.default, handlerPath);
	}
	if (!handler) throw new HandlerNotFound(`${fullHandlerString} is undefined or not exported`);
	if (typeof handler !== 'function') throw new HandlerNotFound(`${fullHandlerString} is not a function`);
	return /** @type {UserHandler} */ (handler);
}

/** The `awslambda` global the runtime provides (streamifyResponse, HttpResponseStream). */
function installAwsLambdaGlobal() {
	const disabled = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
	if (disabled === '1' || disabled === 'true') return;
	Reflect.set(globalThis, 'awslambda', {
		/**
		 * @param {UserHandler} handler
		 * @param {{highWaterMark?: number}} [options]
		 */
		streamifyResponse(handler, options) {
			Reflect.set(handler, HANDLER_STREAMING, STREAM_RESPONSE);
			if (typeof options?.highWaterMark === 'number') Reflect.set(handler, HANDLER_HIGHWATERMARK, Math.trunc(options.highWaterMark));
			return handler;
		},
		HttpResponseStream: {
			/**
			 * @param {import('node:stream').Writable & {setContentType?: (type: string) => void}} stream
			 * @param {unknown} prelude
			 */
			from(stream, prelude) {
				stream.setContentType?.('application/vnd.awslambda.http-integration-response');
				stream.write(JSON.stringify(prelude));
				stream.write(new Uint8Array(8));
				return stream;
			},
		},
	});
}

/** @param {UserHandler} handler */
function isStreaming(handler) {
	const value = Reflect.get(handler, HANDLER_STREAMING);
	if (value === undefined || value === null || value === false) return false;
	if (value === STREAM_RESPONSE) return true;
	throw new MalformedStreamingHandler('Only response streaming is supported.');
}

/** @param {UserHandler} handler */
function isAsyncFunction(handler) {
	try {
		return handler.constructor?.name === 'AsyncFunction';
	} catch {
		return false;
	}
}

// ---------------------------------------------------------------------------------------------
// One invocation's context.

/** The 'beforeExit' listener of the current invocation (callbacks waiting for an empty loop). */
let beforeExitListener = () => {};

const NO_OP = () => {};

/** The Runtime API is gone: this environment is over. @param {unknown} error */
function exitUnreachable(error) {
	process.stderr.write(`lambda bootstrap: cannot reach the Runtime API: ${String(error)}\n`);
	process.exit(1);
}

/** @param {import('node:http').IncomingHttpHeaders} headers @param {string} name */
function header(headers, name) {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * @param {string | undefined} text
 * @param {string} name
 */
function parseJsonHeader(text, name) {
	if (text === undefined) return undefined;
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new Error(`Cannot parse ${name} as json: ${String(error)}`);
	}
}

/**
 * The context's data from the environment and the invocation's headers; forwards the X-Ray
 * trace id into _X_AMZN_TRACE_ID.
 * @param {import('node:http').IncomingHttpHeaders} headers
 */
function invocationData(headers) {
	const trace = header(headers, 'lambda-runtime-trace-id');
	if (trace) process.env._X_AMZN_TRACE_ID = trace;
	else delete process.env._X_AMZN_TRACE_ID;
	const deadline = Number(header(headers, 'lambda-runtime-deadline-ms'));
	return {
		functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
		functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
		memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
		logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
		logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
		clientContext: parseJsonHeader(header(headers, 'lambda-runtime-client-context'), 'ClientContext'),
		identity: parseJsonHeader(header(headers, 'lambda-runtime-cognito-identity'), 'CognitoIdentity'),
		invokedFunctionArn: header(headers, 'lambda-runtime-invoked-function-arn'),
		awsRequestId: header(headers, 'lambda-runtime-aws-request-id'),
		tenantId: header(headers, 'lambda-runtime-aws-tenant-id'),
		getRemainingTimeInMillis() {
			return deadline - Date.now();
		},
	};
}

/**
 * The callback, and the context's callbackWaitsForEmptyEventLoop, succeed, fail and done, as the
 * runtime client builds them: only the first call of any of them counts.
 * @param {RapidClient} client
 * @param {string} id
 * @param {() => void} scheduleNext
 */
function buildCallbackContext(client, id, scheduleNext) {
	/** @param {unknown} error @param {() => void} callback */
	const postError = (error, callback) => {
		structuredConsole.logError('Invoke Error', error);
		client.postInvocationError(error, id, callback);
	};
	let completed = false;
	/** @param {unknown} result @param {() => void} callback */
	const complete = (result, callback) => {
		if (completed) {
			console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
			return;
		}
		completed = true;
		client.postInvocationResponse(result, id, callback);
	};
	let waitForEmptyEventLoop = true;

	/** @param {unknown} [error] @param {unknown} [result] */
	const callback = (error, result) => {
		beforeExitListener = NO_OP;
		if (error !== undefined && error !== null) {
			postError(error, scheduleNext);
		} else if (!waitForEmptyEventLoop) {
			complete(result, scheduleNext);
		} else {
			beforeExitListener = () => {
				setImmediate(() => complete(result, scheduleNext));
			};
		}
	};
	/** @param {unknown} [error] @param {unknown} [result] */
	const done = (error, result) => {
		beforeExitListener = NO_OP;
		if (error !== undefined && error !== null) postError(error, scheduleNext);
		else complete(result, scheduleNext);
	};
	/** @param {unknown} [result] */
	const succeed = (result) => done(null, result);
	/** @param {unknown} [error] */
	const fail = (error) => (error === undefined || error === null ? done('handled') : done(error, null));

	let finished = false;
	/**
	 * @template {unknown[]} A
	 * @param {(...args: A) => void} toWrap
	 * @returns {(...args: A) => void}
	 */
	const onlyFirstCall =
		(toWrap) =>
		(...args) => {
			if (!finished) {
				toWrap(...args);
				finished = true;
			}
		};
	const context = {
		get callbackWaitsForEmptyEventLoop() {
			return waitForEmptyEventLoop;
		},
		set callbackWaitsForEmptyEventLoop(value) {
			waitForEmptyEventLoop = value;
		},
		succeed: onlyFirstCall(succeed),
		fail: onlyFirstCall(fail),
		done: onlyFirstCall(done),
	};
	const markCompleted = () => {
		completed = true;
	};
	return {callback: onlyFirstCall(callback), context, markCompleted};
}

// ---------------------------------------------------------------------------------------------
// The invocation loop.

/**
 * @typedef {{uncaughtException: (error: unknown) => void, unhandledRejection: (error: unknown) => void}} ErrorCallbacks
 */

/** @param {unknown} value @returns {value is PromiseLike<unknown>} */
function isPromise(value) {
	return Boolean(value) && typeof (/** @type {{then?: unknown}} */ (value).then) === 'function';
}

class Runtime {
	/**
	 * @param {RapidClient} client
	 * @param {UserHandler} handler
	 * @param {ErrorCallbacks} errorCallbacks
	 */
	constructor(client, handler, errorCallbacks) {
		this.client = client;
		this.handler = handler;
		this.errorCallbacks = errorCallbacks;
		this.isAsync = isAsyncFunction(handler);
		this.streaming = isStreaming(handler);
		this.highWaterMark = Number(Reflect.get(handler, HANDLER_HIGHWATERMARK)) || undefined;
	}

	/** Starts the next iteration at the next turn of the event loop. */
	scheduleIteration() {
		setImmediate(() => {
			const once = this.streaming ? this.handleOnceStreaming() : modernRuntime ? this.handleOnceModern() : this.handleOnce();
			once.then(NO_OP, (error) => {
				console.log(`Unexpected Top Level Error: ${String(error)}`);
				this.errorCallbacks.uncaughtException(error);
			});
		});
	}

	async handleOnce() {
		const {bodyJson, headers} = await this.client.nextInvocation();
		const id = /** @type {string} */ (header(headers, 'lambda-runtime-aws-request-id'));
		setCurrentRequestId(id);
		const scheduleNext = () => this.scheduleIteration();
		const {callback, context, markCompleted} = buildCallbackContext(this.client, id, scheduleNext);
		try {
			this.setErrorCallbacks(id);
			beforeExitListener = () => {
				markCompleted();
				if (this.isAsync) {
					const error = new NodeJsExit();
					structuredConsole.logError('Invoke Error', error);
					this.client.postInvocationError(error, id, scheduleNext);
				} else {
					this.client.postInvocationResponse(null, id, scheduleNext);
				}
			};
			const result = this.handler(JSON.parse(bodyJson), Object.assign(context, invocationData(headers)), callback);
			if (isPromise(result)) {
				Promise.resolve(result).then(context.succeed, context.fail).catch(context.fail);
			}
		} catch (error) {
			callback(error);
		}
	}

	/** nodejs24.x: the result of the handler, awaited; the event loop is not waited for. */
	async handleOnceModern() {
		const {bodyJson, headers} = await this.client.nextInvocation();
		const id = /** @type {string} */ (header(headers, 'lambda-runtime-aws-request-id'));
		setCurrentRequestId(id);
		this.setErrorCallbacks(id);
		beforeExitListener = NO_OP;
		const scheduleNext = () => this.scheduleIteration();
		try {
			const context = invocationData(headers);
			const result = await this.handler(JSON.parse(bodyJson), context);
			await new Promise((next) => setImmediate(next));
			this.client.postInvocationResponse(result, id, scheduleNext);
		} catch (error) {
			await new Promise((next) => setImmediate(next));
			structuredConsole.logError('Invoke Error', error);
			this.client.postInvocationError(error, id, scheduleNext);
		}
	}

	/**
	 * A response-streaming handler (awslambda.streamifyResponse): what it writes is posted as it
	 * is written, in a chunked response (Lambda-Runtime-Function-Response-Mode: streaming) that
	 * opens with the first write; an error after that ends it with the error trailers, an error
	 * before it is posted as the invocation's error.
	 */
	async handleOnceStreaming() {
		const {bodyJson, headers} = await this.client.nextInvocation();
		const id = /** @type {string} */ (header(headers, 'lambda-runtime-aws-request-id'));
		setCurrentRequestId(id);
		this.setErrorCallbacks(id);
		beforeExitListener = () => this.scheduleIteration();
		const {Writable} = await import('node:stream');
		const client = this.client;
		let contentType = 'application/octet-stream';
		/** @type {ReturnType<RapidClient['openResponseStream']> | undefined} */
		let posted;
		const open = () => {
			posted ??= client.openResponseStream(id, contentType);
			return posted;
		};
		const stream = Object.assign(
			new Writable({
				highWaterMark: this.highWaterMark,
				write(chunk, encoding, next) {
					open().write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding), next);
				},
			}),
			{
				/** @param {string} type */
				setContentType(type) {
					contentType = type;
				},
			},
		);
		const scheduleNext = () => this.scheduleIteration();
		/** @param {unknown} error */
		const fail = (error) => {
			beforeExitListener = NO_OP;
			structuredConsole.logError('Invoke Error', error);
			if (posted === undefined) {
				this.client.postInvocationError(error, id, scheduleNext);
				return;
			}
			posted.fail(error).then(scheduleNext, exitUnreachable);
		};
		try {
			const context = Object.assign(buildCallbackContext(this.client, id, scheduleNext).context, invocationData(headers));
			const result = this.handler(JSON.parse(bodyJson), stream, context);
			if (!isPromise(result)) {
				fail(new Error('Streaming does not support non-async handlers.'));
				return;
			}
			if ((await result) !== undefined) console.warn('Streaming handlers ignore return values.');
			if (!stream.writableEnded) {
				fail(new Error('Response stream is not finished.'));
				return;
			}
			if (!stream.writableFinished) await new Promise((finished) => stream.once('finish', finished));
			beforeExitListener = NO_OP;
			open().end().then(scheduleNext, exitUnreachable);
		} catch (error) {
			fail(error);
		}
	}

	/** From now on, an uncaught error fails this invocation and ends the process. @param {string} id */
	setErrorCallbacks(id) {
		this.errorCallbacks.uncaughtException = (error) => this.client.postInvocationError(error, id, () => process.exit(129));
		this.errorCallbacks.unhandledRejection = (error) => this.client.postInvocationError(error, id, () => process.exit(128));
	}
}

// ---------------------------------------------------------------------------------------------
// Start.

async function main() {
	patchConsole();
	const api = process.env.AWS_LAMBDA_RUNTIME_API;
	if (!api) throw new Error('Missing Runtime API Server configuration.');
	const client = new RapidClient(api);

	/** @type {ErrorCallbacks} */
	const errorCallbacks = {
		uncaughtException: (error) => client.postInitError(error, () => process.exit(129)),
		unhandledRejection: (error) => client.postInitError(error, () => process.exit(128)),
	};
	process.on('uncaughtException', (error) => {
		structuredConsole.logError('Uncaught Exception', error);
		errorCallbacks.uncaughtException(error);
	});
	process.on('unhandledRejection', (reason, promise) => {
		const error = new UnhandledPromiseRejection(reason, promise);
		structuredConsole.logError('Unhandled Promise Rejection', error);
		errorCallbacks.unhandledRejection(error);
	});
	beforeExitListener = NO_OP;
	process.on('beforeExit', () => beforeExitListener());

	const appRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
	const handlerString = process.env._HANDLER ?? '';
	let handler;
	if (modernRuntime) {
		try {
			handler = await loadHandler(appRoot, handlerString);
			if (handler.length >= 3 && !isStreaming(handler)) {
				throw new CallbackHandlerDeprecated(
					'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
				);
			}
		} catch (error) {
			structuredConsole.logError('Init Error', error);
			client.postInitError(error, () => process.exit(129));
			return;
		}
	} else {
		// A failure here rejects the top-level await: 'Uncaught Exception', then the init error.
		handler = await loadHandler(appRoot, handlerString);
	}
	new Runtime(client, handler, errorCallbacks).scheduleIteration();
}

await main();
