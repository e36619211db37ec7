// The AWS CLI against the local Lambda (--endpoint-url), as a person would use it.
// The CLI must be installed (it is on developer machines and in CI): without it this test fails.

import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {aws, awsJson} from './aws-cli-support.js';
import {makeZip, role, startHarness, type Harness} from './harness.js';

describe('the AWS CLI against the local Lambda', () => {
	let harness: Harness;
	let scratch: string;
	let endpoint: string;
	before(async () => {
		harness = await startHarness({transitionDelayMs: 100});
		endpoint = harness.server.endpoint;
		scratch = await mkdtemp(join(tmpdir(), 'lambdash-cli-'));
	});
	after(async () => {
		await harness.close();
		await rm(scratch, {recursive: true, force: true});
	});

	it('create-function with a zip from a file', async () => {
		const zipPath = join(scratch, 'function.zip');
		await writeFile(zipPath, makeZip({'app.py': 'def handler(event, context):\n    return "ok"\n'}));
		const created = await awsJson(endpoint, [
			'lambda', 'create-function',
			'--function-name', 'cli-fn',
			'--runtime', 'python3.12',
			'--role', role,
			'--handler', 'app.handler',
			'--zip-file', `fileb://${zipPath}`,
			'--memory-size', '256',
			'--environment', 'Variables={STAGE=dev}',
		]);
		assert.equal(created['FunctionName'], 'cli-fn');
		assert.equal(created['State'], 'Pending');
		assert.equal(created['MemorySize'], 256);
		const waited = await aws(endpoint, ['lambda', 'wait', 'function-active-v2', '--function-name', 'cli-fn']);
		assert.equal(waited.code, 0, waited.stderr);
	});

	it('list-functions', async () => {
		const listed = await awsJson(endpoint, ['lambda', 'list-functions']);
		const functions = listed['Functions'] as Array<Record<string, unknown>>;
		assert.deepEqual(functions.map((fn) => fn['FunctionName']), ['cli-fn']);
	});

	it('get-function', async () => {
		const got = await awsJson(endpoint, ['lambda', 'get-function', '--function-name', 'cli-fn']);
		const configuration = got['Configuration'] as Record<string, unknown>;
		assert.equal(configuration['State'], 'Active');
		assert.equal(configuration['Runtime'], 'python3.12');
		const code = got['Code'] as Record<string, unknown>;
		assert.equal(code['RepositoryType'], 'S3');
		assert.ok(String(code['Location']).startsWith(endpoint));
	});

	it('update-function-configuration', async () => {
		const updated = await awsJson(endpoint, ['lambda', 'update-function-configuration', '--function-name', 'cli-fn', '--timeout', '42', '--description', 'from the CLI']);
		assert.equal(updated['Timeout'], 42);
		assert.equal(updated['LastUpdateStatus'], 'InProgress');
		const waited = await aws(endpoint, ['lambda', 'wait', 'function-updated-v2', '--function-name', 'cli-fn']);
		assert.equal(waited.code, 0, waited.stderr);
		const configuration = await awsJson(endpoint, ['lambda', 'get-function-configuration', '--function-name', 'cli-fn']);
		assert.equal(configuration['Description'], 'from the CLI');
	});

	it('put-function-concurrency', async () => {
		const put = await awsJson(endpoint, ['lambda', 'put-function-concurrency', '--function-name', 'cli-fn', '--reserved-concurrent-executions', '0']);
		assert.equal(put['ReservedConcurrentExecutions'], 0);
		const refused = await aws(endpoint, ['lambda', 'put-function-concurrency', '--function-name', 'cli-fn', '--reserved-concurrent-executions', '950']);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /InvalidParameterValueException/);
		assert.match(refused.stderr, /below its minimum value of \[100\]/);
	});

	it('tag-resource', async () => {
		const arn = 'arn:aws:lambda:us-east-1:123456789012:function:cli-fn';
		await awsJson(endpoint, ['lambda', 'tag-resource', '--resource', arn, '--tags', 'team=core,env=dev']);
		const tags = await awsJson(endpoint, ['lambda', 'list-tags', '--resource', arn]);
		assert.deepEqual(tags['Tags'], {team: 'core', env: 'dev'});
	});

	it('publish-version, create-alias, list-aliases', async () => {
		const published = await awsJson(endpoint, ['lambda', 'publish-version', '--function-name', 'cli-fn', '--description', 'v1 from the CLI']);
		assert.equal(published['Version'], '1');
		assert.equal(published['FunctionArn'], 'arn:aws:lambda:us-east-1:123456789012:function:cli-fn:1');
		assert.equal(published['Description'], 'v1 from the CLI');
		const alias = await awsJson(endpoint, ['lambda', 'create-alias', '--function-name', 'cli-fn', '--name', 'live', '--function-version', '1']);
		assert.equal(alias['AliasArn'], 'arn:aws:lambda:us-east-1:123456789012:function:cli-fn:live');
		assert.equal(alias['FunctionVersion'], '1');
		const aliases = await awsJson(endpoint, ['lambda', 'list-aliases', '--function-name', 'cli-fn']);
		assert.deepEqual((aliases['Aliases'] as Array<Record<string, unknown>>).map((entry) => entry['Name']), ['live']);
		const versions = await awsJson(endpoint, ['lambda', 'list-versions-by-function', '--function-name', 'cli-fn']);
		assert.deepEqual((versions['Versions'] as Array<Record<string, unknown>>).map((entry) => entry['Version']), ['$LATEST', '1']);
		const qualified = await awsJson(endpoint, ['lambda', 'get-function-configuration', '--function-name', 'cli-fn', '--qualifier', 'live']);
		assert.equal(qualified['Version'], '1');
		const refused = await aws(endpoint, ['lambda', 'create-alias', '--function-name', 'cli-fn', '--name', '42', '--function-version', '1']);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /ValidationException/);
		const inUse = await aws(endpoint, ['lambda', 'delete-function', '--function-name', 'cli-fn', '--qualifier', '1']);
		assert.notEqual(inUse.code, 0);
		assert.match(inUse.stderr, /ResourceConflictException/);
	});

	it('delete-function, and errors come back with their AWS names', async () => {
		await awsJson(endpoint, ['lambda', 'delete-function', '--function-name', 'cli-fn']);
		const missing = await aws(endpoint, ['lambda', 'get-function', '--function-name', 'cli-fn']);
		assert.notEqual(missing.code, 0);
		assert.match(missing.stderr, /ResourceNotFoundException/);
		assert.match(missing.stderr, /Function not found: arn:aws:lambda:us-east-1:123456789012:function:cli-fn/);
		const listed = await awsJson(endpoint, ['lambda', 'list-functions']);
		assert.deepEqual(listed['Functions'], []);
	});

	it('sts get-caller-identity', async () => {
		const identity = await awsJson(endpoint, ['sts', 'get-caller-identity']);
		assert.equal(identity['Account'], '123456789012');
	});
});
