// The pure limits and validators of domain/: Lambda's constraints and messages.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Runtime} from '@aws-sdk/client-lambda';
import {runtimes, reservedEnvironmentVariables} from '../../source/domain/limits.js';
import {
	checkEnvironment,
	checkEphemeralStorage,
	checkFunctionName,
	checkHandler,
	checkMemorySize,
	checkReservedConcurrency,
	checkRole,
	checkRuntime,
	checkTags,
	checkTimeout,
	environmentSize,
	maxReservedConcurrency,
	parseFunctionReference,
	summarizeProblems,
} from '../../source/domain/validate.js';

describe('limits', () => {
	it('knows exactly the runtimes of the installed SDK', () => {
		assert.deepEqual([...runtimes].sort(), Object.values(Runtime).sort());
	});
	it('reserves the variables Lambda sets itself, not the ones it lets you extend', () => {
		for (const name of ['AWS_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_ACCESS_KEY_ID', 'LAMBDA_TASK_ROOT', '_HANDLER']) {
			assert.ok(reservedEnvironmentVariables.includes(name), name);
		}
		for (const name of ['PATH', 'LANG', 'NODE_OPTIONS', 'TZ']) assert.ok(!reservedEnvironmentVariables.includes(name), name);
	});
});

describe('function names', () => {
	it('parses names, partial ARNs and ARNs, with qualifiers', () => {
		assert.deepEqual(parseFunctionReference('my-function'), {name: 'my-function'});
		assert.deepEqual(parseFunctionReference('my-function:prod'), {name: 'my-function', qualifier: 'prod'});
		assert.deepEqual(parseFunctionReference('123456789012:function:my_function'), {name: 'my_function', accountId: '123456789012'});
		assert.deepEqual(parseFunctionReference('arn:aws:lambda:eu-west-1:123456789012:function:f:$LATEST'), {
			name: 'f',
			qualifier: '$LATEST',
			region: 'eu-west-1',
			accountId: '123456789012',
		});
		for (const bad of ['', 'has space', 'a:b:c', 'arn:aws:s3:::bucket', 'arn:aws:lambda:nowhere:123456789012:function:f', 'x'.repeat(141), 'ünïcode']) {
			assert.equal(parseFunctionReference(bad), undefined, bad);
		}
	});
	it('checks CreateFunction names: 1 to 64 characters of letters, digits, - and _', () => {
		assert.deepEqual(checkFunctionName('a'), []);
		assert.deepEqual(checkFunctionName('n'.repeat(64)), []);
		assert.match(checkFunctionName('n'.repeat(65))[0]?.message ?? '', /Member must have length less than or equal to 64/);
		assert.match(checkFunctionName('bad.name')[0]?.message ?? '', /Value 'bad.name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
		assert.match(checkFunctionName(undefined)[0]?.message ?? '', /Value null at 'functionName' failed to satisfy constraint: Member must not be null/);
	});
});

describe('configuration values', () => {
	it('memory 128-10240 MB', () => {
		assert.deepEqual(checkMemorySize(128), []);
		assert.deepEqual(checkMemorySize(10240), []);
		assert.equal(checkMemorySize(127)[0]?.code, 'ValidationException');
		assert.equal(checkMemorySize(10241)[0]?.message, "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 10240");
	});
	it('timeout 1-900 s and ephemeral storage 512-10240 MB', () => {
		assert.deepEqual(checkTimeout(1), []);
		assert.deepEqual(checkTimeout(900), []);
		assert.equal(checkTimeout(0).length, 1);
		assert.equal(checkTimeout(901).length, 1);
		assert.deepEqual(checkEphemeralStorage(512), []);
		assert.deepEqual(checkEphemeralStorage(10240), []);
		assert.equal(checkEphemeralStorage(511).length, 1);
		assert.equal(checkEphemeralStorage(10241).length, 1);
	});
	it('runtime, handler and role', () => {
		assert.deepEqual(checkRuntime('nodejs22.x'), []);
		assert.equal(checkRuntime('node').length, 1);
		assert.equal(checkRuntime('python2.7')[0]?.code, 'InvalidParameterValueException');
		assert.deepEqual(checkHandler('index.handler'), []);
		assert.equal(checkHandler('index handler').length, 1);
		assert.equal(checkHandler('h'.repeat(129)).length, 1);
		assert.deepEqual(checkRole('arn:aws:iam::123456789012:role/service-role/my-role'), []);
		assert.equal(checkRole('my-role').length, 1);
	});
	it('reports model constraints together, as Lambda does', () => {
		const summary = summarizeProblems([...checkTimeout(0), ...checkMemorySize(1)]);
		assert.equal(summary?.code, 'ValidationException');
		assert.match(summary?.message ?? '', /^2 validation errors detected: Value '0' at 'timeout'.*; Value '1' at 'memorySize'/);
		assert.equal(summarizeProblems([]), undefined);
	});
});

describe('environment variables', () => {
	it('names start with a letter, then letters, digits and underscores', () => {
		assert.deepEqual(checkEnvironment({TABLE_NAME: 'x', a1: 'y'}), []);
		assert.equal(checkEnvironment({'1ABC': 'x'})[0]?.code, 'ValidationException');
		assert.equal(checkEnvironment({'A-B': 'x'}).length, 1);
	});
	it('reserved keys cannot be set', () => {
		const [problem] = checkEnvironment({AWS_REGION: 'x', AWS_SESSION_TOKEN: 'y', MINE: 'z'});
		assert.equal(problem?.code, 'InvalidParameterValueException');
		assert.match(problem?.message ?? '', /Reserved keys used in this request: AWS_REGION, AWS_SESSION_TOKEN$/);
	});
	it('4 KB in total, measured as JSON, and values are never echoed', () => {
		const fits = {BIG: 'x'.repeat(4096 - environmentSize({BIG: ''}))};
		assert.equal(environmentSize(fits), 4096);
		assert.deepEqual(checkEnvironment(fits), []);
		const secret = 's3cr3t'.repeat(800);
		const [problem] = checkEnvironment({BIG: secret});
		assert.match(problem?.message ?? '', /exceeded the 4KB limit/);
		assert.ok(!(problem?.message ?? '').includes('s3cr3t'));
	});
});

describe('tags', () => {
	it('50 per resource, key 1-128, value 0-256, no aws: prefix, allowed characters', () => {
		assert.deepEqual(checkTags({team: 'core', 'lambdash:throttled-from': '10', 'a b_c.d/e=f+g-h@i': '', 'équipe': 'café'}), []);
		assert.equal(checkTags({'': 'x'}).length, 1);
		assert.equal(checkTags({['k'.repeat(129)]: 'x'}).length, 1);
		assert.deepEqual(checkTags({['k'.repeat(128)]: 'v'.repeat(256)}), []);
		assert.equal(checkTags({k: 'v'.repeat(257)}).length, 1);
		assert.equal(checkTags({'AWS:thing': 'x'}).length, 1);
		assert.equal(checkTags({'semi;colon': 'x'}).length, 1);
		const fifty = Object.fromEntries(Array.from({length: 50}, (_, index) => [`t${index}`, '']));
		assert.deepEqual(checkTags(fifty), []);
		assert.equal(checkTags({extra: ''}, fifty).length, 1);
		assert.deepEqual(checkTags({t0: 'replaced'}, fifty), [], 'replacing a tag does not add one');
	});
});

describe('reserved concurrency', () => {
	it('leaves at least 100 of 1000 unreserved', () => {
		assert.deepEqual(checkReservedConcurrency(0, 0), []);
		assert.deepEqual(checkReservedConcurrency(900, 0), []);
		assert.equal(
			checkReservedConcurrency(901, 0)[0]?.message,
			"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
		);
		assert.equal(checkReservedConcurrency(1, 900).length, 1);
		assert.equal(checkReservedConcurrency(-1, 0)[0]?.code, 'ValidationException');
		assert.equal(maxReservedConcurrency(850), 50);
		assert.equal(maxReservedConcurrency(2000), 0);
	});
});
