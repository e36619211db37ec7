// GetMetricData: several metric queries (MetricStat) and math expressions
// (see metric-math.ts) over one time range, answered per query as
// Timestamps/Values, newest first unless ScanBy is TimestampAscending.
// Each MetricStat query has its own period grid: StartTime rounded as
// CloudWatch rounds it, then steps of Period up to EndTime (exclusive); a
// period with no samples has no datapoint. Dimensions must match exactly.
// Paging: MaxDatapoints (default 100,800) bounds the datapoints of one
// response, filled query by query in request order; a query with more to come
// is PartialData, and NextToken carries, per query, the timestamp it stopped
// at (so data arriving meanwhile does not shift the pages). Expressions are
// paged like metrics. Validation problems are all reported at once in one
// ValidationError, one line each ending in a newline, as CloudWatch does.

import {createHash} from 'node:crypto';
import {
	aggregateIntoPeriods,
	alignStartTime,
	computeStatistic,
	isValidPeriod,
	needsDistribution,
	parseStatistic,
	type Statistic,
	type TimedSamples,
} from '../../domain/metric-statistics.js';
import {CloudWatchError} from './errors.js';
import {evaluateExpression, MathError, parseExpression, referencedIds, type Node, type Points} from './metric-math.js';
import type {MetricStore} from './metric-store.js';
import {
	asObject,
	readBoolean,
	readDimensions,
	readInteger,
	readList,
	readObject,
	readString,
	readTimestamp,
	standardUnits,
	type DimensionPairs,
	type JsonObject,
} from './wire.js';

export const metricDataQueriesMax = 500;
export const defaultMaxDatapoints = 100_800;
const idPattern = /^[a-z][a-zA-Z0-9_]*$/;

interface QueryBase {
	id: string;
	label: string | undefined;
	returnData: boolean;
}

interface StatQuery extends QueryBase {
	kind: 'stat';
	namespace: string;
	metricName: string;
	dimensions: DimensionPairs;
	period: number;
	statistic: Statistic;
	unit: string | undefined;
}

interface ExpressionQuery extends QueryBase {
	kind: 'expression';
	node: Node;
}

type Query = StatQuery | ExpressionQuery;

interface Request {
	queries: Query[];
	start: number;
	end: number;
	ascending: boolean;
	maxDatapoints: number;
	nextToken: string | undefined;
	fingerprint: string;
}

function parseQuery(item: unknown, index: number, problems: string[]): Query | undefined {
	const path = `MetricDataQueries.member.${index + 1}`;
	const query = asObject(item, path);
	const id = readString(query, 'Id', `${path}.Id`);
	const label = readString(query, 'Label', `${path}.Label`);
	const returnData = readBoolean(query, 'ReturnData', `${path}.ReturnData`) ?? true;
	const metricStat = readObject(query, 'MetricStat', `${path}.MetricStat`);
	const expression = readString(query, 'Expression', `${path}.Expression`);
	readInteger(query, 'Period', `${path}.Period`);
	let ok = true;
	if (id === undefined || id === '') {
		problems.push(`The parameter ${path}.Id is required.`);
		ok = false;
	} else if (!idPattern.test(id) || id.length > 255) {
		problems.push(`The value ${id} for parameter ${path}.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.`);
		ok = false;
	}
	if (metricStat !== undefined && expression !== undefined) {
		problems.push(`The parameters ${path}.MetricStat and ${path}.Expression are mutually exclusive and you have specified both.`);
		return undefined;
	}
	if (metricStat === undefined && expression === undefined) {
		problems.push(`The parameter ${path}.MetricStat is required.`);
		return undefined;
	}
	if (expression !== undefined) {
		let node: Node | undefined;
		try {
			node = parseExpression(expression);
		} catch (error) {
			if (!(error instanceof MathError)) throw error;
			problems.push(`Error in expression ${id ?? path}: ${error.message}.`);
		}
		return ok && node !== undefined && id !== undefined ? {kind: 'expression', id, label, returnData, node} : undefined;
	}
	if (metricStat === undefined) return undefined;
	const stat = metricStat;
	const statPath = `${path}.MetricStat`;
	const metric = readObject(stat, 'Metric', `${statPath}.Metric`);
	const period = readInteger(stat, 'Period', `${statPath}.Period`);
	const statText = readString(stat, 'Stat', `${statPath}.Stat`);
	const unit = readString(stat, 'Unit', `${statPath}.Unit`);
	let namespace: string | undefined;
	let metricName: string | undefined;
	let dimensions: DimensionPairs = [];
	if (metric === undefined) {
		problems.push(`The parameter ${statPath}.Metric is required.`);
		ok = false;
	} else {
		namespace = readString(metric, 'Namespace', `${statPath}.Metric.Namespace`);
		metricName = readString(metric, 'MetricName', `${statPath}.Metric.MetricName`);
		if (namespace === undefined || namespace === '') {
			problems.push(`The parameter ${statPath}.Metric.Namespace is required.`);
			ok = false;
		}
		if (metricName === undefined || metricName === '') {
			problems.push(`The parameter ${statPath}.Metric.MetricName is required.`);
			ok = false;
		}
		const read = readDimensions(readList(metric, 'Dimensions', `${statPath}.Metric.Dimensions`), `${statPath}.Metric.Dimensions`);
		problems.push(...read.problems);
		if (read.problems.length > 0) ok = false;
		dimensions = read.pairs;
	}
	if (period === undefined) {
		problems.push(`The parameter ${statPath}.Period is required.`);
		ok = false;
	} else if (!isValidPeriod(period)) {
		problems.push(`The value ${period} for parameter ${statPath}.Period is invalid: it must be 1, 5, 10, 20, 30 or a multiple of 60.`);
		ok = false;
	}
	let statistic: Statistic | undefined;
	if (statText === undefined || statText === '') {
		problems.push(`The parameter ${statPath}.Stat is required.`);
		ok = false;
	} else {
		statistic = parseStatistic(statText);
		if (statistic === undefined) {
			problems.push(`The value ${statText} for parameter ${statPath}.Stat is not a valid statistic.`);
			ok = false;
		}
	}
	if (unit !== undefined && !standardUnits.has(unit)) {
		problems.push(`The value ${unit} for parameter ${statPath}.Unit is invalid.`);
		ok = false;
	}
	if (!ok || id === undefined || namespace === undefined || metricName === undefined || period === undefined || statistic === undefined) return undefined;
	return {kind: 'stat', id, label, returnData, namespace, metricName, dimensions, period, statistic, unit};
}

/** Unknown Ids and circular references between expressions. */
function checkReferences(queries: Query[], problems: string[]): void {
	const byId = new Map(queries.map((query) => [query.id, query]));
	for (const query of queries) {
		if (query.kind !== 'expression') continue;
		for (const reference of referencedIds(query.node)) {
			if (!byId.has(reference)) problems.push(`Error in expression ${query.id}: unknown Id "${reference}" (no query has it).`);
		}
	}
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (query: Query): boolean => {
		if (query.kind !== 'expression' || state.get(query.id) === 'done') return true;
		if (state.get(query.id) === 'visiting') return false;
		state.set(query.id, 'visiting');
		for (const reference of referencedIds(query.node)) {
			const next = byId.get(reference);
			if (next !== undefined && !visit(next)) return false;
		}
		state.set(query.id, 'done');
		return true;
	};
	for (const query of queries) {
		if (query.kind === 'expression' && state.get(query.id) !== 'done' && !visit(query)) {
			problems.push(`Error in expression ${query.id}: it refers to itself (a circular reference).`);
			return;
		}
	}
}

function parseRequest(input: JsonObject): Request {
	const problems: string[] = [];
	const list = readList(input, 'MetricDataQueries', 'MetricDataQueries');
	const startMs = readTimestamp(input, 'StartTime', 'StartTime');
	const endMs = readTimestamp(input, 'EndTime', 'EndTime');
	const nextToken = readString(input, 'NextToken', 'NextToken');
	const scanBy = readString(input, 'ScanBy', 'ScanBy');
	const maxDatapoints = readInteger(input, 'MaxDatapoints', 'MaxDatapoints');
	const labelOptions = readObject(input, 'LabelOptions', 'LabelOptions');
	const timezone = labelOptions === undefined ? undefined : readString(labelOptions, 'Timezone', 'LabelOptions.Timezone');

	if (list === undefined || list.length === 0) problems.push('The parameter MetricDataQueries is required.');
	else if (list.length > metricDataQueriesMax) problems.push(`The collection MetricDataQueries must not have a size greater than ${metricDataQueriesMax}.`);
	if (startMs === undefined) problems.push('The parameter StartTime is required.');
	if (endMs === undefined) problems.push('The parameter EndTime is required.');
	const start = startMs === undefined ? 0 : Math.floor(startMs / 1000);
	const end = endMs === undefined ? 0 : Math.floor(endMs / 1000);
	if (startMs !== undefined && endMs !== undefined) {
		if (start === end) problems.push('The parameter StartTime must not equal parameter EndTime.');
		else if (start > end) problems.push('The parameter EndTime must be greater than StartTime.');
	}
	if (scanBy !== undefined && scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
		problems.push(
			`1 validation error detected: Value '${scanBy}' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]`,
		);
	}
	if (maxDatapoints !== undefined && maxDatapoints < 1) problems.push(`The value ${maxDatapoints} for parameter MaxDatapoints is invalid: it must be at least 1.`);
	if (timezone !== undefined && !/^[+-](?:0\d|1[0-4])[0-5]\d$/.test(timezone)) {
		problems.push(`The value ${timezone} for parameter LabelOptions.Timezone is invalid: it must be + or - followed by four digits, such as +0130.`);
	}

	const queries: Query[] = [];
	if (list !== undefined && list.length <= metricDataQueriesMax) {
		list.forEach((item, index) => {
			const query = parseQuery(item, index, problems);
			if (query !== undefined) queries.push(query);
		});
		const ids = list.map((item) => (typeof item === 'object' && item !== null ? (item as JsonObject)['Id'] : undefined));
		if (new Set(ids).size !== ids.length) problems.push('The values for parameter id in MetricDataQueries are not unique.');
		if (problems.length === 0) checkReferences(queries, problems);
	}
	if (problems.length > 0) throw new CloudWatchError('ValidationError', problems.map((problem) => `${problem}\n`).join(''));

	const fingerprint = createHash('sha256')
		.update(JSON.stringify([input['MetricDataQueries'], input['StartTime'], input['EndTime'], scanBy ?? 'TimestampDescending']))
		.digest('base64url')
		.slice(0, 22);
	return {
		queries,
		start,
		end,
		ascending: scanBy === 'TimestampAscending',
		maxDatapoints: maxDatapoints ?? defaultMaxDatapoints,
		nextToken,
		fingerprint,
	};
}

/** The datapoints of a metric query, by period start. */
function evaluateStat(store: MetricStore, query: StatQuery, start: number, end: number, now: number): Points {
	const grid = {start: alignStartTime(start, query.period, now), end, period: query.period};
	const series = store.find(query.namespace, query.metricName, query.dimensions, query.unit);
	const buckets: TimedSamples[] = [];
	for (const entry of series) for (const bucket of store.buckets(entry, grid.start, grid.end)) buckets.push(bucket);
	const points: Points = new Map();
	for (const period of aggregateIntoPeriods(buckets, grid, needsDistribution(query.statistic))) {
		const value = computeStatistic(period.samples, query.statistic);
		if (value !== undefined && Number.isFinite(value)) points.set(period.time, value);
	}
	return points;
}

/** Every query's points: metrics first, then expressions (which may use each other). */
function evaluateAll(store: MetricStore, request: Request, now: number): Map<string, Points> {
	const results = new Map<string, Points>();
	const byId = new Map(request.queries.map((query) => [query.id, query]));
	const metricIds = request.queries.filter((query) => query.kind === 'stat').map((query) => query.id);
	const resolve = (id: string): Points => {
		const known = results.get(id);
		if (known !== undefined) return known;
		const query = byId.get(id);
		let points: Points = new Map();
		if (query?.kind === 'stat') points = evaluateStat(store, query, request.start, request.end, now);
		else if (query?.kind === 'expression') {
			try {
				points = evaluateExpression(query.node, {series: resolve, metricIds});
			} catch (error) {
				if (!(error instanceof MathError)) throw error;
				throw new CloudWatchError('ValidationError', `Error in expression ${query.id}: ${error.message}.\n`);
			}
		}
		results.set(id, points);
		return points;
	};
	for (const query of request.queries) resolve(query.id);
	return results;
}

/** Per returned query: undefined = not started, a number = the last timestamp sent, true = all sent. */
type Cursor = number | true | undefined;

function decodeToken(token: string, fingerprint: string, count: number): Cursor[] {
	const invalid = new CloudWatchError('InvalidNextToken', 'The NextToken is invalid or does not belong to this request.');
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
	} catch {
		throw invalid;
	}
	if (typeof parsed !== 'object' || parsed === null) throw invalid;
	const {f, c} = parsed as {f?: unknown; c?: unknown};
	if (f !== fingerprint || !Array.isArray(c) || c.length !== count) throw invalid;
	return c.map((cursor: unknown): Cursor => {
		if (cursor === null) return undefined;
		if (cursor === true || typeof cursor === 'number') return cursor;
		throw invalid;
	});
}

function encodeToken(fingerprint: string, cursors: Cursor[]): string {
	return Buffer.from(JSON.stringify({f: fingerprint, c: cursors.map((cursor) => cursor ?? null)}), 'utf8').toString('base64url');
}

export function getMetricData(store: MetricStore, input: JsonObject, nowMs: number): JsonObject {
	const request = parseRequest(input);
	const now = Math.floor(nowMs / 1000);
	const returned = request.queries.filter((query) => query.returnData);
	const cursors: Cursor[] = request.nextToken === undefined ? returned.map(() => undefined) : decodeToken(request.nextToken, request.fingerprint, returned.length);
	const points = evaluateAll(store, request, now);

	let budget = request.maxDatapoints;
	const results: JsonObject[] = [];
	const nextCursors: Cursor[] = [];
	returned.forEach((query, index) => {
		const cursor = cursors[index];
		const label = query.label ?? (query.kind === 'stat' ? query.metricName : query.id);
		if (cursor === true) {
			results.push({Id: query.id, Label: label, Timestamps: [], Values: [], StatusCode: 'Complete', Messages: []});
			nextCursors.push(true);
			return;
		}
		const sorted = [...(points.get(query.id) ?? new Map<number, number>())].sort((left, right) =>
			request.ascending ? left[0] - right[0] : right[0] - left[0],
		);
		const pending = cursor === undefined ? sorted : sorted.filter(([time]) => (request.ascending ? time > cursor : time < cursor));
		const taken = pending.slice(0, Math.max(0, budget));
		budget -= taken.length;
		const complete = taken.length === pending.length;
		const last = taken[taken.length - 1];
		nextCursors.push(complete ? true : last !== undefined ? last[0] : cursor);
		results.push({
			Id: query.id,
			Label: label,
			Timestamps: taken.map(([time]) => time),
			Values: taken.map(([, value]) => value),
			StatusCode: complete ? 'Complete' : 'PartialData',
			Messages: [],
		});
	});
	const output: JsonObject = {MetricDataResults: results, Messages: []};
	if (nextCursors.some((cursor) => cursor !== true)) output['NextToken'] = encodeToken(request.fingerprint, nextCursors);
	return output;
}
