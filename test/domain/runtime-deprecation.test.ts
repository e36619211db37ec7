// When Lambda stops creating and updating functions with a deprecated runtime.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Runtime} from '@aws-sdk/client-lambda';
import {blockedRuntimes} from '../../source/domain/limits.js';
import {
	blockedRuntimeMessage,
	isRuntimeBlocked,
	isRuntimeDeprecated,
	runtimeDeprecation,
	runtimeDeprecations,
} from '../../source/domain/runtime-deprecation.js';
import {checkRuntime, checkRuntimeStillUpdatable} from '../../source/domain/validate.js';

const at = (iso: string): Date => new Date(iso);

describe('runtime deprecation', () => {
	it('knows only runtimes of the service model, each with a supported successor', () => {
		const known = Object.values(Runtime) as string[];
		for (const [runtime, deprecation] of Object.entries(runtimeDeprecations)) {
			assert.ok(known.includes(runtime), runtime);
			assert.ok(known.includes(deprecation.successor), `${runtime} -> ${deprecation.successor}`);
			assert.equal(runtimeDeprecation(deprecation.successor), undefined, `${runtime}'s successor is not deprecated itself`);
			assert.ok(deprecation.blockCreate <= deprecation.blockUpdate, `${runtime}: updates are blocked after creation is`);
		}
		assert.equal(runtimeDeprecation('nodejs22.x'), undefined);
		assert.equal(runtimeDeprecation('toString'), undefined);
		assert.equal(blockedRuntimes['python2.7'], 'python3.13');
	});

	it('blocks creating from "block function create" and updating from "block function update", at midnight Pacific time', () => {
		// nodejs20.x: deprecated 2026-04-30, create blocked from 2027-02-01, update from 2027-03-03.
		assert.equal(isRuntimeDeprecated('nodejs20.x', at('2026-04-29T12:00:00Z')), false);
		assert.equal(isRuntimeDeprecated('nodejs20.x', at('2026-05-01T12:00:00Z')), true);
		assert.equal(isRuntimeBlocked('nodejs20.x', 'create', at('2027-02-01T07:59:59Z')), false);
		assert.equal(isRuntimeBlocked('nodejs20.x', 'create', at('2027-02-01T08:00:00Z')), true);
		assert.equal(isRuntimeBlocked('nodejs20.x', 'update', at('2027-02-15T00:00:00Z')), false);
		assert.equal(isRuntimeBlocked('nodejs20.x', 'update', at('2027-03-03T08:00:00Z')), true);
		assert.equal(isRuntimeBlocked('nodejs12.x', 'update', at('2026-11-27T00:00:00Z')), true);
		assert.equal(isRuntimeBlocked('nodejs24.x', 'create', at('2030-01-01T00:00:00Z')), false);
	});

	it('answers in Lambda\'s words, naming the runtime to use instead', () => {
		assert.equal(
			blockedRuntimeMessage('python3.6'),
			'The runtime parameter of python3.6 is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (python3.13) while creating or updating functions.',
		);
		const [create] = checkRuntime('nodejs18.x', 'create', at('2027-02-02T00:00:00Z'));
		assert.equal(create?.code, 'InvalidParameterValueException');
		assert.match(create?.message ?? '', /nodejs18.x is no longer supported/);
		assert.deepEqual(checkRuntime('nodejs18.x', 'update', at('2027-02-02T00:00:00Z')), [], 'still updatable between the two dates');
		assert.deepEqual(checkRuntime('nodejs18.x', 'create', at('2026-12-01T00:00:00Z')), []);
		assert.equal(checkRuntimeStillUpdatable('go1.x', at('2027-03-04T00:00:00Z')).length, 1);
		assert.deepEqual(checkRuntimeStillUpdatable('go1.x', at('2027-03-01T00:00:00Z')), []);
		assert.deepEqual(checkRuntimeStillUpdatable('python3.13', at('2027-03-04T00:00:00Z')), []);
		assert.equal(checkRuntime('cobol85')[0]?.code, 'ValidationException', 'an unknown runtime is a model constraint');
	});
});
