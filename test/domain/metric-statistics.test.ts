// The statistics of metric samples: CloudWatch's statistic names, exact
// percentiles and trimmed means against known data, the histogram's 1%
// accuracy beyond 1024 distinct values, CloudWatch's rules for when
// percentiles exist, and the grouping of stored buckets into periods.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	addSample,
	addStatisticValues,
	aggregateIntoPeriods,
	alignStartTime,
	computeStatistic,
	emptySampleSet,
	isValidPeriod,
	mergeSampleSet,
	parseStatistic,
	periodCount,
	type SampleSet,
} from '../../source/domain/metric-statistics.js';

function samplesOf(values: number[]): SampleSet {
	const set = emptySampleSet();
	for (const value of values) addSample(set, value);
	return set;
}

function stat(set: SampleSet, name: string): number | undefined {
	const statistic = parseStatistic(name);
	assert.ok(statistic !== undefined, `${name} parses`);
	return computeStatistic(set, statistic);
}

const oneToHundred = Array.from({length: 100}, (_, index) => index + 1);

describe('statistics of known samples', () => {
	const set = samplesOf(oneToHundred);

	it('computes the standard statistics', () => {
		assert.equal(stat(set, 'SampleCount'), 100);
		assert.equal(stat(set, 'Sum'), 5050);
		assert.equal(stat(set, 'Average'), 50.5);
		assert.equal(stat(set, 'Minimum'), 1);
		assert.equal(stat(set, 'Maximum'), 100);
	});

	it('computes percentiles by nearest rank', () => {
		assert.equal(stat(set, 'p0'), 1);
		assert.equal(stat(set, 'p10'), 10);
		assert.equal(stat(set, 'p50'), 50);
		assert.equal(stat(set, 'p90'), 90);
		assert.equal(stat(set, 'p99'), 99);
		assert.equal(stat(set, 'p99.5'), 100);
		assert.equal(stat(set, 'p100'), 100);
		const repeated = samplesOf([5, 5, 5, 10]);
		assert.equal(stat(repeated, 'p50'), 5);
		assert.equal(stat(repeated, 'p75'), 5);
		assert.equal(stat(repeated, 'p76'), 10);
		assert.equal(stat(samplesOf([42]), 'p99'), 42);
	});

	it('computes trimmed means, counts, sums, the winsorized mean and percentile ranks', () => {
		assert.equal(stat(set, 'tm90'), 45.5, 'mean of 1..90');
		assert.equal(stat(set, 'tc90'), 90);
		assert.equal(stat(set, 'ts90'), 4095);
		assert.equal(stat(set, 'TM(10%:90%)'), 50.5, 'mean of 11..90');
		assert.equal(stat(set, 'IQM'), 50.5, 'mean of 26..75');
		assert.equal(stat(set, 'TC(10%:90%)'), 80);
		assert.equal(stat(set, 'wm90'), (4095 + 10 * 90) / 100, 'the top 10% counted as 90');
		assert.equal(stat(set, 'TM(50:60)'), 55.5, 'values above 50 up to 60');
		assert.equal(stat(set, 'TS(:10)'), 55);
		assert.equal(stat(set, 'PR(:50)'), 50);
		assert.equal(stat(set, 'PR(90:)'), 10);
		assert.equal(stat(set, 'PR(100:200)'), 0);
		assert.equal(stat(set, 'TM(200:300)'), undefined, 'nothing in range: no mean');
	});

	it('has no value at all for an empty set', () => {
		assert.equal(stat(emptySampleSet(), 'Sum'), undefined);
		assert.equal(stat(emptySampleSet(), 'p99'), undefined);
	});
});

describe('many distinct values', () => {
	const values = Array.from({length: 5000}, (_, index) => index + 1);

	it('keeps percentiles within 1% once the distinct values exceed the exact limit', () => {
		const set = samplesOf(values);
		assert.equal(set.values, undefined, 'switched to the histogram');
		assert.ok(set.histogram !== undefined);
		assert.equal(stat(set, 'SampleCount'), 5000);
		assert.equal(stat(set, 'Sum'), 12_502_500);
		assert.equal(stat(set, 'Minimum'), 1);
		assert.equal(stat(set, 'Maximum'), 5000);
		assert.equal(stat(set, 'p100'), 5000);
		for (const [name, exact] of [
			['p50', 2500],
			['p90', 4500],
			['p99', 4950],
			['p99.9', 4995],
		] as const) {
			const value = stat(set, name);
			assert.ok(value !== undefined && Math.abs(value - exact) / exact <= 0.01, `${name}: ${value} within 1% of ${exact}`);
		}
		const tm90 = stat(set, 'tm90');
		assert.ok(tm90 !== undefined && Math.abs(tm90 - 2250.5) / 2250.5 <= 0.01, `tm90 ${tm90}`);
	});

	it('merges exact sets into a histogram with the same percentiles as one set', () => {
		const thousands = Array.from({length: 2000}, (_, index) => index + 1);
		const left = samplesOf(thousands.slice(0, 1000));
		const right = samplesOf(thousands.slice(1000));
		assert.ok(left.values !== undefined && right.values !== undefined, 'each half is exact on its own');
		const merged = emptySampleSet();
		mergeSampleSet(merged, left);
		mergeSampleSet(merged, right);
		assert.equal(merged.count, 2000);
		assert.equal(merged.values, undefined, 'together they are too many: a histogram');
		const whole = samplesOf(thousands);
		assert.equal(stat(merged, 'p99'), stat(whole, 'p99'));
		assert.equal(stat(merged, 'p50'), stat(whole, 'p50'));
		const p99 = stat(merged, 'p99');
		assert.ok(p99 !== undefined && Math.abs(p99 - 1980) / 1980 <= 0.01, `p99 ${p99}`);
		const exact = emptySampleSet();
		mergeSampleSet(exact, samplesOf([1, 2, 3]), 20_000);
		mergeSampleSet(exact, samplesOf([4, 5]), 20_000);
		assert.equal(stat(exact, 'p50'), 3);
	});
});

describe("CloudWatch's rules for percentiles", () => {
	it('has no percentiles once a sample is negative, but the other statistics stay', () => {
		const set = samplesOf([3, -1, 5]);
		assert.equal(stat(set, 'p50'), undefined);
		assert.equal(stat(set, 'tm90'), undefined);
		assert.equal(stat(set, 'Average'), 7 / 3);
		assert.equal(stat(set, 'Minimum'), -1);
	});

	it('keeps percentiles for a statistic set of one repeated value only', () => {
		const repeated = emptySampleSet();
		addStatisticValues(repeated, {sampleCount: 4, sum: 20, minimum: 5, maximum: 5});
		assert.equal(stat(repeated, 'p50'), 5);
		assert.equal(stat(repeated, 'SampleCount'), 4);
		const spread = emptySampleSet();
		addStatisticValues(spread, {sampleCount: 3, sum: 6, minimum: 1, maximum: 3});
		assert.equal(stat(spread, 'p50'), undefined);
		assert.equal(stat(spread, 'Average'), 2);
		assert.equal(stat(spread, 'Maximum'), 3);
		const merged = samplesOf([1, 2]);
		mergeSampleSet(merged, spread);
		assert.equal(stat(merged, 'p50'), undefined, 'the mix has no distribution either');
		assert.equal(stat(merged, 'SampleCount'), 5);
	});

	it('counts fractional and repeated counts', () => {
		const set = emptySampleSet();
		addSample(set, 10, 3);
		addSample(set, 20, 1);
		assert.equal(stat(set, 'SampleCount'), 4);
		assert.equal(stat(set, 'Sum'), 50);
		assert.equal(stat(set, 'p75'), 10);
		assert.equal(stat(set, 'p80'), 20);
	});
});

describe('statistic names', () => {
	it('accepts what CloudWatch accepts', () => {
		for (const name of ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum', 'p0', 'p50', 'p99', 'p99.9', 'p99.99', 'p100', 'tm99', 'tc90', 'ts95.5', 'wm98', 'IQM']) {
			assert.ok(parseStatistic(name) !== undefined, name);
		}
		for (const name of ['TM(2%:98%)', 'TM(150:1000)', 'TM(:95%)', 'TC(0.005:0.030)', 'TS(80%:)', 'WM(10%:90%)', 'PR(:300)', 'PR(100:2000)', 'tm(10%:90%)']) {
			assert.ok(parseStatistic(name) !== undefined, name);
		}
		assert.deepEqual(parseStatistic('p99.9'), {kind: 'percentile', percent: 99.9});
		assert.deepEqual(parseStatistic('IQM'), {kind: 'trimmed', function: 'TM', bounds: {percent: true, low: 25, high: 75}});
	});

	it('refuses what it does not', () => {
		for (const name of ['', 'average', 'Avg', 'p', 'P99', 'p100.1', 'p-1', 'p99.', 'p 99', 'tm0', 'tm101', 'TM(10%:900)', 'TM(90%:10%)', 'TM(:)', 'PR(10%:20%)', 'TM(1:2:3)', 'XX(1:2)']) {
			assert.equal(parseStatistic(name), undefined, JSON.stringify(name));
		}
	});
});

describe('periods', () => {
	it('accepts 1, 5, 10, 20, 30 and multiples of 60', () => {
		for (const period of [1, 5, 10, 20, 30, 60, 120, 300, 3600, 86_400]) assert.ok(isValidPeriod(period), String(period));
		for (const period of [0, -60, 2, 7, 45, 61, 90, 1.5]) assert.ok(!isValidPeriod(period), String(period));
	});

	it('rounds the start time as CloudWatch does', () => {
		const now = Date.UTC(2026, 0, 31, 12, 0, 0) / 1000;
		const at = (iso: string): number => Date.parse(iso) / 1000;
		assert.equal(alignStartTime(at('2026-01-31T10:32:34Z'), 60, now), at('2026-01-31T10:32:00Z'), 'to the minute when recent');
		assert.equal(alignStartTime(at('2026-01-31T10:32:34Z'), 300, now), at('2026-01-31T10:32:00Z'), 'still the minute for a 5-minute period');
		assert.equal(alignStartTime(at('2026-01-31T01:05:23Z'), 10, now), at('2026-01-31T01:05:20Z'), 'to the 10 seconds');
		assert.equal(alignStartTime(at('2026-01-11T12:32:34Z'), 60, now), at('2026-01-11T12:30:00Z'), 'to 5 minutes between 15 and 63 days ago');
		assert.equal(alignStartTime(at('2025-11-01T12:32:34Z'), 3600, now), at('2025-11-01T12:00:00Z'), 'to the hour beyond');
	});

	it('groups buckets into the periods their start falls in, end exclusive', () => {
		const buckets = [0, 60, 120, 180, 240, 300, 360].map((time) => ({time, samples: samplesOf([time / 60 + 1])}));
		const grid = {start: 60, end: 360, period: 120};
		assert.equal(periodCount(grid), 3);
		const periods = aggregateIntoPeriods(buckets, grid);
		assert.deepEqual(
			periods.map(({time, samples}) => [time, samples.count, samples.sum]),
			[
				[60, 2, 2 + 3],
				[180, 2, 4 + 5],
				[300, 1, 6],
			],
		);
		const p99 = parseStatistic('p99');
		assert.ok(p99 !== undefined);
		assert.equal(computeStatistic(periods[0]?.samples ?? emptySampleSet(), p99), 3);
		const cheap = aggregateIntoPeriods(buckets, grid, false);
		assert.equal(computeStatistic(cheap[0]?.samples ?? emptySampleSet(), p99), undefined, 'no distribution asked for');
		assert.equal(cheap[0]?.samples.sum, 5);
	});
});
