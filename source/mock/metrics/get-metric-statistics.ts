// GetMetricStatistics: one metric (dimensions matching exactly), its
// Statistics (SampleCount, Average, Sum, Minimum, Maximum) and/or
// ExtendedStatistics (p99, p99.9, tm90, ...) per period. At most 1,440
// periods per request, as in CloudWatch. Without Unit, each unit the metric
// was put with has its own datapoints (CloudWatch returns "all data that was
// collected with any unit ... along with the corresponding units"); with
// Unit, only data of that unit. Datapoints come oldest first (CloudWatch
// promises no order). A percentile that cannot be computed for a period
// (negative samples, statistic sets) is left out of that ExtendedStatistics.

import {
	aggregateIntoPeriods,
	alignStartTime,
	computeStatistic,
	isValidPeriod,
	parseStatistic,
	periodCount,
	standardStatistics,
	type Statistic,
} from '../../domain/metric-statistics.js';
import {CloudWatchError} from './errors.js';
import type {MetricStore} from './metric-store.js';
import {readDimensions, readInteger, readList, readString, readTimestamp, standardUnits, type JsonObject} from './wire.js';

export const datapointsMax = 1440;
export const statisticsMax = 5;
export const extendedStatisticsMax = 10;

function readStrings(input: JsonObject, key: string): string[] | undefined {
	const list = readList(input, key, key);
	if (list === undefined) return undefined;
	return list.map((item, index) => {
		if (typeof item !== 'string') throw new CloudWatchError('InvalidParameterValue', `The value for parameter ${key}.member.${index + 1} is invalid.`);
		return item;
	});
}

function required<T>(value: T | undefined, name: string): T {
	if (value === undefined || value === '') throw new CloudWatchError('MissingParameter', `The parameter ${name} is required.`);
	return value;
}

export function getMetricStatistics(store: MetricStore, input: JsonObject, nowMs: number): JsonObject {
	const namespace = required(readString(input, 'Namespace', 'Namespace'), 'Namespace');
	const metricName = required(readString(input, 'MetricName', 'MetricName'), 'MetricName');
	const startMs = required(readTimestamp(input, 'StartTime', 'StartTime'), 'StartTime');
	const endMs = required(readTimestamp(input, 'EndTime', 'EndTime'), 'EndTime');
	const period = required(readInteger(input, 'Period', 'Period'), 'Period');
	const statistics = readStrings(input, 'Statistics') ?? [];
	const extended = readStrings(input, 'ExtendedStatistics') ?? [];
	const unit = readString(input, 'Unit', 'Unit');
	const dimensions = readDimensions(readList(input, 'Dimensions', 'Dimensions'), 'Dimensions');

	if (dimensions.problems[0] !== undefined) throw new CloudWatchError('InvalidParameterValue', dimensions.problems[0]);
	if (statistics.length === 0 && extended.length === 0) {
		throw new CloudWatchError('InvalidParameterCombination', 'Must specify either Statistics or ExtendedStatistics');
	}
	if (statistics.length > statisticsMax) {
		throw new CloudWatchError('InvalidParameterValue', `The collection Statistics must not have a size greater than ${statisticsMax}.`);
	}
	if (extended.length > extendedStatisticsMax) {
		throw new CloudWatchError('InvalidParameterValue', `The collection ExtendedStatistics must not have a size greater than ${extendedStatisticsMax}.`);
	}
	const wanted: Array<{name: string; statistic: Statistic; extended: boolean}> = [];
	statistics.forEach((name, index) => {
		const statistic = parseStatistic(name);
		if (statistic === undefined || statistic.kind !== 'standard') {
			throw new CloudWatchError(
				'InvalidParameterValue',
				`The value ${name} for parameter Statistics.member.${index + 1} is invalid: it must be one of ${standardStatistics.join(', ')}.`,
			);
		}
		wanted.push({name, statistic, extended: false});
	});
	extended.forEach((name, index) => {
		const statistic = parseStatistic(name);
		if (statistic === undefined || statistic.kind === 'standard') {
			throw new CloudWatchError('InvalidParameterValue', `The value ${name} for parameter ExtendedStatistics.member.${index + 1} is not a valid extended statistic.`);
		}
		wanted.push({name, statistic, extended: true});
	});
	if (unit !== undefined && !standardUnits.has(unit)) throw new CloudWatchError('InvalidParameterValue', `The value ${unit} for parameter Unit is invalid.`);
	if (!isValidPeriod(period)) {
		throw new CloudWatchError('InvalidParameterValue', 'The parameter Period must be a multiple of 60 (or 1, 5, 10, 20 or 30 for high-resolution metrics).');
	}
	const start = Math.floor(startMs / 1000);
	const end = Math.floor(endMs / 1000);
	if (start === end) throw new CloudWatchError('InvalidParameterValue', 'The parameter StartTime must not equal parameter EndTime.');
	if (start > end) throw new CloudWatchError('InvalidParameterValue', 'The parameter StartTime must be less than the parameter EndTime.');
	const grid = {start: alignStartTime(start, period, Math.floor(nowMs / 1000)), end, period};
	const requested = periodCount(grid);
	if (requested > datapointsMax) {
		throw new CloudWatchError(
			'InvalidParameterCombination',
			`You have requested up to ${requested} datapoints, which exceeds the limit of ${datapointsMax}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
		);
	}

	const keepDistribution = wanted.some((entry) => entry.extended);
	const datapoints: Array<{time: number; datapoint: JsonObject}> = [];
	for (const series of store.find(namespace, metricName, dimensions.pairs, unit)) {
		for (const {time, samples} of aggregateIntoPeriods(store.buckets(series, grid.start, grid.end), grid, keepDistribution)) {
			const datapoint: JsonObject = {Timestamp: time};
			const extendedValues: Record<string, number> = {};
			for (const entry of wanted) {
				const value = computeStatistic(samples, entry.statistic);
				if (value === undefined || !Number.isFinite(value)) continue;
				if (entry.extended) extendedValues[entry.name] = value;
				else datapoint[entry.name] = value;
			}
			datapoint['Unit'] = series.unit;
			if (extended.length > 0) datapoint['ExtendedStatistics'] = extendedValues;
			datapoints.push({time, datapoint});
		}
	}
	datapoints.sort((left, right) => left.time - right.time);
	return {Label: metricName, Datapoints: datapoints.map((entry) => entry.datapoint)};
}
