// The Monitor tab's metrics from CloudWatch: every chart of a refresh in ONE
// GetMetricData call (its NextToken pages followed, as the same call), read
// oldest first. The queries are domain/function-metrics.ts's.
import type {CloudWatchClient, MetricDataResult} from '@aws-sdk/client-cloudwatch';
import {metricDataQueries, type MetricsRange, type Series} from '../domain/function-metrics.js';
import {loadSdk} from './clients.js';

/** Each returned query's datapoints by its Id (every query is there, empty when it has no data). */
export async function getFunctionMetrics(
	client: CloudWatchClient,
	functionName: string,
	range: MetricsRange,
	signal?: AbortSignal,
	qualifier?: string,
): Promise<Map<string, Series>> {
	const {GetMetricDataCommand} = await loadSdk(import('@aws-sdk/client-cloudwatch'));
	const queries = metricDataQueries(functionName, range, qualifier);
	const points = new Map<string, Map<number, number>>();
	for (const query of queries) if (query.ReturnData) points.set(query.Id, new Map());
	const collect = (result: MetricDataResult): void => {
		if (result.Id === undefined) return;
		let byTime = points.get(result.Id);
		if (byTime === undefined) {
			byTime = new Map();
			points.set(result.Id, byTime);
		}
		const timestamps = result.Timestamps ?? [];
		const values = result.Values ?? [];
		timestamps.forEach((timestamp, index) => {
			const value = values[index];
			if (value !== undefined && Number.isFinite(value)) byTime.set(timestamp.getTime(), value);
		});
	};
	let nextToken: string | undefined;
	do {
		const output = await client.send(
			new GetMetricDataCommand({
				MetricDataQueries: queries,
				StartTime: range.start,
				EndTime: range.end,
				ScanBy: 'TimestampAscending',
				NextToken: nextToken,
			}),
			{abortSignal: signal},
		);
		for (const result of output.MetricDataResults ?? []) collect(result);
		nextToken = output.NextToken;
	} while (nextToken !== undefined && nextToken !== '');
	const series = new Map<string, Series>();
	for (const [queryId, byTime] of points) {
		series.set(queryId, {
			queryId,
			points: [...byTime].sort((left, right) => left[0] - right[0]).map(([time, value]) => ({time: new Date(time), value})),
		});
	}
	return series;
}
