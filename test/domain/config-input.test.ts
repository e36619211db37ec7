// What a person types into the Configuration forms: timeouts, memory, ephemeral storage, tags.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {checkTagInput, formatTimeout, parseEphemeralStorage, parseMemorySize, parseTimeout, tagRules} from '../../source/domain/config-input.js';

describe('timeout', () => {
	it('reads seconds and minutes: 30, 30s, 5m, 15m, 1m30s', () => {
		const read = (text: string): number | string => {
			const parsed = parseTimeout(text);
			return parsed.ok ? parsed.value : parsed.message;
		};
		assert.equal(read('30'), 30);
		assert.equal(read('30s'), 30);
		assert.equal(read('5m'), 300);
		assert.equal(read('15m'), 900);
		assert.equal(read('1m30s'), 90);
		assert.equal(read(' 2M 5S '), 125);
		assert.equal(read('1'), 1);
		assert.equal(read('900s'), 900);
	});
	it('refuses the rest, naming the forms and the range 1 s to 15 min', () => {
		for (const text of ['', 'abc', '1h', '1.5m', '1m30', '5ms', 'm', '-3']) {
			const parsed = parseTimeout(text);
			assert.equal(parsed.ok, false, text);
			if (!parsed.ok) assert.match(parsed.message, /between 1 second and 15 minutes \(1-900 seconds\)/, text);
		}
		const zero = parseTimeout('0');
		assert.equal(zero.ok ? zero.value : zero.message, 'The timeout must be between 1 second and 15 minutes (1-900 seconds); 0s is outside.');
		const long = parseTimeout('15m1s');
		assert.equal(long.ok ? long.value : long.message, 'The timeout must be between 1 second and 15 minutes (1-900 seconds); 15m1s is outside.');
	});
	it('shows seconds back in the same forms', () => {
		assert.equal(formatTimeout(3), '3s');
		assert.equal(formatTimeout(300), '5m');
		assert.equal(formatTimeout(90), '1m30s');
		for (const seconds of [1, 59, 60, 61, 899, 900]) {
			const parsed = parseTimeout(formatTimeout(seconds));
			assert.equal(parsed.ok ? parsed.value : parsed.message, seconds);
		}
	});
});

describe('memory and ephemeral storage', () => {
	it('memory: whole MB from 128 to 10240, as 512, 512MB or 2GB', () => {
		const value = (text: string): number | string => {
			const parsed = parseMemorySize(text);
			return parsed.ok ? parsed.value : parsed.message;
		};
		assert.equal(value('128'), 128);
		assert.equal(value('1769 MB'), 1769);
		assert.equal(value('2GB'), 2048);
		assert.equal(value('10g'), 10240);
		assert.equal(value('127'), 'Memory must be a whole number of MB from 128 to 10240 MB (10 GB); 127 MB is outside.');
		assert.equal(value('10241'), 'Memory must be a whole number of MB from 128 to 10240 MB (10 GB); 10241 MB is outside.');
		assert.match(String(value('lots')), /^'lots' is not memory: write a whole number of MB from 128 to 10240 MB/);
		assert.match(String(value('128.5')), /whole number of MB/);
	});
	it('ephemeral storage: whole MB from 512 to 10240', () => {
		const parsed = parseEphemeralStorage('512');
		assert.equal(parsed.ok ? parsed.value : parsed.message, 512);
		const small = parseEphemeralStorage('511');
		assert.equal(small.ok ? small.value : small.message, 'Ephemeral storage must be a whole number of MB from 512 to 10240 MB (10 GB); 511 MB is outside.');
		const big = parseEphemeralStorage('10GB');
		assert.equal(big.ok ? big.value : big.message, 10240);
	});
});

describe('tags', () => {
	it('every problem, each naming what is allowed; replacing a tag does not add one', () => {
		assert.match(tagRules, /At most 50 tags; keys 1-128 characters, values up to 256/);
		assert.deepEqual(checkTagInput({team: 'core', 'cost center': 'a/b'}), []);
		const problems = checkTagInput({'aws:owner': 'x', ['k'.repeat(129)]: 'v', long: 'v'.repeat(257), 'semi;colon': ''});
		assert.equal(problems.length, 4);
		assert.match(problems[0] ?? '', /cannot start with 'aws:'/);
		assert.match(problems[1] ?? '', /between 1 and 128 characters/);
		assert.match(problems[2] ?? '', /at most 256 characters/);
		assert.match(problems[3] ?? '', /may contain only letters, digits, spaces and the characters/);
		const fifty = Object.fromEntries(Array.from({length: 50}, (_, index) => [`t${index}`, '']));
		assert.deepEqual(checkTagInput({t3: 'new'}, fifty), []);
		assert.deepEqual(checkTagInput({extra: ''}, fifty), ['A function can have at most 50 tags; these would leave it 51.']);
	});
});
