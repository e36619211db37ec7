// The create-function forms' checks: names, runtimes, architectures, role ARNs,
// image URIs, and commands as JSON arrays or words.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	checkArchitecture,
	checkImageUri,
	checkNewFunctionName,
	checkRoleArn,
	checkRuntimeChoice,
	checkWorkingDirectory,
	createRuntimeChoices,
	demoRoleArn,
	imageRequestOf,
	parseCommandList,
} from '../../source/domain/create-function-form.js';
import {runtimes} from '../../source/domain/limits.js';
import {isRuntimeDeprecated} from '../../source/domain/runtime-deprecation.js';

const at = new Date('2025-06-01T00:00:00Z');

describe('create-function form', () => {
	test('a name is 1-64 letters, digits, hyphens and underscores; the message says so', () => {
		assert.equal(checkNewFunctionName('orders_api-2'), undefined);
		assert.equal(checkNewFunctionName('a'.repeat(64)), undefined);
		assert.match(checkNewFunctionName('') ?? '', /1-64 letters, digits, hyphens \(-\) and underscores \(_\)/);
		assert.match(checkNewFunctionName('a'.repeat(65)) ?? '', /At most 64 characters \(this is 65\)/);
		assert.match(checkNewFunctionName('my function') ?? '', /Only letters, digits, hyphens \(-\) and underscores \(_\)/);
		assert.match(checkNewFunctionName('orders:1') ?? '', /Only letters/);
	});

	test('runtimes: the SDK list without deprecated ones, Node.js first and newest first', () => {
		const choices = createRuntimeChoices(at);
		assert.ok(choices.length > 5);
		for (const runtime of choices) {
			assert.ok(runtimes.includes(runtime), runtime);
			assert.ok(!isRuntimeDeprecated(runtime, at), `${runtime} is deprecated`);
		}
		for (const gone of ['nodejs16.x', 'python3.8', 'go1.x', 'provided', 'java8', 'nodejs']) assert.ok(!choices.includes(gone), gone);
		assert.ok(choices.includes('nodejs22.x') && choices.includes('python3.13') && choices.includes('provided.al2023'));
		assert.ok(choices[0]?.startsWith('nodejs'));
		assert.ok(choices.indexOf('nodejs22.x') > choices.indexOf('nodejs24.x'), 'newer versions first');
		assert.ok(choices.indexOf('python3.13') < choices.indexOf('python3.12'));
		assert.ok(choices.indexOf('python3.12') < choices.indexOf('python3.11'));
		assert.equal(checkRuntimeChoice('nodejs22.x', at), undefined);
		assert.match(checkRuntimeChoice('nodejs16.x', at) ?? '', /supported runtimes only/);
	});

	test('architectures and role ARNs', () => {
		assert.equal(checkArchitecture('arm64'), undefined);
		assert.equal(checkArchitecture('x86_64'), undefined);
		assert.match(checkArchitecture('amd64') ?? '', /x86_64 or arm64/);
		assert.equal(checkRoleArn('arn:aws:iam::123456789012:role/service-role/my-role'), undefined);
		assert.match(checkRoleArn('') ?? '', /execution role is needed/);
		assert.match(checkRoleArn('my-role') ?? '', /Not a role ARN: arn:aws:iam::<12-digit account>:role\/<name>/);
		assert.match(checkRoleArn('arn:aws:iam::1234:role/x') ?? '', /Not a role ARN/);
		assert.equal(demoRoleArn('000000000000'), 'arn:aws:iam::000000000000:role/lambdash-demo-role');
		assert.equal(checkRoleArn(demoRoleArn('?')), undefined, 'an unknown account still gives a valid ARN');
	});

	test('image URIs are Amazon ECR images with a tag or a digest', () => {
		assert.equal(checkImageUri('123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:v1'), undefined);
		assert.equal(checkImageUri(`123456789012.dkr.ecr.us-east-1.amazonaws.com/team/orders@sha256:${'a'.repeat(64)}`), undefined);
		assert.match(checkImageUri('') ?? '', /image URI is needed/);
		assert.match(checkImageUri('nginx:latest') ?? '', /An Amazon ECR image/);
		assert.match(checkImageUri('123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders') ?? '', /TAG/, 'a tag or digest is needed');
	});

	test('commands and entry points: a JSON array of strings, or words separated by spaces', () => {
		assert.deepEqual(parseCommandList(''), {ok: true, value: undefined});
		assert.deepEqual(parseCommandList('app.handler'), {ok: true, value: ['app.handler']});
		assert.deepEqual(parseCommandList('  python  -m  awslambdaric '), {ok: true, value: ['python', '-m', 'awslambdaric']});
		assert.deepEqual(parseCommandList('["node", "my file.js"]'), {ok: true, value: ['node', 'my file.js']});
		const broken = parseCommandList('["node",');
		assert.equal(broken.ok, false);
		assert.match(broken.ok ? '' : broken.message, /Not a JSON array/);
		const numbers = parseCommandList('[1, 2]');
		assert.match(numbers.ok ? '' : numbers.message, /array of strings/);
		assert.equal(checkWorkingDirectory(''), undefined);
		assert.equal(checkWorkingDirectory('/var/task'), undefined);
		assert.match(checkWorkingDirectory('var/task') ?? '', /absolute path/);
		assert.match(checkWorkingDirectory(`/${'a'.repeat(1000)}`) ?? '', /At most 1000/);
	});

	test('the image form makes a request with only the overrides given', () => {
		const request = imageRequestOf({
			name: ' orders ',
			imageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:v1',
			architecture: 'arm64',
			role: 'arn:aws:iam::123456789012:role/r',
			command: '["app.handler"]',
			entryPoint: '',
			workingDirectory: '',
		});
		assert.deepEqual(request, {
			packageType: 'Image',
			name: 'orders',
			imageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:v1',
			architecture: 'arm64',
			role: 'arn:aws:iam::123456789012:role/r',
			command: ['app.handler'],
		});
	});
});
