import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {GetFunctionCommand, PutFunctionConcurrencyCommand} from '@aws-sdk/client-lambda';
import {createClients} from '../../source/aws/clients.js';
import {throttleFunction, unthrottleFunction} from '../../source/aws/concurrency.js';
import {describeAwsError} from '../../source/aws/errors.js';
import {getFunctionDetail, listFunctionPages} from '../../source/aws/functions.js';
import {throttleRestoreTag} from '../../source/domain/throttle.js';
import {startTestLambda, type TestLambda} from '../support/local-lambda.js';

describe('the AWS layer against the local Lambda', () => {
	let local: TestLambda;
	before(async () => {
		local = await startTestLambda();
	});
	after(async () => {
		await local.stop();
	});

	test('lists every function a page at a time', async () => {
		const pages = [];
		for await (const page of listFunctionPages(local.clients)) pages.push(page);
		const names = pages.flat().map((fn) => fn.name);
		assert.equal(names.length, 10);
		assert.ok(names.includes('web-app-node'));
		const fn = pages.flat().find((f) => f.name === 'web-app-node')!;
		assert.equal(fn.runtime, 'nodejs22.x');
		assert.equal(fn.state, '-', 'ListFunctions leaves State out, as Lambda does');
		assert.equal((await getFunctionDetail(local.clients, 'web-app-node')).state, 'Active');
		assert.ok(fn.codeSize > 0);
		assert.ok(fn.lastModified instanceof Date);
	});

	test('throttle remembers no reservation in a tag, and unthrottle removes the reservation and the tag', async () => {
		const outcome = await throttleFunction(local.clients, 'web-app-node');
		assert.equal(outcome.changed, true);
		let detail = await getFunctionDetail(local.clients, 'web-app-node');
		assert.equal(detail.reservedConcurrency, 0);
		assert.equal(detail.tags[throttleRestoreTag], 'unreserved');
		const twice = await throttleFunction(local.clients, 'web-app-node');
		assert.equal(twice.changed, false);
		assert.equal(twice.message, 'web-app-node is already throttled');
		const back = await unthrottleFunction(local.clients, 'web-app-node');
		assert.equal(back.reservedConcurrency, undefined);
		detail = await getFunctionDetail(local.clients, 'web-app-node');
		assert.equal(detail.reservedConcurrency, undefined);
		assert.equal(detail.tags[throttleRestoreTag], undefined);
		const notThrottled = await unthrottleFunction(local.clients, 'web-app-node');
		assert.equal(notThrottled.changed, false);
	});

	test('unthrottle from another client restores the earlier number', async () => {
		await local.clients.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'web-app-python', ReservedConcurrentExecutions: 42}));
		await throttleFunction(local.clients, 'web-app-python');
		const other = createClients(local.session);
		const outcome = await unthrottleFunction(other, 'web-app-python');
		other.destroy();
		assert.equal(outcome.message, 'Unthrottled web-app-python: reserved concurrency 42 restored');
		const output = await local.clients.lambda.send(new GetFunctionCommand({FunctionName: 'web-app-python'}));
		assert.equal(output.Concurrency?.ReservedConcurrentExecutions, 42);
		assert.equal(output.Tags?.[throttleRestoreTag], undefined);
	});

	test('a function throttled without the tag (the web console) unthrottles to no reservation', async () => {
		await local.clients.lambda.send(new PutFunctionConcurrencyCommand({FunctionName: 'iot-backend-node', ReservedConcurrentExecutions: 0}));
		const outcome = await unthrottleFunction(local.clients, 'iot-backend-node');
		assert.equal(outcome.reservedConcurrency, undefined);
	});

	test('errors become a sentence with what to do next', async () => {
		const error = await throttleFunction(local.clients, 'no-such-function').catch((caught: unknown) => caught);
		const text = describeAwsError(error);
		assert.match(text, /no-such-function/);
		assert.match(text, /press r to refresh/);
		const offline = createClients({...local.session, target: {kind: 'local', endpoint: 'http://127.0.0.1:1', dataDir: local.dataDir}});
		const unreachable = await getFunctionDetail(offline, 'x').catch((caught: unknown) => caught);
		offline.destroy();
		assert.match(describeAwsError(unreachable, 'http://127.0.0.1:1'), /Cannot reach http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/);
	});
});
