// The console's aws/function-url module through the real
// @aws-sdk/client-lambda against the local Lambda: a function without a URL
// reads as undefined (not an error), create/update/delete/list map to small
// plain values, and Lambda's refusals reach the caller as SDK errors with
// Lambda's names.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {CreateAliasCommand, CreateFunctionCommand, PublishVersionCommand, waitUntilFunctionActiveV2} from '@aws-sdk/client-lambda';
import {createClients, type Clients} from '../../source/aws/clients.js';
import {createUrlConfig, deleteUrlConfig, getUrlConfig, listUrlConfigs, updateUrlConfig} from '../../source/aws/function-url.js';
import {localSession} from '../../source/session.js';
import {makeZip, rejectsWith, role, startHarness, type Harness} from './harness.js';

const arn = 'arn:aws:lambda:us-east-1:123456789012:function:orders';

describe('aws/function-url through the SDK', () => {
	let harness: Harness;
	let clients: Clients;

	before(async () => {
		harness = await startHarness({transitionDelayMs: 50});
		clients = createClients(localSession(harness.server.endpoint, harness.dataDir, 'us-east-1', false));
		await harness.lambda.send(new CreateFunctionCommand({FunctionName: 'orders', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}));
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'orders'});
		await harness.lambda.send(new PublishVersionCommand({FunctionName: 'orders'}));
		await harness.lambda.send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1'}));
	});
	after(async () => {
		clients.destroy();
		await harness.close();
	});

	it('reads a function without a URL as undefined', async () => {
		assert.equal(await getUrlConfig(clients, 'orders'), undefined);
	});

	it('creates, reads, updates, lists and deletes URLs as plain values', async () => {
		const created = await createUrlConfig(clients, 'orders', {authType: 'NONE', cors: {allowOrigins: ['*'], maxAge: 60}});
		assert.match(created.url, /^http:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.localhost:\d+\/$/);
		assert.equal(created.functionArn, arn);
		assert.equal(created.qualifier, undefined);
		assert.equal(created.authType, 'NONE');
		assert.equal(created.invokeMode, 'BUFFERED');
		assert.deepEqual(created.cors, {allowOrigins: ['*'], maxAge: 60});
		assert.equal(created.lastModifiedTime, undefined);

		const alias = await createUrlConfig(clients, 'orders', {authType: 'AWS_IAM', invokeMode: 'RESPONSE_STREAM'}, 'live');
		assert.equal(alias.qualifier, 'live');
		assert.equal(alias.functionArn, `${arn}:live`);

		const read = await getUrlConfig(clients, 'orders');
		assert.equal(read?.url, created.url);
		assert.equal(typeof read?.lastModifiedTime, 'string');

		const updated = await updateUrlConfig(clients, 'orders', {authType: 'AWS_IAM', cors: {}});
		assert.equal(updated.authType, 'AWS_IAM');
		assert.equal(updated.cors, undefined);

		const listed = await listUrlConfigs(clients, 'orders');
		assert.deepEqual(listed.map((config) => [config.qualifier, config.authType, config.invokeMode]), [
			[undefined, 'AWS_IAM', 'BUFFERED'],
			['live', 'AWS_IAM', 'RESPONSE_STREAM'],
		]);

		await deleteUrlConfig(clients, 'orders', 'live');
		assert.equal(await getUrlConfig(clients, 'orders', 'live'), undefined);
		assert.equal((await listUrlConfigs(clients, 'orders')).length, 1);
	});

	it('passes Lambda\'s refusals on with Lambda\'s names', async () => {
		await rejectsWith(createUrlConfig(clients, 'orders', {authType: 'NONE'}), 'ResourceConflictException', /FunctionUrlConfig exists for this Lambda function/);
		await rejectsWith(createUrlConfig(clients, 'orders', {authType: 'NONE'}, '1'), 'ValidationException', /at 'qualifier'/);
		await rejectsWith(updateUrlConfig(clients, 'orders', {cors: {maxAge: 90_000}}), 'ValidationException', /cors\.maxAge/);
		await rejectsWith(deleteUrlConfig(clients, 'missing'), 'ResourceNotFoundException', 'The resource you requested does not exist.');
	});
});
