// The metric math subset of the local CloudWatch: precedence, series
// arithmetic on common timestamps, arrays and their aggregates, and the
// messages for what it refuses.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {evaluateExpression, MathError, parseExpression, referencedIds, type Points} from '../../source/mock/metrics/metric-math.js';

const series: Record<string, Points> = {
	m1: new Map([
		[0, 10],
		[60, 20],
		[120, 30],
	]),
	m2: new Map([
		[0, 2],
		[60, 0],
		[180, 5],
	]),
	other: new Map([[0, 1]]),
};
const context = {series: (id: string): Points => series[id] ?? new Map(), metricIds: ['m1', 'm2', 'other']};
const evaluate = (text: string): Array<[number, number]> => [...evaluateExpression(parseExpression(text), context)].sort((left, right) => left[0] - right[0]);

describe('metric math', () => {
	it('follows the usual precedence', () => {
		assert.deepEqual(evaluate('m1 + 2 * 3 ^ 2'), [
			[0, 28],
			[60, 38],
			[120, 48],
		]);
		assert.deepEqual(evaluate('(m1 + 2) * -1'), [
			[0, -12],
			[60, -22],
			[120, -32],
		]);
		assert.deepEqual(evaluate('2 ^ 3 ^ 2 + m1 - m1'), [
			[0, 512],
			[60, 512],
			[120, 512],
		]);
	});

	it('keeps the timestamps both series have and leaves out what is not finite', () => {
		assert.deepEqual(evaluate('m1 / m2'), [[0, 5]], 'x/0 at 60 is left out; 120 and 180 are in one series only');
		assert.deepEqual(evaluate('ABS(m2 - m1)'), [
			[0, 8],
			[60, 20],
		]);
	});

	it('aggregates arrays per timestamp and a single series to a number', () => {
		assert.deepEqual(evaluate('SUM(METRICS())'), [
			[0, 13],
			[60, 20],
			[120, 30],
			[180, 5],
		]);
		assert.deepEqual(evaluate("MAX(METRICS('m'))"), [
			[0, 10],
			[60, 20],
			[120, 30],
			[180, 5],
		]);
		assert.deepEqual(evaluate('AVG([m1, m2])'), [
			[0, 6],
			[60, 10],
			[120, 30],
			[180, 5],
		]);
		assert.deepEqual(evaluate('m1 / SUM(m1) * 100'), [
			[0, (10 / 60) * 100],
			[60, (20 / 60) * 100],
			[120, 50],
		]);
		assert.deepEqual(evaluate('MIN(m2) + m1'), [
			[0, 10],
			[60, 20],
			[120, 30],
		]);
	});

	it('names the Ids an expression uses', () => {
		assert.deepEqual(referencedIds(parseExpression('m1 / SUM([m2, e1]) + METRICS()')), ['m1', 'm2', 'e1']);
	});

	it('refuses what it does not support, saying what it does', () => {
		const refuses = (text: string, message: RegExp): void => {
			assert.throws(() => evaluate(text), (error: unknown) => error instanceof MathError && message.test(error.message), text);
		};
		refuses('FILL(m1, 0)', /^FILL is not supported by the local CloudWatch \(it supports .*SUM.*METRICS/);
		refuses('m1 +', /ends too early/);
		refuses('m1 m2', /unexpected "m2" at position 4/);
		refuses('m1 # 2', /unexpected character "#" at position 4/);
		refuses('(m1', /"\)" expected at the end/);
		refuses('', /empty/);
		refuses('42', /returns a single number/);
		refuses('METRICS()', /returns several time series/);
		refuses('METRICS() * 2', /arrays can only be passed to SUM, AVG, MIN or MAX/);
		refuses('SUM(m1, m2)', /SUM takes one argument/);
		refuses('METRICS(m1)', /METRICS takes no argument or one string/);
	});
});
