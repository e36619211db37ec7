// The Monitor tab's metrics, as the Lambda console charts them: the time
// ranges and their periods, the charts (which AWS/Lambda metric, which
// statistic, the success-rate expression), and the MetricDataQueries of the
// one GetMetricData call that reads every chart of a refresh.
// Statistics follow Lambda's metrics reference: Sum for the invocation
// metrics (Invocations, Errors, Throttles, the asynchronous counts), Minimum,
// Average and Maximum for the times (Duration, AsyncEventAge), Maximum for
// ConcurrentExecutions. Success rate is the console's own metric math:
// 100 - 100 * errors / MAX([errors, invocations]).
// Periods keep a chart at most about 200 points (what a terminal can draw),
// and respect what CloudWatch keeps: 1-minute data for 15 days, 5-minute data
// for 63 days, 1-hour data for 455 days.
// Pure: the SDK call is in aws/function-metrics.ts.

export type TimeRangeId = '1h' | '3h' | '12h' | '1d' | '3d' | '1w';

export interface MetricsRange {
	start: Date;
	end: Date;
	periodSeconds: number;
	label: string;
}

export interface ChartDefinition {
	id: string;
	title: string;
	/** CloudWatch's unit name of the values: Count, Milliseconds or Percent. */
	unit: string;
	series: Array<{queryId: string; label: string}>;
	/** Only shown for functions invoked asynchronously (when these series have data). */
	async?: boolean;
}

/** The datapoints of one query, oldest first; a period without data has no point. */
export interface Series {
	queryId: string;
	points: Array<{time: Date; value: number}>;
}

/** One of GetMetricData's MetricDataQueries (assignable to the SDK's MetricDataQuery). */
export interface MetricQueryShape {
	Id: string;
	MetricStat?: {
		Metric: {Namespace: string; MetricName: string; Dimensions: Array<{Name: string; Value: string}>};
		Period: number;
		Stat: string;
	};
	Expression?: string;
	Label?: string;
	ReturnData: boolean;
}

const minute = 60;
const hour = 3600;
const day = 86_400;

const presets: Record<TimeRangeId, {seconds: number; label: string}> = {
	'1h': {seconds: hour, label: 'Last 1 hour'},
	'3h': {seconds: 3 * hour, label: 'Last 3 hours'},
	'12h': {seconds: 12 * hour, label: 'Last 12 hours'},
	'1d': {seconds: day, label: 'Last 1 day'},
	'3d': {seconds: 3 * day, label: 'Last 3 days'},
	'1w': {seconds: 7 * day, label: 'Last 1 week'},
};

export const timeRangeIds: readonly TimeRangeId[] = ['1h', '3h', '12h', '1d', '3d', '1w'];

/** How long CloudWatch keeps data at each resolution (seconds of age). */
export const retention = {oneMinute: 15 * day, fiveMinutes: 63 * day, oneHour: 455 * day} as const;

/** Periods a chart may use, shortest first. */
const periodLadder = [minute, 5 * minute, 15 * minute, hour, 3 * hour, 6 * hour, day];
/** The most points a chart should have: about what a terminal chart can show. */
const maxPoints = 200;

/**
 * The shortest period from the ladder that keeps the range within maxPoints
 * and that CloudWatch still has for data that old (a multiple of 5 minutes
 * beyond 15 days, of an hour beyond 63 days). Undefined beyond 455 days.
 */
function periodFor(spanSeconds: number, ageSeconds: number): number | undefined {
	if (ageSeconds > retention.oneHour) return undefined;
	const resolution = ageSeconds > retention.fiveMinutes ? hour : ageSeconds > retention.oneMinute ? 5 * minute : minute;
	for (const period of periodLadder) {
		if (period % resolution !== 0) continue;
		if (spanSeconds / period <= maxPoints) return period;
	}
	return day;
}

function seconds(date: Date): number {
	return Math.floor(date.getTime() / 1000);
}

/** The range's start rounded down to its period, so that points fall on whole minutes, quarters, hours. */
function alignedStart(startSeconds: number, period: number): Date {
	return new Date(Math.floor(startSeconds / period) * period * 1000);
}

/** A preset range ending now. */
export function metricsRange(id: TimeRangeId, now: Date): MetricsRange {
	const preset = presets[id];
	const end = seconds(now);
	const start = end - preset.seconds;
	const period = periodFor(preset.seconds, preset.seconds) ?? hour;
	return {start: alignedStart(start, period), end: new Date(end * 1000), periodSeconds: period, label: preset.label};
}

function formatUtc(date: Date): string {
	return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** A range of the user's choosing, or what is wrong with it (naming what is allowed). */
export function customRange(start: Date, end: Date, now: Date = new Date()): MetricsRange | string {
	if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return 'Enter a start and an end time, such as 2024-01-31 12:00 (UTC).';
	const startSeconds = seconds(start);
	const endSeconds = seconds(end);
	const nowSeconds = seconds(now);
	if (endSeconds <= startSeconds) return 'The end must be after the start.';
	if (startSeconds >= nowSeconds) return `The start is in the future: choose a time before now (${formatUtc(now)} UTC).`;
	if (endSeconds > nowSeconds + minute) return `The end is in the future: choose a time up to now (${formatUtc(now)} UTC).`;
	if (endSeconds - startSeconds < minute) return 'The range must be at least 1 minute long.';
	const age = nowSeconds - startSeconds;
	const period = periodFor(endSeconds - startSeconds, age);
	if (period === undefined) {
		const oldest = new Date((nowSeconds - retention.oneHour) * 1000);
		return `CloudWatch keeps metrics for 455 days (1-minute data 15 days, 5-minute data 63 days): choose a start after ${formatUtc(oldest)} UTC.`;
	}
	return {
		start: alignedStart(startSeconds, period),
		end: new Date(endSeconds * 1000),
		periodSeconds: period,
		label: `${formatUtc(start)} – ${formatUtc(end)} UTC`,
	};
}

/** What a query reads: an AWS/Lambda metric with a statistic, or metric math over other queries. */
type QuerySpec = {queryId: string; metric: string; stat: string} | {queryId: string; expression: string; inputs: string[]};

const querySpecs: readonly QuerySpec[] = [
	{queryId: 'invocations', metric: 'Invocations', stat: 'Sum'},
	{queryId: 'duration_min', metric: 'Duration', stat: 'Minimum'},
	{queryId: 'duration_avg', metric: 'Duration', stat: 'Average'},
	{queryId: 'duration_max', metric: 'Duration', stat: 'Maximum'},
	{queryId: 'errors', metric: 'Errors', stat: 'Sum'},
	{queryId: 'success_rate', expression: '100 - 100 * errors / MAX([errors, invocations])', inputs: ['errors', 'invocations']},
	{queryId: 'throttles', metric: 'Throttles', stat: 'Sum'},
	{queryId: 'concurrent_executions', metric: 'ConcurrentExecutions', stat: 'Maximum'},
	{queryId: 'async_events_received', metric: 'AsyncEventsReceived', stat: 'Sum'},
	{queryId: 'async_events_dropped', metric: 'AsyncEventsDropped', stat: 'Sum'},
	{queryId: 'async_event_age_min', metric: 'AsyncEventAge', stat: 'Minimum'},
	{queryId: 'async_event_age_avg', metric: 'AsyncEventAge', stat: 'Average'},
	{queryId: 'async_event_age_max', metric: 'AsyncEventAge', stat: 'Maximum'},
	{queryId: 'destination_delivery_failures', metric: 'DestinationDeliveryFailures', stat: 'Sum'},
	{queryId: 'dead_letter_errors', metric: 'DeadLetterErrors', stat: 'Sum'},
];

export const chartDefinitions: readonly ChartDefinition[] = [
	{id: 'invocations', title: 'Invocations', unit: 'Count', series: [{queryId: 'invocations', label: 'Invocations'}]},
	{
		id: 'duration',
		title: 'Duration',
		unit: 'Milliseconds',
		series: [
			{queryId: 'duration_min', label: 'Min'},
			{queryId: 'duration_avg', label: 'Avg'},
			{queryId: 'duration_max', label: 'Max'},
		],
	},
	{id: 'errors', title: 'Errors', unit: 'Count', series: [{queryId: 'errors', label: 'Errors'}]},
	{id: 'success-rate', title: 'Success rate', unit: 'Percent', series: [{queryId: 'success_rate', label: 'Success rate'}]},
	{id: 'throttles', title: 'Throttles', unit: 'Count', series: [{queryId: 'throttles', label: 'Throttles'}]},
	{id: 'concurrent-executions', title: 'Concurrent executions', unit: 'Count', series: [{queryId: 'concurrent_executions', label: 'Maximum'}]},
	{
		id: 'async-events',
		title: 'Async events',
		unit: 'Count',
		series: [
			{queryId: 'async_events_received', label: 'Received'},
			{queryId: 'async_events_dropped', label: 'Dropped'},
		],
		async: true,
	},
	{
		id: 'async-event-age',
		title: 'Async event age',
		unit: 'Milliseconds',
		series: [
			{queryId: 'async_event_age_min', label: 'Min'},
			{queryId: 'async_event_age_avg', label: 'Avg'},
			{queryId: 'async_event_age_max', label: 'Max'},
		],
		async: true,
	},
	{
		id: 'async-delivery-failures',
		title: 'Async delivery failures',
		unit: 'Count',
		series: [
			{queryId: 'destination_delivery_failures', label: 'Destination'},
			{queryId: 'dead_letter_errors', label: 'DLQ'},
		],
		async: true,
	},
];

/** The charts worth drawing: every synchronous one, and the asynchronous ones when any of their series has data. */
export function visibleCharts(data: ReadonlyMap<string, Series> | undefined): ChartDefinition[] {
	return chartDefinitions.filter((chart) => !chart.async || chart.series.some((series) => (data?.get(series.queryId)?.points.length ?? 0) > 0));
}

/**
 * The MetricDataQueries of one GetMetricData call reading every chart:
 * dimension FunctionName, plus Resource = "name:qualifier" for a version or
 * alias. A query only an expression uses is not returned (ReturnData false).
 */
export function metricDataQueries(functionName: string, range: MetricsRange, qualifier?: string): MetricQueryShape[] {
	const dimensions = [{Name: 'FunctionName', Value: functionName}];
	if (qualifier !== undefined && qualifier !== '') dimensions.push({Name: 'Resource', Value: `${functionName}:${qualifier}`});
	const shown = new Set(chartDefinitions.flatMap((chart) => chart.series.map((series) => series.queryId)));
	const needed = new Set(shown);
	for (const spec of querySpecs) if ('expression' in spec && shown.has(spec.queryId)) for (const input of spec.inputs) needed.add(input);
	const queries: MetricQueryShape[] = [];
	for (const spec of querySpecs) {
		if (!needed.has(spec.queryId)) continue;
		if ('expression' in spec) {
			queries.push({Id: spec.queryId, Expression: spec.expression, ReturnData: shown.has(spec.queryId)});
		} else {
			queries.push({
				Id: spec.queryId,
				MetricStat: {
					Metric: {Namespace: 'AWS/Lambda', MetricName: spec.metric, Dimensions: dimensions.map((dimension) => ({...dimension}))},
					Period: range.periodSeconds,
					Stat: spec.stat,
				},
				ReturnData: shown.has(spec.queryId),
			});
		}
	}
	return queries;
}
