// Provisioned concurrency through the AWS CLI against the local Lambda
// (--endpoint-url), as a person would allocate it and watch it become READY.
// The CLI must be installed (it is on developer machines and in CI): without
// it this test fails.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {CreateFunctionCommand, PublishVersionCommand, waitUntilFunctionActiveV2} from '@aws-sdk/client-lambda';
import {zipFiles} from '../../source/domain/code-package.js';
import {aws, awsJson} from './aws-cli-support.js';
import {role, startHarness, type Harness} from './harness.js';

describe('provisioned concurrency through the AWS CLI', () => {
	let harness: Harness;
	let endpoint: string;

	before(async () => {
		harness = await startHarness({transitionDelayMs: 100});
		endpoint = harness.server.endpoint;
		await harness.lambda.send(
			new CreateFunctionCommand({
				FunctionName: 'cli-warm',
				Runtime: 'nodejs22.x',
				Role: role,
				Handler: 'index.handler',
				Code: {ZipFile: zipFiles({'index.mjs': 'export const handler = async () => process.env.AWS_LAMBDA_INITIALIZATION_TYPE;\n'})},
			}),
		);
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'cli-warm'});
		await harness.lambda.send(new PublishVersionCommand({FunctionName: 'cli-warm'}));
	});
	after(async () => {
		await harness.close();
	});

	it('put-provisioned-concurrency-config, then get-provisioned-concurrency-config until READY', async () => {
		const put = await awsJson(endpoint, [
			'lambda', 'put-provisioned-concurrency-config',
			'--function-name', 'cli-warm',
			'--qualifier', '1',
			'--provisioned-concurrent-executions', '1',
		]);
		assert.equal(put['Status'], 'IN_PROGRESS');
		assert.equal(put['RequestedProvisionedConcurrentExecutions'], 1);

		let config: Record<string, unknown> = {};
		for (let attempt = 0; attempt < 100; attempt += 1) {
			config = await awsJson(endpoint, ['lambda', 'get-provisioned-concurrency-config', '--function-name', 'cli-warm', '--qualifier', '1']);
			if (config['Status'] !== 'IN_PROGRESS') break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		assert.equal(config['Status'], 'READY');
		assert.equal(config['AllocatedProvisionedConcurrentExecutions'], 1);
		assert.equal(config['AvailableProvisionedConcurrentExecutions'], 1);

		const listed = await awsJson(endpoint, ['lambda', 'list-provisioned-concurrency-configs', '--function-name', 'cli-warm']);
		const items = listed['ProvisionedConcurrencyConfigs'] as Array<Record<string, unknown>>;
		assert.deepEqual(items.map((item) => item['FunctionArn']), ['arn:aws:lambda:us-east-1:123456789012:function:cli-warm:1']);
	});

	it("answers $LATEST with Lambda's error", async () => {
		const refused = await aws(endpoint, [
			'lambda', 'put-provisioned-concurrency-config',
			'--function-name', 'cli-warm',
			'--qualifier', '$LATEST',
			'--provisioned-concurrent-executions', '1',
		]);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /InvalidParameterValueException/);
		assert.match(refused.stderr, /Provisioned Concurrency Configs cannot be applied to unpublished function versions\./);
	});

	it('delete-provisioned-concurrency-config, then get answers ProvisionedConcurrencyConfigNotFoundException', async () => {
		const deleted = await aws(endpoint, ['lambda', 'delete-provisioned-concurrency-config', '--function-name', 'cli-warm', '--qualifier', '1']);
		assert.equal(deleted.code, 0, deleted.stderr);
		const missing = await aws(endpoint, ['lambda', 'get-provisioned-concurrency-config', '--function-name', 'cli-warm', '--qualifier', '1']);
		assert.notEqual(missing.code, 0);
		assert.match(missing.stderr, /ProvisionedConcurrencyConfigNotFoundException/);
		assert.match(missing.stderr, /No Provisioned Concurrency Config found for this function/);
	});
});
