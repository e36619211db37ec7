// PutMetricData: custom metrics written by other tools (and by the tests),
// stored like the Lambda metrics. Each datum is a Value, Values with Counts,
// or StatisticValues; Timestamp defaults to now and may be up to two weeks
// back and two hours ahead; StorageResolution 1 keeps per-second buckets
// (high resolution), 60 (the default) per-minute ones. Namespaces beginning
// with "AWS/" are refused, as CloudWatch reserves them. The whole request is
// validated before anything is recorded.

import {addSample, addStatisticValues, type StatisticValues} from '../../domain/metric-statistics.js';
import {CloudWatchError} from './errors.js';
import type {MetricStore} from './metric-store.js';
import {
	asObject,
	metricNameMaxLength,
	namespaceMaxLength,
	readDimensions,
	readDouble,
	readInteger,
	readList,
	readObject,
	readString,
	readTimestamp,
	standardUnits,
	toDouble,
	type DimensionPairs,
	type JsonObject,
} from './wire.js';

export const metricDataMax = 1000;
export const valuesMax = 150;
const pastLimitMs = 14 * 86_400_000;
const futureLimitMs = 2 * 3_600_000;
const valueMagnitudeMax = Math.pow(2, 360);
const valueMagnitudeMin = Math.pow(2, -260);

interface Datum {
	name: string;
	dimensions: DimensionPairs;
	unit: string;
	timeMs: number;
	highResolution: boolean;
	values: Array<[value: number, count: number]>;
	statistics: StatisticValues | undefined;
}

function invalid(message: string): CloudWatchError {
	return new CloudWatchError('InvalidParameterValue', message);
}

function checkValue(value: number, path: string): number {
	const magnitude = Math.abs(value);
	if (!Number.isFinite(value) || magnitude > valueMagnitudeMax || (magnitude !== 0 && magnitude < valueMagnitudeMin)) {
		throw invalid(`The value ${Number.isNaN(value) ? 'NaN' : String(value)} for parameter ${path} is invalid.`);
	}
	return value;
}

function parseDatum(item: unknown, path: string, nowMs: number): Datum {
	const datum = asObject(item, path);
	const name = readString(datum, 'MetricName', `${path}.MetricName`);
	if (name === undefined || name === '') throw new CloudWatchError('MissingParameter', `The parameter ${path}.MetricName is required.`);
	if (name.length > metricNameMaxLength) throw invalid(`The parameter ${path}.MetricName must be shorter than ${metricNameMaxLength + 1} characters.`);
	const dimensions = readDimensions(readList(datum, 'Dimensions', `${path}.Dimensions`), `${path}.Dimensions`);
	if (dimensions.problems[0] !== undefined) throw invalid(dimensions.problems[0]);
	const unit = readString(datum, 'Unit', `${path}.Unit`) ?? 'None';
	if (!standardUnits.has(unit)) throw invalid(`The value ${unit} for parameter ${path}.Unit is invalid.`);
	const resolution = readInteger(datum, 'StorageResolution', `${path}.StorageResolution`) ?? 60;
	if (resolution !== 1 && resolution !== 60) throw invalid(`The parameter ${path}.StorageResolution must be a value in the set [ 1, 60 ].`);
	const timeMs = readTimestamp(datum, 'Timestamp', `${path}.Timestamp`) ?? nowMs;
	if (timeMs < nowMs - pastLimitMs) throw invalid(`The parameter ${path}.Timestamp must specify a time within the past two weeks.`);
	if (timeMs > nowMs + futureLimitMs) throw invalid(`The parameter ${path}.Timestamp must specify a time no more than two hours in the future.`);

	const value = readDouble(datum, 'Value', `${path}.Value`);
	const valueList = readList(datum, 'Values', `${path}.Values`);
	const countList = readList(datum, 'Counts', `${path}.Counts`);
	const statisticSet = readObject(datum, 'StatisticValues', `${path}.StatisticValues`);
	if (value !== undefined && valueList !== undefined) {
		throw invalid(`The parameters ${path}.Value and ${path}.Values are mutually exclusive and you have specified both.`);
	}
	if (statisticSet !== undefined && (value !== undefined || valueList !== undefined)) {
		const other = value !== undefined ? 'Value' : 'Values';
		throw new CloudWatchError(
			'InvalidParameterCombination',
			`The parameters ${path}.${other} and ${path}.StatisticValues are mutually exclusive and you have specified both.`,
		);
	}
	if (countList !== undefined && valueList === undefined) throw new CloudWatchError('MissingParameter', `The parameter ${path}.Values is required when ${path}.Counts is given.`);

	const values: Array<[number, number]> = [];
	if (value !== undefined) values.push([checkValue(value, `${path}.Value`), 1]);
	if (valueList !== undefined) {
		if (valueList.length > valuesMax) throw invalid(`The collection ${path}.Values must not have a size greater than ${valuesMax}.`);
		if (countList !== undefined && countList.length !== valueList.length) {
			throw invalid(`The parameters ${path}.Values and ${path}.Counts must be of the same size.`);
		}
		valueList.forEach((entry, index) => {
			const memberPath = `${path}.Values.member.${index + 1}`;
			const count = countList === undefined ? 1 : toDouble(countList[index], `${path}.Counts.member.${index + 1}`);
			if (!Number.isFinite(count) || count < 0) throw invalid(`The value ${String(count)} for parameter ${path}.Counts.member.${index + 1} is invalid.`);
			values.push([checkValue(toDouble(entry, memberPath), memberPath), count]);
		});
	}
	let statistics: StatisticValues | undefined;
	if (statisticSet !== undefined) {
		const read = (member: string): number => {
			const number = readDouble(statisticSet, member, `${path}.StatisticValues.${member}`);
			if (number === undefined) throw new CloudWatchError('MissingParameter', `The parameter ${path}.StatisticValues.${member} is required.`);
			return checkValue(number, `${path}.StatisticValues.${member}`);
		};
		statistics = {sampleCount: read('SampleCount'), sum: read('Sum'), minimum: read('Minimum'), maximum: read('Maximum')};
		if (statistics.sampleCount <= 0) throw invalid(`The value ${statistics.sampleCount} for parameter ${path}.StatisticValues.SampleCount is invalid.`);
		if (statistics.minimum > statistics.maximum) {
			throw invalid(`The parameter ${path}.StatisticValues.Minimum must not be greater than ${path}.StatisticValues.Maximum.`);
		}
	}
	if (value === undefined && valueList === undefined && statisticSet === undefined) {
		throw new CloudWatchError('InvalidParameterCombination', `One of the parameters ${path}.Value, ${path}.Values or ${path}.StatisticValues must be specified.`);
	}
	return {name, dimensions: dimensions.pairs, unit, timeMs, highResolution: resolution === 1, values, statistics};
}

/** Validates the whole request, then records its data; returns how many data it recorded. */
export function putMetricData(store: MetricStore, input: JsonObject, nowMs: number): number {
	const namespace = readString(input, 'Namespace', 'Namespace');
	if (namespace === undefined || namespace === '') throw new CloudWatchError('MissingParameter', 'The parameter Namespace is required.');
	if (namespace.length > namespaceMaxLength) throw invalid(`The parameter Namespace must be shorter than ${namespaceMaxLength + 1} characters.`);
	if (namespace.startsWith('AWS/')) throw invalid(`The value ${namespace} for parameter Namespace is invalid: namespaces beginning with AWS/ are reserved for AWS.`);

	const items: Array<{item: unknown; path: string}> = [];
	(readList(input, 'MetricData', 'MetricData') ?? []).forEach((item, index) => items.push({item, path: `MetricData.member.${index + 1}`}));
	(readList(input, 'EntityMetricData', 'EntityMetricData') ?? []).forEach((entity, entityIndex) => {
		const entityPath = `EntityMetricData.member.${entityIndex + 1}`;
		const data = readList(asObject(entity, entityPath), 'MetricData', `${entityPath}.MetricData`) ?? [];
		data.forEach((item, index) => items.push({item, path: `${entityPath}.MetricData.member.${index + 1}`}));
	});
	if (items.length === 0) throw new CloudWatchError('MissingParameter', 'The parameter MetricData is required.');
	if (items.length > metricDataMax) throw invalid(`The collection MetricData must not have a size greater than ${metricDataMax}.`);

	const data = items.map(({item, path}) => parseDatum(item, path, nowMs));
	for (const datum of data) {
		const identity = {namespace, name: datum.name, dimensions: datum.dimensions};
		const samples = store.bucket(identity, datum.unit, datum.timeMs / 1000, datum.highResolution);
		for (const [value, count] of datum.values) addSample(samples, value, count);
		if (datum.statistics !== undefined) addStatisticValues(samples, datum.statistics);
	}
	return data.length;
}
