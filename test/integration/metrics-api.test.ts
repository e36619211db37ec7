// The local CloudWatch (metrics) through the real @aws-sdk/client-cloudwatch:
// PutMetricData (also gzip-compressed and high-resolution), GetMetricData
// with several queries, percentiles, math expressions, periods, scan order
// and paging, exact dimension matching, GetMetricStatistics with Statistics,
// ExtendedStatistics and units, ListMetrics, the errors the SDK must map to
// CloudWatch's exception names, and persistence across a restart. The second
// suite feeds AWS/Lambda metrics through the MetricSink the invoker uses.

import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
	CloudWatchClient,
	GetMetricDataCommand,
	GetMetricStatisticsCommand,
	ListMetricsCommand,
	PutMetricDataCommand,
	type GetMetricDataCommandInput,
	type GetMetricDataCommandOutput,
	type MetricDataQuery,
	type MetricDatum,
} from '@aws-sdk/client-cloudwatch';
import {ManualClock} from '../../source/mock/clock.js';
import {MetricsService} from '../../source/mock/metrics/service.js';
import {credentials, rejectsWith, startHarness, type Harness} from './harness.js';

const now = Date.UTC(2026, 0, 10, 12, 0, 0);
/** The data starts two hours before "now", on a full hour. */
const t0 = now - 2 * 3_600_000;
const minute = 60_000;
const at = (minutes: number, seconds = 0): Date => new Date(t0 + minutes * minute + seconds * 1000);
const times = (dates: Date[] | undefined): number[] => (dates ?? []).map((date) => (date.getTime() - t0) / minute);
const checkout = [{Name: 'Service', Value: 'checkout'}];

function cloudWatch(endpoint: string): CloudWatchClient {
	return new CloudWatchClient({endpoint, region: 'us-east-1', credentials, maxAttempts: 1});
}

function metricQuery(id: string, metricName: string, stat: string, extra: Partial<MetricDataQuery> = {}, period = 60, dimensions = checkout): MetricDataQuery {
	return {Id: id, MetricStat: {Metric: {Namespace: 'Shop', MetricName: metricName, Dimensions: dimensions}, Period: period, Stat: stat}, ...extra};
}

describe('the CloudWatch API through the SDK', () => {
	let dataDir: string;
	let clock: ManualClock;
	let harness: Harness;
	let client: CloudWatchClient;

	const put = async (data: MetricDatum[], namespace = 'Shop'): Promise<void> => {
		await client.send(new PutMetricDataCommand({Namespace: namespace, MetricData: data}));
	};
	const getData = (input: Partial<GetMetricDataCommandInput> & {MetricDataQueries: MetricDataQuery[]}) =>
		client.send(new GetMetricDataCommand({StartTime: at(0), EndTime: at(10), ...input}));

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-metrics-'));
		clock = new ManualClock(now);
		harness = await startHarness({dataDir, clock});
		client = cloudWatch(harness.server.endpoint);
		const latency = {MetricName: 'Latency', Dimensions: checkout, Unit: 'Milliseconds' as const};
		await put([
			{...latency, Timestamp: at(0), Values: Array.from({length: 100}, (_, index) => index + 1)},
			{...latency, Timestamp: at(1, 10), Values: [10, 20, 30]},
			{...latency, Timestamp: at(3), Value: 7},
			{...latency, Timestamp: at(4), Value: 9},
			{...latency, Timestamp: at(5, 59), Value: 11},
			{MetricName: 'Latency', Dimensions: [...checkout, {Name: 'Stage', Value: 'prod'}], Unit: 'Milliseconds', Timestamp: at(0), Value: 1000},
			{MetricName: 'Requests', Dimensions: checkout, Unit: 'Count', Timestamp: at(0), Values: [1], Counts: [100]},
			{MetricName: 'Requests', Dimensions: checkout, Unit: 'Count', Timestamp: at(1), Values: [1], Counts: [3]},
			{MetricName: 'Errors', Dimensions: checkout, Unit: 'Count', Timestamp: at(0), StatisticValues: {SampleCount: 5, Sum: 5, Minimum: 1, Maximum: 1}},
			{MetricName: 'Errors', Dimensions: checkout, Unit: 'Count', Timestamp: at(1), Value: 0},
			{MetricName: 'Payload', Dimensions: checkout, Unit: 'Bytes', Timestamp: at(0), Value: 100},
			{MetricName: 'Payload', Dimensions: checkout, Unit: 'Kilobytes', Timestamp: at(0), Value: 2},
		]);
	});
	after(async () => {
		client.destroy();
		await harness.close();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('answers several queries at once: stats, percentiles and math, newest first', async () => {
		const result = await getData({
			MetricDataQueries: [
				metricQuery('p99', 'Latency', 'p99'),
				metricQuery('avg', 'Latency', 'Average'),
				metricQuery('requests', 'Requests', 'Sum', {ReturnData: false}),
				metricQuery('errors', 'Errors', 'Sum', {ReturnData: false}),
				{Id: 'rate', Expression: 'errors / requests * 100', Label: 'Error rate'},
			],
		});
		assert.equal(result.NextToken, undefined);
		assert.deepEqual(result.Messages, []);
		assert.deepEqual(
			result.MetricDataResults?.map((entry) => entry.Id),
			['p99', 'avg', 'rate'],
			'ReturnData false leaves a query out of the results',
		);
		const [p99, avg, rate] = result.MetricDataResults ?? [];
		assert.equal(p99?.Label, 'Latency', 'the default label is the metric name');
		assert.deepEqual(times(p99?.Timestamps), [5, 4, 3, 1, 0], 'per minute, newest first, empty minutes left out');
		assert.deepEqual(p99?.Values, [11, 9, 7, 30, 99]);
		assert.equal(p99?.StatusCode, 'Complete');
		assert.deepEqual(avg?.Values, [11, 9, 7, 20, 50.5]);
		assert.equal(rate?.Label, 'Error rate');
		assert.deepEqual(times(rate?.Timestamps), [1, 0], 'math keeps the timestamps both series have');
		assert.deepEqual(rate?.Values, [0, 5]);
	});

	it('sums an array of metrics and refuses what its metric math does not support', async () => {
		const result = await getData({
			MetricDataQueries: [metricQuery('requests', 'Requests', 'Sum', {ReturnData: false}), metricQuery('errors', 'Errors', 'Sum', {ReturnData: false}), {Id: 'all', Expression: 'SUM(METRICS())'}],
			ScanBy: 'TimestampAscending',
		});
		assert.equal(result.MetricDataResults?.[0]?.Label, 'all', 'an expression is labelled with its Id');
		assert.deepEqual(times(result.MetricDataResults?.[0]?.Timestamps), [0, 1]);
		assert.deepEqual(result.MetricDataResults?.[0]?.Values, [105, 3]);
		await rejectsWith(
			getData({MetricDataQueries: [metricQuery('m1', 'Latency', 'Sum'), {Id: 'filled', Expression: 'FILL(m1, 0)'}]}),
			'ValidationException',
			/^Error in expression filled: FILL is not supported by the local CloudWatch/,
			400,
		);
		await rejectsWith(getData({MetricDataQueries: [{Id: 'e1', Expression: 'm9 * 2'}]}), 'ValidationException', /unknown Id "m9"/, 400);
	});

	it('scans oldest first when asked and aggregates longer periods', async () => {
		const ascending = await getData({MetricDataQueries: [metricQuery('p99', 'Latency', 'p99')], ScanBy: 'TimestampAscending'});
		assert.deepEqual(times(ascending.MetricDataResults?.[0]?.Timestamps), [0, 1, 3, 4, 5]);
		assert.deepEqual(ascending.MetricDataResults?.[0]?.Values, [99, 30, 7, 9, 11]);
		const fiveMinutes = await getData({
			MetricDataQueries: [metricQuery('n', 'Latency', 'SampleCount', {}, 300), metricQuery('p', 'Latency', 'p99', {}, 300)],
		});
		const [count, percentile] = fiveMinutes.MetricDataResults ?? [];
		assert.deepEqual(times(count?.Timestamps), [5, 0]);
		assert.deepEqual(count?.Values, [1, 105]);
		assert.deepEqual(percentile?.Values, [11, 99], 'p99 of 1..100, 10, 20, 30, 7 and 9 is 99');
		const offset = await getData({StartTime: at(1, 30), MetricDataQueries: [metricQuery('n', 'Latency', 'SampleCount', {}, 120)], ScanBy: 'TimestampAscending'});
		assert.deepEqual(times(offset.MetricDataResults?.[0]?.Timestamps), [1, 3, 5], 'the start is rounded down to the minute; periods step from there');
		assert.deepEqual(offset.MetricDataResults?.[0]?.Values, [3, 2, 1]);
	});

	it('pages with MaxDatapoints and NextToken, query by query', async () => {
		const queries = [metricQuery('p99', 'Latency', 'p99'), metricQuery('avg', 'Latency', 'Average')];
		const pages: GetMetricDataCommandOutput[] = [];
		let token: string | undefined;
		do {
			const page = await getData({MetricDataQueries: queries, MaxDatapoints: 3, NextToken: token});
			pages.push(page);
			token = page.NextToken;
		} while (token !== undefined && pages.length < 10);
		assert.equal(pages.length, 4, '10 datapoints, 3 per page');
		const first = pages[0]?.MetricDataResults ?? [];
		assert.deepEqual(times(first[0]?.Timestamps), [5, 4, 3]);
		assert.equal(first[0]?.StatusCode, 'PartialData');
		assert.deepEqual(first[1]?.Timestamps, []);
		assert.equal(first[1]?.StatusCode, 'PartialData');
		const last = pages[3]?.MetricDataResults ?? [];
		assert.deepEqual(
			last.map((entry) => entry.StatusCode),
			['Complete', 'Complete'],
		);
		const merged = (id: string): number[] => pages.flatMap((page) => times(page.MetricDataResults?.find((entry) => entry.Id === id)?.Timestamps));
		assert.deepEqual(merged('p99'), [5, 4, 3, 1, 0]);
		assert.deepEqual(merged('avg'), [5, 4, 3, 1, 0]);
		await rejectsWith(getData({MetricDataQueries: queries, NextToken: 'bm90LWEtdG9rZW4'}), 'InvalidNextToken', /NextToken/, 400);
		const other = await getData({MetricDataQueries: queries, MaxDatapoints: 3});
		await rejectsWith(getData({MetricDataQueries: [queries[0] ?? metricQuery('x', 'Latency', 'Sum')], NextToken: other.NextToken}), 'InvalidNextToken', /NextToken/, 400);
	});

	it('matches dimensions exactly', async () => {
		const result = await getData({
			MetricDataQueries: [
				metricQuery('both', 'Latency', 'Maximum', {}, 60, [{Name: 'Stage', Value: 'prod'}, ...checkout]),
				metricQuery('none', 'Latency', 'Maximum', {}, 60, []),
				metricQuery('stage', 'Latency', 'Maximum', {}, 60, [{Name: 'Stage', Value: 'prod'}]),
				metricQuery('service', 'Latency', 'Maximum', {}, 60, checkout),
			],
		});
		const byId = new Map(result.MetricDataResults?.map((entry) => [entry.Id, entry]));
		assert.deepEqual(byId.get('both')?.Values, [1000], 'dimension order does not matter');
		assert.deepEqual(byId.get('none')?.Values, []);
		assert.deepEqual(byId.get('stage')?.Values, []);
		assert.equal(Math.max(...(byId.get('service')?.Values ?? [])), 100, '{Service} does not see the data of {Service, Stage}');
	});

	it('answers GetMetricStatistics with Statistics and ExtendedStatistics', async () => {
		const result = await client.send(
			new GetMetricStatisticsCommand({
				Namespace: 'Shop',
				MetricName: 'Latency',
				Dimensions: checkout,
				StartTime: at(0),
				EndTime: at(10),
				Period: 60,
				Statistics: ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'],
				ExtendedStatistics: ['p99', 'p50', 'tm90'],
			}),
		);
		assert.equal(result.Label, 'Latency');
		assert.deepEqual(times(result.Datapoints?.map((datapoint) => datapoint.Timestamp ?? new Date(0))), [0, 1, 3, 4, 5]);
		const first = result.Datapoints?.[0];
		assert.deepEqual(
			{...first, Timestamp: undefined},
			{
				Timestamp: undefined,
				SampleCount: 100,
				Average: 50.5,
				Sum: 5050,
				Minimum: 1,
				Maximum: 100,
				Unit: 'Milliseconds',
				ExtendedStatistics: {p99: 99, p50: 50, tm90: 45.5},
			},
		);
		const onlyPercentiles = await client.send(
			new GetMetricStatisticsCommand({Namespace: 'Shop', MetricName: 'Errors', Dimensions: checkout, StartTime: at(0), EndTime: at(2), Period: 120, ExtendedStatistics: ['p90']}),
		);
		assert.deepEqual(onlyPercentiles.Datapoints?.[0]?.ExtendedStatistics, {p90: 1}, 'five errors put as a set of one repeated value, and a zero');
		assert.equal(onlyPercentiles.Datapoints?.[0]?.Sum, undefined, 'only what was asked for');
	});

	it('keeps units apart and filters by unit', async () => {
		const ask = (unit?: 'Bytes' | 'Seconds') =>
			client.send(
				new GetMetricStatisticsCommand({Namespace: 'Shop', MetricName: 'Payload', Dimensions: checkout, StartTime: at(0), EndTime: at(1), Period: 60, Statistics: ['Sum'], Unit: unit}),
			);
		const all = await ask();
		assert.deepEqual(all.Datapoints?.map((datapoint) => [datapoint.Unit, datapoint.Sum]).sort(), [
			['Bytes', 100],
			['Kilobytes', 2],
		]);
		assert.deepEqual((await ask('Bytes')).Datapoints?.map((datapoint) => datapoint.Sum), [100]);
		assert.deepEqual((await ask('Seconds')).Datapoints, []);
	});

	it('lists the metrics that exist, filtered', async () => {
		const key = (metric: {MetricName?: string; Dimensions?: Array<{Name?: string; Value?: string}>}): string =>
			`${metric.MetricName}{${(metric.Dimensions ?? []).map((dimension) => `${dimension.Name}=${dimension.Value}`).join(',')}}`;
		const all = await client.send(new ListMetricsCommand({Namespace: 'Shop'}));
		assert.deepEqual(all.Metrics?.map(key).sort(), [
			'Errors{Service=checkout}',
			'Latency{Service=checkout,Stage=prod}',
			'Latency{Service=checkout}',
			'Payload{Service=checkout}',
			'Requests{Service=checkout}',
		]);
		assert.equal(all.NextToken, undefined);
		const staged = await client.send(new ListMetricsCommand({Namespace: 'Shop', Dimensions: [{Name: 'Stage'}]}));
		assert.deepEqual(staged.Metrics?.map(key), ['Latency{Service=checkout,Stage=prod}']);
		const latency = await client.send(new ListMetricsCommand({MetricName: 'Latency', Dimensions: [{Name: 'Service', Value: 'checkout'}]}));
		assert.deepEqual(latency.Metrics?.map(key).sort(), ['Latency{Service=checkout,Stage=prod}', 'Latency{Service=checkout}'], 'a filter matches metrics with more dimensions too');
		assert.deepEqual((await client.send(new ListMetricsCommand({Namespace: 'Nothing'}))).Metrics, []);
		await put([{MetricName: 'Old', Timestamp: new Date(now - 5 * 3_600_000), Value: 1}], 'Archive');
		assert.deepEqual((await client.send(new ListMetricsCommand({Namespace: 'Archive'}))).Metrics?.map(key), ['Old{}']);
		assert.deepEqual((await client.send(new ListMetricsCommand({Namespace: 'Archive', RecentlyActive: 'PT3H'}))).Metrics, [], 'not within the last three hours');
	});

	it('reads a large, gzip-compressed PutMetricData and high-resolution data', async () => {
		const bulk = Array.from({length: 1000}, (_, index): MetricDatum => ({MetricName: 'Bulk', Timestamp: at(2), Value: index, Dimensions: [{Name: 'Batch', Value: 'one'}]}));
		await put(bulk);
		const statistics = await client.send(
			new GetMetricStatisticsCommand({
				Namespace: 'Shop',
				MetricName: 'Bulk',
				Dimensions: [{Name: 'Batch', Value: 'one'}],
				StartTime: at(0),
				EndTime: at(10),
				Period: 600,
				Statistics: ['SampleCount', 'Sum'],
			}),
		);
		assert.deepEqual(
			statistics.Datapoints?.map((datapoint) => [datapoint.SampleCount, datapoint.Sum, datapoint.Unit]),
			[[1000, 499_500, 'None']],
		);
		await put([5, 15, 16, 25].map((second): MetricDatum => ({MetricName: 'Fast', Timestamp: at(0, second), Value: second, StorageResolution: 1})));
		const fast = (period: number) => getData({MetricDataQueries: [metricQuery('f', 'Fast', 'SampleCount', {}, period, [])], ScanBy: 'TimestampAscending'});
		const tenSeconds = (await fast(10)).MetricDataResults?.[0];
		assert.deepEqual(tenSeconds?.Timestamps?.map((date) => (date.getTime() - t0) / 1000), [0, 10, 20]);
		assert.deepEqual(tenSeconds?.Values, [1, 2, 1]);
		assert.deepEqual((await fast(60)).MetricDataResults?.[0]?.Values, [4]);
	});

	it('refuses invalid GetMetricData requests with ValidationError, one line per problem', async () => {
		await rejectsWith(
			getData({MetricDataQueries: [metricQuery('m1', 'Latency', 'p999.9')]}),
			'ValidationException',
			'The value p999.9 for parameter MetricDataQueries.member.1.MetricStat.Stat is not a valid statistic.\n',
			400,
		);
		await rejectsWith(
			getData({MetricDataQueries: [metricQuery('m1', 'Latency', 'Sum'), metricQuery('m1', 'Latency', 'Average')]}),
			'ValidationException',
			'The values for parameter id in MetricDataQueries are not unique.\n',
		);
		await rejectsWith(
			getData({MetricDataQueries: [metricQuery('Bad-id', 'Latency', 'Sum'), metricQuery('m2', 'Latency', 'Sum', {}, 61)]}),
			'ValidationException',
			'The value Bad-id for parameter MetricDataQueries.member.1.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.\n' +
				'The value 61 for parameter MetricDataQueries.member.2.MetricStat.Period is invalid: it must be 1, 5, 10, 20, 30 or a multiple of 60.\n',
		);
		await rejectsWith(
			getData({StartTime: at(5), EndTime: at(5), MetricDataQueries: [metricQuery('m1', 'Latency', 'Sum')]}),
			'ValidationException',
			'The parameter StartTime must not equal parameter EndTime.\n',
		);
		await rejectsWith(getData({MetricDataQueries: [{Id: 'm1'}]}), 'ValidationException', 'The parameter MetricDataQueries.member.1.MetricStat is required.\n');
	});

	it('refuses invalid GetMetricStatistics and PutMetricData requests with the right exceptions', async () => {
		const statistics = {Namespace: 'Shop', MetricName: 'Latency', StartTime: at(0), EndTime: at(10), Period: 60, Statistics: ['Sum' as const]};
		await rejectsWith(
			client.send(new GetMetricStatisticsCommand({...statistics, Namespace: undefined})),
			'MissingRequiredParameterException',
			'The parameter Namespace is required.',
			400,
		);
		await rejectsWith(
			client.send(new GetMetricStatisticsCommand({...statistics, Statistics: undefined})),
			'InvalidParameterCombinationException',
			'Must specify either Statistics or ExtendedStatistics',
		);
		await rejectsWith(
			client.send(new GetMetricStatisticsCommand({...statistics, StartTime: at(10), EndTime: at(0)})),
			'InvalidParameterValueException',
			'The parameter StartTime must be less than the parameter EndTime.',
		);
		await rejectsWith(
			client.send(new GetMetricStatisticsCommand({...statistics, StartTime: new Date(now - 2 * 86_400_000), EndTime: new Date(now)})),
			'InvalidParameterCombinationException',
			'You have requested up to 2880 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
		);
		await rejectsWith(
			client.send(new GetMetricStatisticsCommand({...statistics, ExtendedStatistics: ['p101']})),
			'InvalidParameterValueException',
			/p101 for parameter ExtendedStatistics.member.1/,
		);
		await rejectsWith(put([{MetricName: 'Invocations', Value: 1}], 'AWS/Lambda'), 'InvalidParameterValueException', /^The value AWS\/Lambda for parameter Namespace is invalid/);
		await rejectsWith(put([{MetricName: 'X', Value: NaN}]), 'InvalidParameterValueException', 'The value NaN for parameter MetricData.member.1.Value is invalid.');
		await rejectsWith(
			put([{MetricName: 'X', Value: 1, StatisticValues: {SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1}}]),
			'InvalidParameterCombinationException',
			'The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.',
		);
		await rejectsWith(
			put([{MetricName: 'X', Value: 1}, {MetricName: 'X', Value: 1, Timestamp: new Date(now - 15 * 86_400_000)}]),
			'InvalidParameterValueException',
			'The parameter MetricData.member.2.Timestamp must specify a time within the past two weeks.',
		);
		await assert.rejects(put([{MetricName: 'X', Value: 1, StorageResolution: 5}]), (error: unknown) => {
			assert.ok(error instanceof Error);
			assert.equal(error.name, 'InvalidParameterValueException');
			assert.equal((error as {Code?: string}).Code, 'InvalidParameterValue', 'the query error code is there too');
			assert.equal(error.message, 'The parameter MetricData.member.1.StorageResolution must be a value in the set [ 1, 60 ].');
			return true;
		});
		const listed = await client.send(new ListMetricsCommand({Namespace: 'Shop', MetricName: 'X'}));
		assert.deepEqual(listed.Metrics, [], 'a refused request records nothing, not even its valid data');
	});

	it('keeps the data across a restart', async () => {
		const query = {MetricDataQueries: [metricQuery('p99', 'Latency', 'p99'), metricQuery('n', 'Requests', 'Sum')]};
		const before = await getData(query);
		client.destroy();
		await harness.close();
		harness = await startHarness({dataDir, clock});
		client = cloudWatch(harness.server.endpoint);
		const afterRestart = await getData(query);
		assert.deepEqual(afterRestart.MetricDataResults, before.MetricDataResults);
		assert.deepEqual(afterRestart.MetricDataResults?.[0]?.Values, [11, 9, 7, 30, 99]);
		assert.deepEqual(afterRestart.MetricDataResults?.[1]?.Values, [3, 100]);
	});
});

describe('AWS/Lambda metrics recorded through the MetricSink', () => {
	let dataDir: string;
	let clock: ManualClock;
	let service: MetricsService;
	let server: Server;
	let client: CloudWatchClient;

	const serve = async (): Promise<void> => {
		service = await MetricsService.open({dataDir, clock});
		server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				void service.handle(String(request.headers['x-amz-target']), Buffer.concat(chunks), response, randomUUID());
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		client = cloudWatch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
	};
	const stop = async (): Promise<void> => {
		client.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		await service.close();
	};
	const lambdaQuery = (id: string, name: string, stat: string, dimensions: Array<{Name: string; Value: string}>): MetricDataQuery => ({
		Id: id,
		MetricStat: {Metric: {Namespace: 'AWS/Lambda', MetricName: name, Dimensions: dimensions}, Period: 300, Stat: stat},
	});
	const queries = [
		lambdaQuery('p99', 'Duration', 'p99', [{Name: 'FunctionName', Value: 'orders'}]),
		lambdaQuery('invocations', 'Invocations', 'Sum', [{Name: 'FunctionName', Value: 'orders'}]),
		lambdaQuery('account', 'Invocations', 'Sum', []),
		lambdaQuery('alias', 'Invocations', 'Sum', [
			{Name: 'FunctionName', Value: 'orders'},
			{Name: 'Resource', Value: 'orders:live'},
		]),
	];
	const ask = () => client.send(new GetMetricDataCommand({StartTime: new Date(t0), EndTime: new Date(now), MetricDataQueries: queries}));

	before(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'lambdash-metrics-sink-'));
		clock = new ManualClock(now);
		await serve();
		// 200 invocations as the invoker records them: account-wide, per function, and per alias for the qualified ones.
		for (let index = 0; index < 200; index += 1) {
			const timestamp = t0 + index * 1000;
			const dimensionSets: Array<Record<string, string>> = [{}, {FunctionName: 'orders'}];
			if (index % 4 === 0) dimensionSets.push({FunctionName: 'orders', Resource: 'orders:live'});
			for (const dimensions of dimensionSets) {
				service.put({namespace: 'AWS/Lambda', name: 'Invocations', dimensions, value: 1, unit: 'Count', timestamp});
				service.put({namespace: 'AWS/Lambda', name: 'Duration', dimensions, value: index + 1, unit: 'Milliseconds', timestamp});
			}
		}
	});
	after(async () => {
		await stop();
		await rm(dataDir, {recursive: true, force: true});
	});

	it('serves what the invoker recorded, per dimension set', async () => {
		const result = await ask();
		const byId = new Map(result.MetricDataResults?.map((entry) => [entry.Id, entry]));
		assert.deepEqual(byId.get('p99')?.Values, [198], 'p99 of 1..200 over the first 200 seconds');
		assert.deepEqual(byId.get('invocations')?.Values, [200]);
		assert.deepEqual(byId.get('account')?.Values, [200]);
		assert.deepEqual(byId.get('alias')?.Values, [50]);
		const listed = await client.send(new ListMetricsCommand({Namespace: 'AWS/Lambda', Dimensions: [{Name: 'FunctionName', Value: 'orders'}]}));
		assert.equal(listed.Metrics?.length, 4, 'Invocations and Duration, per function and per alias');
	});

	it('saves the samples in the background and reads them back after a restart', async () => {
		const before = await ask();
		await stop();
		assert.deepEqual(await readdir(join(dataDir, 'metrics')), ['2026-01-10T10.json']);
		await serve();
		const afterRestart = await ask();
		assert.deepEqual(afterRestart.MetricDataResults, before.MetricDataResults);
	});

	it('forgets data older than 15 days', async () => {
		await clock.advance(15 * 86_400_000 + 3 * 3_600_000);
		const result = await ask();
		assert.ok(result.MetricDataResults?.every((entry) => entry.Values?.length === 0));
		assert.deepEqual((await client.send(new ListMetricsCommand({Namespace: 'AWS/Lambda'}))).Metrics, []);
		await service.save();
		assert.deepEqual(await readdir(join(dataDir, 'metrics')), []);
	});
});
