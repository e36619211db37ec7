// Invoke on the local Lambda through the real @aws-sdk/client-lambda: functions
// run for real (Node.js, Python, a custom runtime written in shell), with
// Lambda's headers, error documents, limits, qualifiers, weighted aliases and
// concurrency.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
	CreateAliasCommand,
	CreateFunctionCommand,
	InvokeCommand,
	PublishVersionCommand,
	PutFunctionConcurrencyCommand,
	UpdateFunctionCodeCommand,
	waitUntilFunctionActiveV2,
	waitUntilFunctionUpdatedV2,
	type InvokeCommandOutput,
	type Runtime,
} from '@aws-sdk/client-lambda';
import {zipFiles} from '../../source/domain/code-package.js';
import {rejectsWith, role, startHarness, type Harness} from './harness.js';

const text = (output: InvokeCommandOutput): string => Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8');
const json = (output: InvokeCommandOutput): unknown => JSON.parse(text(output));
const bytes = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

const nodeHandler = `
export const handler = async (event, context) => {
	if (event.fail) throw new TypeError('the order has no id');
	if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
	console.log('processing', JSON.stringify(event));
	return {
		echo: event,
		requestId: context.awsRequestId,
		functionName: context.functionName,
		version: context.functionVersion,
		arn: context.invokedFunctionArn,
		memory: context.memoryLimitInMB,
		clientContext: context.clientContext ?? null,
		remainingPositive: context.getRemainingTimeInMillis() > 0,
		env: {region: process.env.AWS_REGION, name: process.env.AWS_LAMBDA_FUNCTION_NAME, custom: process.env.GREETING},
	};
};
`;

const pythonHandler = `
import json

def handler(event, context):
    if event.get("fail"):
        raise ValueError("bad temperature")
    print("reading", json.dumps(event))
    return {"echo": event, "requestId": context.aws_request_id, "version": context.function_version}
`;

/** A custom runtime as people write them: a shell script talking to the Runtime API with curl. */
const shellBootstrap = `#!/bin/sh
set -eu
while true; do
  HEADERS="$(mktemp)"
  EVENT=$(curl -sS -LD "$HEADERS" "http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")
  REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  echo "handling $REQUEST_ID"
  curl -sS -X POST "http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$REQUEST_ID/response" -d "{\\"shell\\":true,\\"event\\":$EVENT}" > /dev/null
done
`;

describe('Invoke through the SDK', () => {
	let harness: Harness;

	const create = async (name: string, settings: {runtime: Runtime; handler: string; files: Record<string, string>; timeout?: number}): Promise<void> => {
		await harness.lambda.send(
			new CreateFunctionCommand({
				FunctionName: name,
				Runtime: settings.runtime,
				Role: role,
				Handler: settings.handler,
				Code: {ZipFile: zipFiles(settings.files)},
				Timeout: settings.timeout ?? 3,
				Environment: {Variables: {GREETING: 'hello'}},
			}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: name});
	};

	before(async () => {
		harness = await startHarness({transitionDelayMs: 50});
		await create('orders', {runtime: 'nodejs22.x', handler: 'index.handler', files: {'index.mjs': nodeHandler}});
		await create('sensors', {runtime: 'python3.12', handler: 'app.handler', files: {'app.py': pythonHandler}});
		await create('shell', {runtime: 'provided.al2023', handler: 'unused', files: {bootstrap: shellBootstrap}});
		await create('sleepy', {runtime: 'nodejs22.x', handler: 'index.handler', files: {'index.mjs': nodeHandler}, timeout: 1});
	});
	after(async () => {
		await harness.close();
	});

	it('runs a Node.js function and answers with its response, the executed version and the log tail', async () => {
		const output = await harness.lambda.send(
			new InvokeCommand({FunctionName: 'orders', Payload: bytes({orderId: 42}), LogType: 'Tail'}),
		);
		assert.equal(output.StatusCode, 200);
		assert.equal(output.FunctionError, undefined);
		assert.equal(output.ExecutedVersion, '$LATEST');
		const body = json(output) as Record<string, unknown>;
		assert.deepEqual(body['echo'], {orderId: 42});
		assert.equal(body['functionName'], 'orders');
		assert.equal(body['version'], '$LATEST');
		assert.equal(body['arn'], 'arn:aws:lambda:us-east-1:123456789012:function:orders');
		assert.equal(body['memory'], '128');
		assert.equal(body['remainingPositive'], true);
		assert.deepEqual(body['env'], {region: 'us-east-1', name: 'orders', custom: 'hello'});
		assert.equal(body['requestId'], output.$metadata.requestId, 'the invocation runs under the request id of the response');
		const log = Buffer.from(output.LogResult ?? '', 'base64').toString('utf8');
		const requestId = String(body['requestId']);
		assert.match(log, new RegExp(`^START RequestId: ${requestId} Version: \\$LATEST$`, 'm'));
		assert.match(log, new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\\t${requestId}\\tINFO\\tprocessing \\{"orderId":42\\}$`, 'm'));
		assert.match(log, new RegExp(`^END RequestId: ${requestId}$`, 'm'));
		assert.match(log, new RegExp(`^REPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB`, 'm'));
	});

	it('passes the client context to the function', async () => {
		const clientContext = {client: {installation_id: 'phone-1', app_title: 'Shop'}, custom: {tier: 'gold'}};
		const output = await harness.lambda.send(
			new InvokeCommand({FunctionName: 'orders', Payload: bytes({}), ClientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64')}),
		);
		const body = json(output) as Record<string, unknown>;
		assert.deepEqual((body['clientContext'] as Record<string, unknown>)['custom'], {tier: 'gold'});
	});

	it('reports a function error as Lambda does: 200, X-Amz-Function-Error Unhandled and the error document', async () => {
		const output = await harness.lambda.send(new InvokeCommand({FunctionName: 'orders', Payload: bytes({fail: true})}));
		assert.equal(output.StatusCode, 200);
		assert.equal(output.FunctionError, 'Unhandled');
		const body = json(output) as Record<string, unknown>;
		assert.equal(body['errorType'], 'TypeError');
		assert.equal(body['errorMessage'], 'the order has no id');
		assert.ok(Array.isArray(body['trace']) && String((body['trace'] as string[])[0]).startsWith('TypeError: the order has no id'));
	});

	it('runs a Python function, and reports its errors in the Python runtime\'s shape', async () => {
		const ok = await harness.lambda.send(new InvokeCommand({FunctionName: 'sensors', Payload: bytes({temperature: 21})}));
		assert.equal(ok.FunctionError, undefined);
		const body = json(ok) as Record<string, unknown>;
		assert.deepEqual(body['echo'], {temperature: 21});
		assert.equal(body['version'], '$LATEST');
		const failed = await harness.lambda.send(new InvokeCommand({FunctionName: 'sensors', Payload: bytes({fail: true})}));
		assert.equal(failed.FunctionError, 'Unhandled');
		const error = json(failed) as Record<string, unknown>;
		assert.equal(error['errorType'], 'ValueError');
		assert.equal(error['errorMessage'], 'bad temperature');
		assert.equal(error['requestId'], failed.$metadata.requestId);
		assert.ok(Array.isArray(error['stackTrace']));
	});

	it('runs a custom runtime whose bootstrap is a shell script using curl, unchanged', async () => {
		const output = await harness.lambda.send(new InvokeCommand({FunctionName: 'shell', Payload: bytes({n: 1}), LogType: 'Tail'}));
		assert.equal(output.FunctionError, undefined);
		assert.deepEqual(json(output), {shell: true, event: {n: 1}});
		const log = Buffer.from(output.LogResult ?? '', 'base64').toString('utf8');
		assert.match(log, new RegExp(`^handling ${output.$metadata.requestId}$`, 'm'));
	});

	it('ends an invocation at its timeout with Sandbox.Timedout, and the next one starts fresh', async () => {
		const output = await harness.lambda.send(new InvokeCommand({FunctionName: 'sleepy', Payload: bytes({sleepMs: 5000})}));
		assert.equal(output.FunctionError, 'Unhandled');
		assert.deepEqual(json(output), {
			errorType: 'Sandbox.Timedout',
			errorMessage: `RequestId: ${output.$metadata.requestId} Error: Task timed out after 1.00 seconds`,
		});
		const next = await harness.lambda.send(new InvokeCommand({FunctionName: 'sleepy', Payload: bytes({n: 2}), LogType: 'Tail'}));
		assert.equal(next.FunctionError, undefined);
		assert.match(Buffer.from(next.LogResult ?? '', 'base64').toString('utf8'), /Init Duration: \d+\.\d{2} ms/);
	});

	it('holds a function to its memory size and its /tmp to its ephemeral storage', async () => {
		await create('hungry', {
			runtime: 'nodejs22.x',
			handler: 'index.handler',
			files: {
				'index.mjs': `import {truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {tmpdir} from 'node:os';
const held = [];
export const handler = async (event) => {
	if (event.tmpMb) {
		writeFileSync(join(tmpdir(), 'big'), '');
		truncateSync(join(tmpdir(), 'big'), event.tmpMb * 1024 * 1024);
	}
	for (let mb = 0; mb < (event.memoryMb ?? 0); mb++) held.push(Buffer.alloc(1024 * 1024, 1));
	if (event.waitMs) await new Promise((resolve) => setTimeout(resolve, event.waitMs));
	return 'done';
};
`,
			},
		});
		const memory = await harness.lambda.send(new InvokeCommand({FunctionName: 'hungry', Payload: bytes({memoryMb: 400, waitMs: 2000})}));
		assert.equal(memory.FunctionError, 'Unhandled');
		assert.deepEqual(json(memory), {
			errorType: 'Runtime.OutOfMemory',
			errorMessage: `RequestId: ${memory.$metadata.requestId} Error: Runtime exited with error: signal: killed`,
		});
		const tmp = await harness.lambda.send(new InvokeCommand({FunctionName: 'hungry', Payload: bytes({tmpMb: 600})}));
		assert.equal(tmp.FunctionError, 'Unhandled');
		assert.match(String((json(tmp) as Record<string, unknown>)['errorMessage']), /\/tmp holds 600 MB, more than the function's ephemeral storage \(512 MB\)/);
		const fine = await harness.lambda.send(new InvokeCommand({FunctionName: 'hungry', Payload: bytes({tmpMb: 100, memoryMb: 20})}));
		assert.equal(fine.FunctionError, undefined);
		assert.equal(json(fine), 'done');
	});

	it('answers DryRun with 204 and Event with 202, without running anything for DryRun', async () => {
		const dry = await harness.lambda.send(new InvokeCommand({FunctionName: 'orders', InvocationType: 'DryRun'}));
		assert.equal(dry.StatusCode, 204);
		const event = await harness.lambda.send(new InvokeCommand({FunctionName: 'orders', InvocationType: 'Event', Payload: bytes({queued: true})}));
		assert.equal(event.StatusCode, 202);
	});

	it('checks the request before running anything: JSON payload, size limits, the function and its state', async () => {
		await rejectsWith(
			harness.lambda.send(new InvokeCommand({FunctionName: 'orders', Payload: Buffer.from('not json')})),
			'InvalidRequestContentException',
			/^Could not parse request body into json: Could not parse payload into json: /,
			400,
		);
		const big = Buffer.from(JSON.stringify({data: 'x'.repeat(6_291_456)}));
		await rejectsWith(
			harness.lambda.send(new InvokeCommand({FunctionName: 'orders', Payload: big})),
			'RequestEntityTooLargeException',
			'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
			413,
		);
		const overAsync = Buffer.from(JSON.stringify({data: 'x'.repeat(1_048_576)}));
		await rejectsWith(
			harness.lambda.send(new InvokeCommand({FunctionName: 'orders', InvocationType: 'Event', Payload: overAsync})),
			'RequestEntityTooLargeException',
			`${overAsync.length} byte payload is too large for the Event invocation type (limit 1048576 bytes)`,
			413,
		);
		await rejectsWith(
			harness.lambda.send(new InvokeCommand({FunctionName: 'missing', Payload: bytes({})})),
			'ResourceNotFoundException',
			'Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing',
			404,
		);
		await rejectsWith(
			harness.lambda.send(new InvokeCommand({FunctionName: 'orders', Qualifier: '7', Payload: bytes({})})),
			'ResourceNotFoundException',
			'Function not found: arn:aws:lambda:us-east-1:123456789012:function:orders:7',
			404,
		);
	});

	it('answers ResourceConflictException while the function is Pending', async () => {
		const slow = await startHarness({transitionDelayMs: 60_000});
		try {
			await slow.lambda.send(
				new CreateFunctionCommand({FunctionName: 'fresh', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: zipFiles({'index.mjs': nodeHandler})}}),
			);
			await rejectsWith(
				slow.lambda.send(new InvokeCommand({FunctionName: 'fresh', Payload: bytes({})})),
				'ResourceConflictException',
				'The operation cannot be performed at this time. The function is currently in the following state: Pending',
				409,
			);
		} finally {
			await slow.close();
		}
	});

	it('runs the version a qualifier names, and splits an alias between versions by its weights', async () => {
		const first = await harness.lambda.send(new PublishVersionCommand({FunctionName: 'orders'}));
		assert.equal(first.Version, '1');
		await harness.lambda.send(
			new UpdateFunctionCodeCommand({FunctionName: 'orders', ZipFile: zipFiles({'index.mjs': 'export const handler = async () => "two";\n'}), Publish: true}),
		);
		await waitUntilFunctionUpdatedV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'orders'});
		const one = await harness.lambda.send(new InvokeCommand({FunctionName: 'orders', Qualifier: '1', Payload: bytes({v: 1})}));
		assert.equal(one.ExecutedVersion, '1');
		assert.equal((json(one) as Record<string, unknown>)['version'], '1');
		const two = await harness.lambda.send(new InvokeCommand({FunctionName: 'orders:2', Payload: bytes({})}));
		assert.equal(two.ExecutedVersion, '2');
		assert.equal(json(two), 'two');

		await harness.lambda.send(
			new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1', RoutingConfig: {AdditionalVersionWeights: {'2': 0.5}}}),
		);
		const executed = new Map<string, number>();
		for (let index = 0; index < 60; index++) {
			const output = await harness.lambda.send(new InvokeCommand({FunctionName: 'orders', Qualifier: 'live', Payload: bytes({})}));
			executed.set(output.ExecutedVersion ?? '?', (executed.get(output.ExecutedVersion ?? '?') ?? 0) + 1);
		}
		assert.deepEqual([...executed.keys()].sort(), ['1', '2']);
		// Half of 60 each way; a split beyond 10/50 has a chance below one in a million.
		assert.ok((executed.get('2') ?? 0) >= 10 && (executed.get('2') ?? 0) <= 50, `version 2 ran ${executed.get('2')} times of 60`);
	});

	it('throttles by reserved concurrency: a throttled function rejects every invoke; N parallel invokes against K give N-K throttles', async () => {
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'orders', ReservedConcurrentExecutions: 0}));
		await assert.rejects(harness.lambda.send(new InvokeCommand({FunctionName: 'orders', Payload: bytes({})})), (error: unknown) => {
			const failure = error as {name: string; Reason?: string; $metadata: {httpStatusCode?: number}; retryAfterSeconds?: string};
			assert.equal(failure.name, 'TooManyRequestsException');
			assert.equal(failure.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
			assert.equal(failure.$metadata.httpStatusCode, 429);
			assert.equal(failure.retryAfterSeconds, '1');
			return true;
		});
		await harness.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'orders', ReservedConcurrentExecutions: 3}));
		const results = await Promise.allSettled(
			Array.from({length: 8}, () => harness.lambda.send(new InvokeCommand({FunctionName: 'orders', Qualifier: '1', Payload: bytes({sleepMs: 800})}))),
		);
		const throttled = results.filter((result) => result.status === 'rejected' && (result.reason as Error).name === 'TooManyRequestsException');
		const ran = results.filter((result) => result.status === 'fulfilled');
		assert.equal(ran.length, 3);
		assert.equal(throttled.length, 5);
	});
});
