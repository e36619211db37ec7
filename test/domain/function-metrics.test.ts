// The Monitor tab's metric queries: preset ranges and their periods, what a
// custom range may be (CloudWatch's retention by resolution), the charts of
// the Lambda console (the asynchronous ones together, the strokes that tell
// series apart without colour), the auto-refresh interval a person types, and
// the MetricDataQueries of the one GetMetricData call.

import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	chartDefinitions,
	customRange,
	metricDataQueries,
	metricsRange,
	parseRefreshInterval,
	timeRangeIds,
	visibleCharts,
	type MetricsRange,
	type Series,
} from '../../source/domain/function-metrics.js';

const now = new Date('2024-03-15T10:07:31.250Z');
const minute = 60_000;
const day = 86_400_000;

describe('metricsRange', () => {
	it('uses 1-minute periods for 1 and 3 hours, 5 minutes for 12 hours, 15 minutes for a day, an hour beyond', () => {
		const periods = Object.fromEntries(timeRangeIds.map((id) => [id, metricsRange(id, now).periodSeconds]));
		assert.deepEqual(periods, {'1h': 60, '3h': 60, '12h': 300, '1d': 900, '3d': 3600, '1w': 3600});
	});

	it('ends now and starts the range ago, rounded down to a whole period', () => {
		const hour = metricsRange('1h', now);
		assert.equal(hour.end.toISOString(), '2024-03-15T10:07:31.000Z');
		assert.equal(hour.start.toISOString(), '2024-03-15T09:07:00.000Z');
		assert.equal(hour.label, 'Last 1 hour');
		const dayRange = metricsRange('1d', now);
		assert.equal(dayRange.start.toISOString(), '2024-03-14T10:00:00.000Z');
		const week = metricsRange('1w', now);
		assert.equal(week.start.toISOString(), '2024-03-08T10:00:00.000Z');
		assert.equal(week.label, 'Last 1 week');
	});

	it('keeps every preset between 60 and 200 points', () => {
		for (const id of timeRangeIds) {
			const range = metricsRange(id, now);
			const points = (range.end.getTime() - range.start.getTime()) / 1000 / range.periodSeconds;
			assert.ok(points >= 60 && points <= 200, `${id}: ${points} points`);
		}
	});
});

describe('customRange', () => {
	const ago = (milliseconds: number): Date => new Date(now.getTime() - milliseconds);

	it('picks the period from the length of the range', () => {
		const range = customRange(ago(2 * 3_600_000), ago(0), now) as MetricsRange;
		assert.equal(typeof range, 'object');
		assert.equal(range.periodSeconds, 60);
		assert.equal((customRange(ago(2 * day), ago(day), now) as MetricsRange).periodSeconds, 900);
		assert.equal((customRange(ago(7 * day), ago(0), now) as MetricsRange).periodSeconds, 3600);
		assert.equal((customRange(ago(30 * day), ago(0), now) as MetricsRange).periodSeconds, 6 * 3600);
		assert.equal((customRange(ago(100 * day), ago(0), now) as MetricsRange).periodSeconds, 24 * 3600);
	});

	it('uses 5-minute periods once the start is older than 15 days, and hours beyond 63 days', () => {
		const older = customRange(ago(20 * day), ago(20 * day - 30 * minute), now) as MetricsRange;
		assert.equal(older.periodSeconds, 300, 'a half-hour range 20 days ago: 1-minute data is gone');
		const oldest = customRange(ago(70 * day), ago(70 * day - 30 * minute), now) as MetricsRange;
		assert.equal(oldest.periodSeconds, 3600, '70 days ago only hourly data is kept');
	});

	it('labels the range in UTC and aligns its start to the period', () => {
		const range = customRange(new Date('2024-03-14T08:10:00Z'), new Date('2024-03-14T09:40:00Z'), now) as MetricsRange;
		assert.equal(range.label, '2024-03-14 08:10 – 2024-03-14 09:40 UTC');
		assert.equal(range.start.toISOString(), '2024-03-14T08:10:00.000Z');
		assert.equal(range.end.toISOString(), '2024-03-14T09:40:00.000Z');
	});

	it('says what is allowed when the range is not possible', () => {
		assert.equal(customRange(ago(minute), ago(2 * minute), now), 'The end must be after the start.');
		assert.equal(customRange(ago(minute), ago(minute), now), 'The end must be after the start.');
		assert.match(customRange(new Date(now.getTime() + minute), new Date(now.getTime() + 2 * minute), now) as string, /^The start is in the future: choose a time before now \(2024-03-15 10:07 UTC\)\.$/);
		assert.match(customRange(ago(minute), new Date(now.getTime() + 2 * 3_600_000), now) as string, /^The end is in the future: choose a time up to now/);
		assert.equal(customRange(ago(30_000), ago(0), now), 'The range must be at least 1 minute long.');
		assert.equal(
			customRange(ago(456 * day), ago(400 * day), now),
			'CloudWatch keeps metrics for 455 days (1-minute data 15 days, 5-minute data 63 days): choose a start after 2022-12-16 10:07 UTC.',
		);
		assert.match(customRange(new Date(Number.NaN), now, now) as string, /^Enter a start and an end time/);
	});

	it('accepts an end a few seconds after now (the clock of whoever typed it)', () => {
		assert.equal(typeof customRange(ago(3_600_000), new Date(now.getTime() + 5000), now), 'object');
	});
});

describe('chartDefinitions', () => {
	it('has the Lambda console charts, the asynchronous ones marked', () => {
		assert.deepEqual(
			chartDefinitions.map((chart) => [chart.id, chart.unit, chart.async === true]),
			[
				['invocations', 'Count', false],
				['duration', 'Milliseconds', false],
				['errors', 'Count', false],
				['success-rate', 'Percent', false],
				['throttles', 'Count', false],
				['concurrent-executions', 'Count', false],
				['async-events', 'Count', true],
				['async-event-age', 'Milliseconds', true],
				['async-delivery-failures', 'Count', true],
			],
		);
	});

	it('shows all three asynchronous charts for an asynchronous function: one with async data, or known to be one', () => {
		const asyncIds = (charts: ReturnType<typeof visibleCharts>): string[] => charts.filter((chart) => chart.async).map((chart) => chart.id);
		const empty = new Map<string, Series>([['async_events_received', {queryId: 'async_events_received', points: []}]]);
		assert.ok(visibleCharts(empty).every((chart) => chart.async !== true));
		assert.equal(visibleCharts(undefined).length, 6);
		const all = ['async-events', 'async-event-age', 'async-delivery-failures'];
		// Events received, none failed to be delivered: the delivery failures chart is there, empty.
		const received = new Map<string, Series>([['async_events_received', {queryId: 'async_events_received', points: [{time: now, value: 1}]}]]);
		assert.deepEqual(asyncIds(visibleCharts(received)), all);
		// An EventInvokeConfig or a dead-letter queue says so before any event came.
		assert.deepEqual(asyncIds(visibleCharts(empty, true)), all);
		assert.deepEqual(asyncIds(visibleCharts(undefined, true)), all);
		const synchronous = new Map<string, Series>([['invocations', {queryId: 'invocations', points: [{time: now, value: 4}]}]]);
		assert.deepEqual(asyncIds(visibleCharts(synchronous)), []);
	});

	it('draws the average solid and the minimum and maximum dotted, and sums the counts', () => {
		const strokes = (id: string): string[] => (chartDefinitions.find((chart) => chart.id === id)?.series ?? []).map((series) => `${series.short ?? series.label}:${series.stroke ?? 'solid'}`);
		assert.deepEqual(strokes('duration'), ['min:dotted', 'avg:solid', 'max:dotted']);
		assert.deepEqual(strokes('async-event-age'), ['min:dotted', 'avg:solid', 'max:dotted']);
		assert.deepEqual(strokes('async-events'), ['recv:solid', 'drop:dotted']);
		assert.deepEqual(strokes('async-delivery-failures'), ['dest:solid', 'dlq:dotted']);
		assert.deepEqual(
			chartDefinitions.filter((chart) => chart.summary === 'total').map((chart) => chart.id),
			['invocations', 'errors', 'throttles', 'async-events', 'async-delivery-failures'],
		);
	});
});

describe('parseRefreshInterval', () => {
	it('takes whole seconds from 5 to 3600, with or without "s"', () => {
		assert.deepEqual(parseRefreshInterval('5'), {seconds: 5});
		assert.deepEqual(parseRefreshInterval(' 90 '), {seconds: 90});
		assert.deepEqual(parseRefreshInterval('30s'), {seconds: 30});
		assert.deepEqual(parseRefreshInterval('45 seconds'), {seconds: 45});
		assert.deepEqual(parseRefreshInterval('3600'), {seconds: 3600});
	});

	it('turns auto-refresh off with 0 or nothing', () => {
		assert.deepEqual(parseRefreshInterval('0'), {seconds: 0});
		assert.deepEqual(parseRefreshInterval(''), {seconds: 0});
		assert.deepEqual(parseRefreshInterval('   '), {seconds: 0});
	});

	it('says what is allowed when the number is out of range or not a number', () => {
		const allowed = 'give 5 to 3600 seconds (0 or nothing: off).';
		assert.deepEqual(parseRefreshInterval('4'), {problem: `4 s is too often: ${allowed}`});
		assert.deepEqual(parseRefreshInterval('3601'), {problem: `3601 s is over an hour: ${allowed}`});
		assert.deepEqual(parseRefreshInterval('1.5'), {problem: `"1.5" is not whole seconds: ${allowed}`});
		assert.deepEqual(parseRefreshInterval('-10'), {problem: `"-10" is not whole seconds: ${allowed}`});
		assert.deepEqual(parseRefreshInterval('1m'), {problem: `"1m" is not whole seconds: ${allowed}`});
	});
});

describe('metricDataQueries', () => {
	const range = metricsRange('3h', now);
	const queries = metricDataQueries('orders', range);
	const byId = new Map(queries.map((query) => [query.Id, query]));

	it('reads every series of every chart, with lowercase unique ids', () => {
		const ids = queries.map((query) => query.Id);
		assert.equal(new Set(ids).size, ids.length);
		for (const id of ids) assert.match(id, /^[a-z][a-z0-9_]*$/);
		for (const chart of chartDefinitions) {
			for (const series of chart.series) assert.equal(byId.get(series.queryId)?.ReturnData, true, `${series.queryId} is returned`);
		}
	});

	it('uses the statistics of the Lambda metrics reference and the period of the range', () => {
		const stat = (id: string): string => `${byId.get(id)?.MetricStat?.Metric.MetricName}/${byId.get(id)?.MetricStat?.Stat}`;
		assert.equal(stat('invocations'), 'Invocations/Sum');
		assert.equal(stat('errors'), 'Errors/Sum');
		assert.equal(stat('throttles'), 'Throttles/Sum');
		assert.equal(stat('duration_min'), 'Duration/Minimum');
		assert.equal(stat('duration_avg'), 'Duration/Average');
		assert.equal(stat('duration_max'), 'Duration/Maximum');
		assert.equal(stat('concurrent_executions'), 'ConcurrentExecutions/Maximum');
		assert.equal(stat('async_events_received'), 'AsyncEventsReceived/Sum');
		assert.equal(stat('async_event_age_avg'), 'AsyncEventAge/Average');
		assert.equal(stat('destination_delivery_failures'), 'DestinationDeliveryFailures/Sum');
		for (const query of queries) {
			if (query.MetricStat === undefined) continue;
			assert.equal(query.MetricStat.Period, 60);
			assert.equal(query.MetricStat.Metric.Namespace, 'AWS/Lambda');
			assert.deepEqual(query.MetricStat.Metric.Dimensions, [{Name: 'FunctionName', Value: 'orders'}]);
		}
	});

	it('computes the success rate as the console does, from the errors and invocations of the same call', () => {
		assert.deepEqual(byId.get('success_rate'), {Id: 'success_rate', Expression: '100 - 100 * errors / MAX([errors, invocations])', ReturnData: true});
		assert.ok(byId.has('errors') && byId.has('invocations'));
	});

	it('reads a version or an alias through the Resource dimension', () => {
		const qualified = metricDataQueries('orders', metricsRange('1w', now), 'live');
		for (const query of qualified) {
			if (query.MetricStat === undefined) continue;
			assert.equal(query.MetricStat.Period, 3600);
			assert.deepEqual(query.MetricStat.Metric.Dimensions, [
				{Name: 'FunctionName', Value: 'orders'},
				{Name: 'Resource', Value: 'orders:live'},
			]);
		}
	});

	it('fits one GetMetricData call (at most 500 queries) and stays within what the call returns', () => {
		assert.ok(queries.length <= 500);
		const points = ((range.end.getTime() - range.start.getTime()) / 1000 / range.periodSeconds) * queries.length;
		assert.ok(points <= 100_800, 'all datapoints fit the default MaxDatapoints');
	});
});
