// The demo functions the local Lambda is seeded with: their metadata, and that they
// really run on their sample events in a seeded local Lambda, invoked through the SDK
// (Node.js and Python execution environments), with the results each use implies.
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, describe, test} from 'node:test';
import {InvokeCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2} from '@aws-sdk/client-lambda';
import {demoFunctions, type DemoFunction} from '../../source/demo/index.js';
import {startHarness, type Harness} from '../integration/harness.js';

interface Outcome {
	result?: unknown;
	error?: {errorType: string; errorMessage: string};
	logs: string[];
}

type Language = 'node' | 'python';
const languages: Language[] = ['node', 'python'];

function packageRoot(): string {
	let directory = dirname(fileURLToPath(import.meta.url));
	while (!existsSync(join(directory, 'package.json'))) {
		const parent = dirname(directory);
		if (parent === directory) throw new Error('no package.json above the test');
		directory = parent;
	}
	return directory;
}

const functionsDir = join(packageRoot(), 'source', 'demo', 'functions');
const catalogue = demoFunctions();

function demo(name: string): DemoFunction {
	const found = catalogue.find((candidate) => candidate.name === name);
	assert.ok(found, `no demo function ${name}`);
	return found;
}

function record(value: unknown): Record<string, unknown> {
	assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `not an object: ${JSON.stringify(value)}`);
	return value as Record<string, unknown>;
}

function list(value: unknown): unknown[] {
	assert.ok(Array.isArray(value), `not an array: ${JSON.stringify(value)}`);
	return value;
}

function text(value: unknown): string {
	assert.equal(typeof value, 'string');
	return value as string;
}

/** A deep copy of a sample event, to vary for a test. */
function copy(value: unknown): Record<string, unknown> {
	return record(JSON.parse(JSON.stringify(value)));
}

let started: Promise<Harness> | undefined;
/** One local Lambda seeded with the demo functions, started when a test first needs it. */
const localLambda = (): Promise<Harness> => (started ??= startHarness({seed: true, transitionDelayMs: 0}));
after(async () => {
	if (started !== undefined) await (await started).close();
});

async function setEnvironment(harness: Harness, fn: DemoFunction, variables: Record<string, string>): Promise<void> {
	await harness.lambda.send(new UpdateFunctionConfigurationCommand({FunctionName: fn.name, Environment: {Variables: variables}}));
	await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: fn.name});
}

/** The function's own log lines of an invocation (the runtime's lines without START, END and REPORT). */
function functionLogs(logResult: string | undefined): string[] {
	const log = Buffer.from(logResult ?? '', 'base64').toString('utf8');
	return log.split('\n').filter((line) => line !== '' && !/^(START|END|REPORT|INIT_START) /.test(line));
}

/**
 * Invokes the seeded function with each event, one after another (a cold, then
 * warm, execution environment), optionally with extra environment variables.
 */
async function run(fn: DemoFunction, events: unknown[], environment: Record<string, string> = {}): Promise<Outcome[]> {
	const harness = await localLambda();
	const overridden = Object.keys(environment).length > 0;
	if (overridden) await setEnvironment(harness, fn, {...fn.environment, ...environment});
	try {
		const outcomes: Outcome[] = [];
		for (const event of events) {
			const output = await harness.lambda.send(
				new InvokeCommand({FunctionName: fn.name, Payload: Buffer.from(JSON.stringify(event)), LogType: 'Tail'}),
			);
			const payload: unknown = JSON.parse(Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8'));
			const logs = functionLogs(output.LogResult);
			if (output.FunctionError !== undefined) {
				const error = record(payload);
				outcomes.push({error: {errorType: text(error.errorType), errorMessage: text(error.errorMessage)}, logs});
			} else {
				outcomes.push({result: payload, logs});
			}
		}
		return outcomes;
	} finally {
		if (overridden) await setEnvironment(harness, fn, fn.environment);
	}
}

async function runOne(fn: DemoFunction, event: unknown, environment: Record<string, string> = {}): Promise<Outcome> {
	const [outcome] = await run(fn, [event], environment);
	assert.ok(outcome);
	return outcome;
}

/** The result of an invocation that must succeed. */
function ok(outcome: Outcome): Record<string, unknown> {
	assert.equal(outcome.error, undefined, `the handler failed: ${JSON.stringify(outcome.error)}\n${outcome.logs.join('\n')}`);
	return record(outcome.result);
}

/** An HTTP-style response: status, headers and the body parsed when it is JSON. */
function http(outcome: Outcome): {status: number; headers: Record<string, unknown>; body: unknown; raw: string} {
	const response = ok(outcome);
	const headers = record(response.headers);
	const raw = text(response.body);
	const type = String(headers['content-type'] ?? headers['Content-Type'] ?? '');
	return {
		status: Number(response.statusCode),
		headers,
		body: type.startsWith('application/json') && raw !== '' ? (JSON.parse(raw) as unknown) : raw,
		raw,
	};
}

/** A result with JSON bodies parsed, so the Node.js and Python twins can be compared. */
function comparable(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const copyOf: Record<string, unknown> = {...(value as Record<string, unknown>)};
	if (typeof copyOf.body === 'string' && copyOf.body.startsWith('{')) copyOf.body = JSON.parse(copyOf.body) as unknown;
	return copyOf;
}

describe('the demo catalogue', () => {
	test('has 10 functions: five uses, each in Node.js 22 and Python 3.12', () => {
		assert.equal(catalogue.length, 10);
		const uses = ['file-processor', 'stream-processor', 'web-app', 'iot-backend', 'mobile-backend'];
		assert.deepEqual(
			catalogue.map((fn) => fn.name).sort(),
			uses.flatMap((use) => [`${use}-node`, `${use}-python`]).sort(),
		);
		for (const fn of catalogue) {
			assert.ok(['nodejs22.x', 'python3.12'].includes(fn.runtime), `${fn.name}: ${fn.runtime}`);
			if (fn.name.endsWith('-node')) {
				assert.equal(fn.runtime, 'nodejs22.x');
				assert.equal(fn.handler, 'index.handler');
				assert.match(fn.files['index.mjs'] ?? '', /export const handler = async \(event, context\) =>/);
			} else {
				assert.equal(fn.runtime, 'python3.12');
				assert.equal(fn.handler, 'lambda_function.lambda_handler');
				assert.match(fn.files['lambda_function.py'] ?? '', /^def lambda_handler\(event, context\):/m);
			}
		}
	});

	test('names, descriptions, sizes, timeouts, environment and tags are valid for Lambda', () => {
		for (const fn of catalogue) {
			assert.match(fn.name, /^[a-zA-Z0-9_-]{1,64}$/, fn.name);
			assert.ok(fn.description.length > 10 && fn.description.length <= 80, `${fn.name}: description "${fn.description}"`);
			assert.ok(Number.isInteger(fn.memorySize) && fn.memorySize >= 128 && fn.memorySize <= 1024, `${fn.name}: ${fn.memorySize} MB`);
			assert.ok(Number.isInteger(fn.timeout) && fn.timeout >= 3 && fn.timeout <= 30, `${fn.name}: ${fn.timeout} s`);
			let size = 0;
			for (const [key, value] of Object.entries(fn.environment)) {
				assert.match(key, /^[a-zA-Z][a-zA-Z0-9_]*$/, key);
				assert.ok(!key.startsWith('AWS_') && key !== 'LAMBDA_TASK_ROOT', `${fn.name}: reserved variable ${key}`);
				size += key.length + value.length;
			}
			assert.ok(size < 4096);
			assert.equal(fn.environment.LOG_LEVEL, 'INFO');
			assert.equal(fn.tags.app, 'lambdash-demo');
			assert.ok(fn.tags.use, `${fn.name} has no use tag`);
			for (const [key, value] of Object.entries(fn.tags)) {
				assert.ok(key.length <= 128 && value.length <= 256 && !key.startsWith('aws:'));
			}
		}
		assert.ok(new Set(catalogue.map((fn) => fn.memorySize)).size >= 3, 'memory sizes are varied');
		assert.ok(new Set(catalogue.map((fn) => fn.timeout)).size >= 3, 'timeouts are varied');
	});

	test('the deployment files are the function folder without the sample event or bytecode', () => {
		for (const fn of catalogue) {
			for (const path of Object.keys(fn.files)) {
				assert.ok(path !== 'event.json' && !path.includes('__pycache__') && !path.endsWith('.pyc'), `${fn.name}: ${path}`);
				assert.ok(!path.startsWith('/') && !path.includes('\\'), path);
			}
			const sample: unknown = JSON.parse(readFileSync(join(functionsDir, fn.name, 'event.json'), 'utf8'));
			assert.deepEqual(fn.sampleEvent, sample);
		}
	});

	test('demoFunctions() returns fresh objects each call', () => {
		const first = demoFunctions();
		first[0]!.environment.CHANGED = 'yes';
		assert.equal(demoFunctions()[0]!.environment.CHANGED, undefined);
	});
});

for (const language of languages) {
	describe(`file-processor-${language}`, () => {
		const fn = demo(`file-processor-${language}`);

		test('profiles the CSV object of its S3 ObjectCreated event', async () => {
			const event = record(fn.sampleEvent);
			const s3 = record(record(list(event.Records)[0]).s3);
			const key = text(record(s3.object).key);
			const bundled = fn.files[`sample-objects/lambdash-demo-uploads/${key}`];
			assert.ok(bundled, 'the object of the sample event is bundled with the function');
			assert.equal(record(s3.object).size, Buffer.byteLength(bundled), 'the event gives the object its real size');

			const outcome = await runOne(fn, event);
			const result = ok(outcome);
			assert.equal(result.processed, 1);
			assert.equal(result.skipped, 0);
			const summary = record(list(result.objects)[0]);
			assert.equal(summary.status, 'processed');
			assert.equal(summary.format, 'csv');
			assert.equal(summary.key, key);
			assert.equal(summary.rows, 10);
			assert.equal(summary.invalidRows, 0);
			const columns = new Map(list(summary.columns).map((value) => [text(record(value).name), record(value)]));
			assert.deepEqual([...columns.keys()], ['order_id', 'order_date', 'country', 'product', 'quantity', 'unit_price', 'total', 'channel']);
			assert.deepEqual(columns.get('quantity'), {name: 'quantity', type: 'number', empty: 0, min: 1, max: 6, sum: 22, mean: 2.2});
			assert.deepEqual(columns.get('total'), {name: 'total', type: 'number', empty: 0, min: 25.9, max: 249, sum: 884.3, mean: 88.43});
			assert.deepEqual(columns.get('country'), {name: 'country', type: 'string', empty: 0, distinct: 6, top: 'DE', topCount: 4});
			assert.deepEqual(columns.get('product'), {
				name: 'product',
				type: 'string',
				empty: 0,
				distinct: 6,
				top: 'Coffee beans 1 kg',
				topCount: 4,
			});
			assert.deepEqual(columns.get('channel'), {name: 'channel', type: 'string', empty: 1, distinct: 3, top: 'web', topCount: 5});
			assert.ok(outcome.logs.some((line) => line.includes('processed') && line.includes('rows=10')), outcome.logs.join('\n'));
		});

		test('throws MalformedObjectError on an object that is not valid JSON', async () => {
			const event = copy(fn.sampleEvent);
			const object = record(record(record(list(event.Records)[0]).s3).object);
			object.key = 'incoming/2024/06/sensor-export.json';
			object.size = 154;
			const outcome = await runOne(fn, event);
			assert.equal(outcome.result, undefined);
			assert.equal(outcome.error?.errorType, 'MalformedObjectError');
			assert.match(outcome.error?.errorMessage ?? '', /s3:\/\/lambdash-demo-uploads\/incoming\/2024\/06\/sensor-export\.json is malformed: not valid JSON/);
			assert.ok(outcome.logs.some((line) => line.includes('ERROR') && line.includes('failed')), outcome.logs.join('\n'));
		});

		test('skips unsupported and missing objects, and URL-decodes keys', async () => {
			const event = copy(fn.sampleEvent);
			const template = record(list(event.Records)[0]);
			const withKey = (key: string): unknown => {
				const next = copy(template);
				record(record(next.s3).object).key = key;
				return next;
			};
			event.Records = [withKey('incoming/2024/06/photo.png'), withKey('incoming/2024/06/missing+file.csv')];
			const result = ok(await runOne(fn, event));
			assert.equal(result.processed, 0);
			assert.equal(result.skipped, 2);
			const [png, missing] = list(result.objects).map(record);
			assert.equal(png?.reason, 'unsupported type .png');
			assert.equal(missing?.key, 'incoming/2024/06/missing file.csv');
			assert.equal(missing?.reason, 'object not found');
		});

		test('returns an empty summary for an event with no S3 records', async () => {
			assert.deepEqual(ok(await runOne(fn, {})), {processed: 0, skipped: 0, objects: []});
		});
	});

	describe(`stream-processor-${language}`, () => {
		const fn = demo(`stream-processor-${language}`);

		test('aggregates the Kinesis batch and reports the malformed record in batchItemFailures', async () => {
			const records = list(record(fn.sampleEvent).Records).map(record);
			const malformed = records.filter((entry) => {
				try {
					JSON.parse(Buffer.from(text(record(entry.kinesis).data), 'base64').toString('utf8'));
					return false;
				} catch {
					return true;
				}
			});
			assert.equal(malformed.length, 1, 'the sample batch holds one malformed record');
			const outcome = await runOne(fn, fn.sampleEvent);
			assert.deepEqual(ok(outcome), {batchItemFailures: [{itemIdentifier: record(malformed[0]!.kinesis).sequenceNumber}]});
			const summary = outcome.logs.find((line) => line.includes('batch summary'));
			assert.ok(summary, outcome.logs.join('\n'));
			assert.match(summary, /stream=orders records=6 ok=5 failed=1/);
			assert.match(summary, /byType=\{"order_placed":3,"order_shipped":1,"payment_refunded":1\}/);
			assert.match(summary, /revenue=\{"EUR":789(\.0)?,"USD":24\.5\}/);
			assert.match(summary, /customers=4 highValueOrders=1/);
			assert.ok(outcome.logs.some((line) => line.includes('high-value order') && line.includes('orderId=o-20412')));
			assert.ok(outcome.logs.some((line) => line.includes('bad record') && line.includes('not valid JSON')));
		});

		test('returns no failures for a good batch, and honours HIGH_VALUE_ORDER', async () => {
			const event = copy(fn.sampleEvent);
			event.Records = list(event.Records).filter((_, index) => index !== 3);
			const outcome = await runOne(fn, event, {HIGH_VALUE_ORDER: '50'});
			assert.deepEqual(ok(outcome), {batchItemFailures: []});
			assert.ok(outcome.logs.some((line) => line.includes('ok=5 failed=0') && line.includes('highValueOrders=2')), outcome.logs.join('\n'));
		});

		test('rejects records with an unknown type or a bad amount', async () => {
			const template = record(list(record(fn.sampleEvent).Records)[0]);
			const withData = (sequenceNumber: string, data: unknown): unknown => {
				const next = copy(template);
				const kinesis = record(next.kinesis);
				kinesis.sequenceNumber = sequenceNumber;
				kinesis.data = Buffer.from(JSON.stringify(data)).toString('base64');
				return next;
			};
			const event = {
				Records: [
					withData('1', {type: 'order_placed', orderId: 'o-1', amount: 10, currency: 'EUR'}),
					withData('2', {type: 'order_teleported', orderId: 'o-2'}),
					withData('3', {type: 'order_placed', orderId: 'o-3', amount: 'ten', currency: 'EUR'}),
				],
			};
			assert.deepEqual(ok(await runOne(fn, event)), {batchItemFailures: [{itemIdentifier: '2'}, {itemIdentifier: '3'}]});
		});
	});

	describe(`web-app-${language}`, () => {
		const fn = demo(`web-app-${language}`);
		const request = (method: string, path: string, query: Record<string, string> = {}, body?: string): unknown => {
			const event = copy(fn.sampleEvent);
			event.rawPath = path;
			event.rawQueryString = new URLSearchParams(query).toString();
			event.queryStringParameters = Object.keys(query).length > 0 ? query : undefined;
			const httpContext = record(record(event.requestContext).http);
			httpContext.method = method;
			httpContext.path = path;
			if (body !== undefined) {
				event.body = body;
				record(event.headers)['content-type'] = 'application/json';
			}
			return event;
		};

		test('answers its sample function URL event (GET /items?limit=3) with JSON', async () => {
			const response = http(await runOne(fn, fn.sampleEvent));
			assert.equal(response.status, 200);
			assert.equal(response.headers['content-type'], 'application/json');
			const body = record(response.body);
			assert.equal(body.count, 3);
			assert.equal(body.total, 4);
			assert.deepEqual(list(body.items)[0], {id: '1', name: 'Espresso machine', price: 249, stock: 12});
		});

		test('serves the HTML page, items by id, filters, 400, 404 and 405', async () => {
			const [page, one, filtered, missing, unknown, wrongMethod, badLimit] = (
				await run(fn, [
					request('GET', '/'),
					request('GET', '/items/3'),
					request('GET', '/items', {q: 'coffee'}),
					request('GET', '/items/99'),
					request('GET', '/nowhere'),
					request('DELETE', '/items'),
					request('GET', '/items', {limit: '0'}),
				])
			).map(http);
			assert.equal(page?.status, 200);
			assert.equal(page?.headers['content-type'], 'text/html; charset=utf-8');
			assert.match(page?.raw ?? '', /^<!doctype html>.*<h1>Demo coffee shop<\/h1>.*Milk frother: 39\.90 \(sold out\)/s);
			assert.deepEqual(one?.body, {id: '3', name: 'Coffee beans 1 kg', price: 18.5, stock: 240});
			assert.deepEqual(list(record(filtered?.body).items).map((item) => record(item).name), ['Coffee beans 1 kg']);
			assert.equal(missing?.status, 404);
			assert.equal(unknown?.status, 404);
			assert.deepEqual(unknown?.body, {message: 'Not Found', path: '/nowhere'});
			assert.equal(wrongMethod?.status, 405);
			assert.equal(wrongMethod?.headers.allow, 'GET, POST');
			assert.equal(badLimit?.status, 400);
		});

		test('POST /items creates an item that the warm environment then serves', async () => {
			const outcomes = await run(fn, [
				request('POST', '/items', {}, JSON.stringify({name: 'Pour-over kettle', price: 59.5, stock: 7})),
				request('GET', '/items/5'),
				request('POST', '/items', {}, '{"name": '),
				request('POST', '/items', {}, JSON.stringify({name: '', price: 1})),
			]);
			const [created, fetched, badJson, invalid] = outcomes.map(http);
			assert.equal(created?.status, 201);
			assert.equal(created?.headers.location, '/items/5');
			assert.deepEqual(created?.body, {id: '5', name: 'Pour-over kettle', price: 59.5, stock: 7});
			assert.deepEqual(fetched?.body, created?.body);
			assert.equal(badJson?.status, 400);
			assert.equal(invalid?.status, 400);
			assert.ok(outcomes[0]?.logs.some((line) => line.includes('POST /items 201')), outcomes[0]?.logs.join('\n'));
			assert.ok(outcomes[2]?.logs.some((line) => line.includes('WARN') && line.includes('POST /items 400')));
		});
	});

	describe(`iot-backend-${language}`, () => {
		const fn = demo(`iot-backend-${language}`);

		test('raises alerts and commands for its IoT rule telemetry message', async () => {
			const outcome = await runOne(fn, fn.sampleEvent);
			const result = ok(outcome);
			assert.equal(result.deviceId, 'greenhouse-sensor-07');
			assert.equal(result.status, 'CRITICAL');
			assert.equal(result.receivedAt, '2024-06-14T09:12:03.421Z');
			const alerts = list(result.alerts).map(record);
			assert.deepEqual(
				alerts.map((alert) => [alert.metric, alert.severity]),
				[
					['temperature', 'critical'],
					['co2', 'critical'],
					['soilMoisture', 'warning'],
					['battery', 'critical'],
				],
			);
			assert.deepEqual(alerts[0], {
				metric: 'temperature',
				value: 34.6,
				threshold: 30,
				direction: 'above',
				unit: 'C',
				severity: 'critical',
				deviation: 4.6,
			});
			assert.deepEqual(result.commands, {fan: 'on', vents: 'open', irrigation: 'on'});
			assert.equal(result.commandTopic, 'greenhouse/greenhouse-sensor-07/commands');
			assert.equal(outcome.logs.filter((line) => line.includes('ALERT device=greenhouse-sensor-07')).length, 4);
		});

		test('reads thresholds from the environment and reports OK within them', async () => {
			const result = ok(
				await runOne(fn, fn.sampleEvent, {ALERT_THRESHOLD: '35', CO2_MAX: '1500', SOIL_MOISTURE_MIN: '15', BATTERY_MIN: '10'}),
			);
			assert.equal(result.status, 'OK');
			assert.deepEqual(result.alerts, []);
			assert.deepEqual(result.commands, {});
		});

		test('takes the device id from the topic, and rejects a message with neither', async () => {
			const fromTopic = copy(fn.sampleEvent);
			delete fromTopic.deviceId;
			fromTopic.topic = 'greenhouse/greenhouse-sensor-12/telemetry';
			const [named, rejected] = await run(fn, [fromTopic, {readings: {temperature: 20}}]);
			assert.equal(ok(named!).deviceId, 'greenhouse-sensor-12');
			assert.equal(ok(rejected!).status, 'REJECTED');
			assert.ok(rejected!.logs.some((line) => line.includes('ERROR') && line.includes('without a device id')));
		});
	});

	describe(`mobile-backend-${language}`, () => {
		const fn = demo(`mobile-backend-${language}`);
		const request = (method: string, resource: string, body?: unknown): Record<string, unknown> => {
			const event = copy(fn.sampleEvent);
			event.httpMethod = method;
			event.resource = resource;
			event.path = resource;
			const context = record(event.requestContext);
			context.httpMethod = method;
			context.resourcePath = resource;
			if (body !== undefined) event.body = typeof body === 'string' ? body : JSON.stringify(body);
			return event;
		};

		test('returns the signed-in user\'s profile for its API Gateway REST event with Cognito claims', async () => {
			const outcome = await runOne(fn, fn.sampleEvent);
			const response = http(outcome);
			assert.equal(response.status, 200);
			assert.equal(response.headers['Access-Control-Allow-Origin'], '*');
			assert.deepEqual(response.body, {
				userId: '73f2c1e8-5b4a-4d2e-9f61-0c8a7b3d2e15',
				username: 'maria.garcia',
				email: 'maria.garcia@example.com',
				emailVerified: true,
				displayName: 'María García',
				locale: 'en-US',
				notifications: {push: true, email: false},
				devices: [],
				createdAt: '2024-06-14T09:12:03.421Z',
				updatedAt: '2024-06-14T09:12:03.421Z',
			});
			assert.ok(outcome.logs.some((line) => line.includes('profile created table=UserProfiles')), outcome.logs.join('\n'));
		});

		test('answers 401 without Cognito claims', async () => {
			const event = copy(fn.sampleEvent);
			delete record(event.requestContext).authorizer;
			const outcome = await runOne(fn, event);
			const response = http(outcome);
			assert.equal(response.status, 401);
			assert.deepEqual(response.body, {message: 'Unauthorized'});
			assert.ok(outcome.logs.some((line) => line.includes('WARN') && line.includes('401')));
		});

		test('updates the profile, registers a device, validates input and deletes', async () => {
			const [updated, fetched, device, badField, badJson, deleted, unknownRoute, wrongMethod] = (
				await run(fn, [
					request('PUT', '/profile', {displayName: ' Maria G. ', locale: 'es-ES', notifications: {email: true}}),
					request('GET', '/profile'),
					request('POST', '/profile/devices', {platform: 'ios', token: 'a1b2c3d4e5f60718293a4b5c6d7e8f90'}),
					request('PUT', '/profile', {email: 'someone@else.example'}),
					request('PUT', '/profile', '{not json'),
					request('DELETE', '/profile'),
					request('GET', '/orders'),
					request('PATCH', '/profile'),
				])
			).map(http);
			assert.equal(updated?.status, 200);
			const profile = record(updated?.body);
			assert.equal(profile.displayName, 'Maria G.');
			assert.equal(profile.locale, 'es-ES');
			assert.deepEqual(profile.notifications, {push: true, email: true});
			assert.deepEqual(fetched?.body, updated?.body);
			assert.equal(device?.status, 201);
			assert.deepEqual(device?.body, {platform: 'ios', token: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', registeredAt: '2024-06-14T09:12:03.421Z'});
			assert.equal(badField?.status, 400);
			assert.deepEqual(badField?.body, {message: 'fields that cannot be changed: email'});
			assert.equal(badJson?.status, 400);
			assert.equal(deleted?.status, 204);
			assert.equal(deleted?.raw, '');
			assert.equal(unknownRoute?.status, 404);
			assert.equal(wrongMethod?.status, 405);
		});
	});
}

describe('the Node.js and Python twins', () => {
	for (const use of ['file-processor', 'stream-processor', 'web-app', 'iot-backend', 'mobile-backend']) {
		test(`${use} gives the same result in both runtimes on its sample event`, async () => {
			const node = demo(`${use}-node`);
			const python = demo(`${use}-python`);
			assert.deepEqual(node.sampleEvent, python.sampleEvent);
			const fromNode = ok(await runOne(node, node.sampleEvent));
			const fromPython = ok(await runOne(python, python.sampleEvent));
			assert.deepEqual(comparable(fromPython), comparable(fromNode));
		});
	}
});
