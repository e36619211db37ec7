// The Monitor tab's metrics, as the Lambda console charts them: the time
// ranges and their periods, the charts (which AWS/Lambda metric, which
// statistic, the success-rate expression), and the MetricDataQueries of the
// one GetMetricData call that reads every chart of a refresh.
// Statistics follow Lambda's metrics reference: Sum for the invocation
// metrics (Invocations, Errors, Throttles, the asynchronous counts), Minimum,
// Average and Maximum for the times (Duration, AsyncEventAge), Maximum for
// ConcurrentExecutions. Success rate is the console's own metric math:
// 100 - 100 * errors / MAX([errors, invocations]).
// The asynchronous charts go together: a function is asynchronous when any of
// their series has data or when the caller knows it is (an EventInvokeConfig,
// a dead-letter queue), and then all three are shown, an empty one saying so.
// Series of one chart are told apart without colour by their strokes: the
// average solid, the minimum and maximum dotted around it, a second count
// dotted. Counts are summed over the range in the chart's title.
// Auto-refresh takes a number of seconds typed by the user (5 to 3600).
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
	/**
	 * label: in the title of a wide chart; short: in a small one; stroke: how
	 * the line is drawn (default solid), so series differ without colour.
	 */
	series: Array<{queryId: string; label: string; short?: string; stroke?: 'solid' | 'dotted'}>;
	/** What the title says of each series: its latest value (default), or its total over the range (counts). */
	summary?: 'latest' | 'total';
	/** Only shown for functions invoked asynchronously (see visibleCharts). */
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
	{id: 'invocations', title: 'Invocations', unit: 'Count', summary: 'total', series: [{queryId: 'invocations', label: 'Invocations'}]},
	{
		id: 'duration',
		title: 'Duration',
		unit: 'Milliseconds',
		series: [
			{queryId: 'duration_min', label: 'Min', short: 'min', stroke: 'dotted'},
			{queryId: 'duration_avg', label: 'Avg', short: 'avg'},
			{queryId: 'duration_max', label: 'Max', short: 'max', stroke: 'dotted'},
		],
	},
	{id: 'errors', title: 'Errors', unit: 'Count', summary: 'total', series: [{queryId: 'errors', label: 'Errors'}]},
	{id: 'success-rate', title: 'Success rate', unit: 'Percent', series: [{queryId: 'success_rate', label: 'Success rate'}]},
	{id: 'throttles', title: 'Throttles', unit: 'Count', summary: 'total', series: [{queryId: 'throttles', label: 'Throttles'}]},
	{id: 'concurrent-executions', title: 'Concurrent executions', unit: 'Count', series: [{queryId: 'concurrent_executions', label: 'Maximum'}]},
	{
		id: 'async-events',
		title: 'Async events',
		unit: 'Count',
		summary: 'total',
		series: [
			{queryId: 'async_events_received', label: 'Received', short: 'recv'},
			{queryId: 'async_events_dropped', label: 'Dropped', short: 'drop', stroke: 'dotted'},
		],
		async: true,
	},
	{
		id: 'async-event-age',
		title: 'Async event age',
		unit: 'Milliseconds',
		series: [
			{queryId: 'async_event_age_min', label: 'Min', short: 'min', stroke: 'dotted'},
			{queryId: 'async_event_age_avg', label: 'Avg', short: 'avg'},
			{queryId: 'async_event_age_max', label: 'Max', short: 'max', stroke: 'dotted'},
		],
		async: true,
	},
	{
		id: 'async-delivery-failures',
		title: 'Async delivery failures',
		unit: 'Count',
		summary: 'total',
		series: [
			{queryId: 'destination_delivery_failures', label: 'Destination', short: 'dest'},
			{queryId: 'dead_letter_errors', label: 'DLQ', short: 'dlq', stroke: 'dotted'},
		],
		async: true,
	},
];

/**
 * The charts worth drawing: every synchronous one, and all the asynchronous
 * ones for a function invoked asynchronously: one whose asynchronous metrics
 * have data, or that the caller knows to be (`asynchronous`: it has an
 * EventInvokeConfig or a dead-letter queue). An empty one then says "no data".
 */
export function visibleCharts(data: ReadonlyMap<string, Series> | undefined, asynchronous = false): ChartDefinition[] {
	const hasData = (chart: ChartDefinition): boolean => chart.series.some((series) => (data?.get(series.queryId)?.points.length ?? 0) > 0);
	const showAsync = asynchronous || chartDefinitions.some((chart) => chart.async === true && hasData(chart));
	return chartDefinitions.filter((chart) => chart.async !== true || showAsync);
}

/** The interval of auto-refresh a person may type, in seconds (0 turns it off). */
export const autoRefreshLimits = {min: 5, max: 3600} as const;

/**
 * The auto-refresh interval typed ("30", "30s", " 90 "): whole seconds from 5
 * to 3600, or 0 (or nothing) for off; else what is wrong, naming what is allowed.
 */
export function parseRefreshInterval(text: string): {seconds: number} | {problem: string} {
	const trimmed = text.trim();
	if (trimmed === '') return {seconds: 0};
	const allowed = `give ${autoRefreshLimits.min} to ${autoRefreshLimits.max} seconds (0 or nothing: off)`;
	const match = /^(\d+)\s*(?:s|secs?|seconds?)?$/i.exec(trimmed);
	if (!match) return {problem: `"${trimmed}" is not whole seconds: ${allowed}.`};
	const seconds = Number(match[1]);
	if (seconds === 0) return {seconds: 0};
	if (seconds < autoRefreshLimits.min) return {problem: `${seconds} s is too often: ${allowed}.`};
	if (seconds > autoRefreshLimits.max) return {problem: `${seconds} s is over an hour: ${allowed}.`};
	return {seconds};
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
