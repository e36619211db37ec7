// Permissions and file systems through the AWS CLI against the local Lambda
// (--endpoint-url), as a person would grant S3 the right to invoke a function,
// read the policy back, revoke it, and mount a file system. The CLI must be
// installed (it is on developer machines and in CI): without it this test fails.

import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {CreateFunctionCommand, waitUntilFunctionActiveV2} from '@aws-sdk/client-lambda';
import {aws, awsJson} from './aws-cli-support.js';
import {makeZip, role, startHarness, type Harness} from './harness.js';

const arn = 'arn:aws:lambda:us-east-1:123456789012:function:resizer';
const accessPoint = 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0';

describe('permissions and file systems through the AWS CLI', () => {
	let harness: Harness;
	let endpoint: string;

	before(async () => {
		harness = await startHarness({transitionDelayMs: 50});
		endpoint = harness.server.endpoint;
		await harness.lambda.send(new CreateFunctionCommand({FunctionName: 'resizer', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: {ZipFile: makeZip()}}));
		await waitUntilFunctionActiveV2({client: harness.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1}, {FunctionName: 'resizer'});
	});
	after(async () => {
		await harness.close();
	});

	it('add-permission, get-policy, remove-permission', async () => {
		const added = await awsJson(endpoint, [
			'lambda', 'add-permission',
			'--function-name', 'resizer',
			'--statement-id', 's3-invoke',
			'--action', 'lambda:InvokeFunction',
			'--principal', 's3.amazonaws.com',
			'--source-arn', 'arn:aws:s3:::photos',
			'--source-account', '123456789012',
		]);
		assert.deepEqual(JSON.parse(String(added['Statement'])), {
			Sid: 's3-invoke',
			Effect: 'Allow',
			Principal: {Service: 's3.amazonaws.com'},
			Action: 'lambda:InvokeFunction',
			Resource: arn,
			Condition: {StringEquals: {'AWS:SourceAccount': '123456789012'}, ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::photos'}},
		});

		const policy = await awsJson(endpoint, ['lambda', 'get-policy', '--function-name', 'resizer']);
		const document = JSON.parse(String(policy['Policy'])) as {Id: string; Statement: Array<{Sid: string}>};
		assert.equal(document.Id, 'default');
		assert.deepEqual(document.Statement.map((statement) => statement.Sid), ['s3-invoke']);
		assert.equal(typeof policy['RevisionId'], 'string');

		const duplicate = await aws(endpoint, ['lambda', 'add-permission', '--function-name', 'resizer', '--statement-id', 's3-invoke', '--action', 'lambda:InvokeFunction', '--principal', '*']);
		assert.notEqual(duplicate.code, 0);
		assert.match(duplicate.stderr, /ResourceConflictException.*The statement id \(s3-invoke\) provided already exists/);

		await awsJson(endpoint, ['lambda', 'remove-permission', '--function-name', 'resizer', '--statement-id', 's3-invoke']);
		const gone = await aws(endpoint, ['lambda', 'get-policy', '--function-name', 'resizer']);
		assert.notEqual(gone.code, 0);
		assert.match(gone.stderr, /ResourceNotFoundException.*The resource you requested does not exist\./);
	});

	it('update-function-configuration --file-system-configs, with the VPC it needs', async () => {
		const refused = await aws(endpoint, ['lambda', 'update-function-configuration', '--function-name', 'resizer', '--file-system-configs', `Arn=${accessPoint},LocalMountPath=/mnt/photos`]);
		assert.notEqual(refused.code, 0);
		assert.match(refused.stderr, /InvalidParameterValueException.*Function must be configured to execute in a VPC/);
		const updated = await awsJson(endpoint, [
			'lambda', 'update-function-configuration',
			'--function-name', 'resizer',
			'--vpc-config', 'SubnetIds=subnet-0123456789abcdef0,SecurityGroupIds=sg-0123456789abcdef0',
			'--file-system-configs', `Arn=${accessPoint},LocalMountPath=/mnt/photos`,
		]);
		assert.deepEqual(updated['FileSystemConfigs'], [{Arn: accessPoint, LocalMountPath: '/mnt/photos'}]);
	});
});
