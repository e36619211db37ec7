// Reading CloudWatch requests in awsJson1_0: the JSON body's members, typed.
// Timestamps arrive as epoch seconds (numbers, with a fraction for
// milliseconds), doubles as numbers or the strings "NaN", "Infinity" and
// "-Infinity", which is how the SDKs write non-finite values. A member of the
// wrong JSON type cannot be read at all: a SerializationError, as the service
// answers. Also the limits and enums of the service model the operations share.

import {gunzipSync} from 'node:zlib';
import {SerializationError} from './errors.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the request body (gzip-compressed, as the SDK sends large PutMetricData bodies, or plain). */
export function parseBody(body: Buffer): JsonObject {
	let bytes = body;
	if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
		try {
			bytes = gunzipSync(bytes, {maxOutputLength: 64 * 1024 * 1024});
		} catch {
			throw new SerializationError('The request body is not valid gzip.');
		}
	}
	const text = bytes.toString('utf8').trim();
	if (text === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new SerializationError('The request body is not valid JSON.');
	}
	if (!isObject(parsed)) throw new SerializationError('The request body must be a JSON object.');
	return parsed;
}

function wrongType(path: string, expected: string): SerializationError {
	return new SerializationError(`Expected ${expected} for ${path}.`);
}

export function readString(object: JsonObject, key: string, path: string): string | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw wrongType(path, 'a string');
	return value;
}

export function readInteger(object: JsonObject, key: string, path: string): number | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(path, 'an integer');
	return value;
}

export function readBoolean(object: JsonObject, key: string, path: string): boolean | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw wrongType(path, 'a boolean');
	return value;
}

/** A double: a number, or "NaN" / "Infinity" / "-Infinity". */
export function toDouble(value: unknown, path: string): number {
	if (typeof value === 'number') return value;
	if (value === 'NaN') return NaN;
	if (value === 'Infinity') return Infinity;
	if (value === '-Infinity') return -Infinity;
	throw wrongType(path, 'a number');
}

export function readDouble(object: JsonObject, key: string, path: string): number | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	return toDouble(value, path);
}

/** A timestamp as epoch milliseconds: epoch seconds (the protocol's format) or an ISO 8601 string. */
export function readTimestamp(object: JsonObject, key: string, path: string): number | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
	if (typeof value === 'string') {
		const parsed = Date.parse(value);
		if (Number.isFinite(parsed)) return parsed;
	}
	throw wrongType(path, 'a timestamp');
}

export function readList(object: JsonObject, key: string, path: string): unknown[] | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) throw wrongType(path, 'a list');
	return value;
}

export function readObject(object: JsonObject, key: string, path: string): JsonObject | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) throw wrongType(path, 'a structure');
	return value;
}

export function asObject(value: unknown, path: string): JsonObject {
	if (!isObject(value)) throw wrongType(path, 'a structure');
	return value;
}

/** CloudWatch's StandardUnit. */
export const standardUnits: ReadonlySet<string> = new Set([
	'Seconds',
	'Microseconds',
	'Milliseconds',
	'Bytes',
	'Kilobytes',
	'Megabytes',
	'Gigabytes',
	'Terabytes',
	'Bits',
	'Kilobits',
	'Megabits',
	'Gigabits',
	'Terabits',
	'Percent',
	'Count',
	'Bytes/Second',
	'Kilobytes/Second',
	'Megabytes/Second',
	'Gigabytes/Second',
	'Terabytes/Second',
	'Bits/Second',
	'Kilobits/Second',
	'Megabits/Second',
	'Gigabits/Second',
	'Terabits/Second',
	'Count/Second',
	'None',
]);

/** A metric's dimensions as stored: [name, value] pairs sorted by name. */
export type DimensionPairs = ReadonlyArray<readonly [string, string]>;

export const dimensionsMax = 30;
export const dimensionNameMaxLength = 255;
export const dimensionValueMaxLength = 1024;
export const metricNameMaxLength = 255;
export const namespaceMaxLength = 255;

/**
 * Reads a Dimensions list (Name and Value required) into sorted pairs, or
 * returns the problems found, each a message in CloudWatch's words.
 */
export function readDimensions(list: unknown[] | undefined, path: string): {pairs: DimensionPairs; problems: string[]} {
	const problems: string[] = [];
	const pairs: Array<[string, string]> = [];
	if (list === undefined) return {pairs, problems};
	if (list.length > dimensionsMax) problems.push(`The collection ${path} must not have a size greater than ${dimensionsMax}.`);
	const seen = new Set<string>();
	list.forEach((item, index) => {
		const memberPath = `${path}.member.${index + 1}`;
		const dimension = asObject(item, memberPath);
		const name = readString(dimension, 'Name', `${memberPath}.Name`);
		const value = readString(dimension, 'Value', `${memberPath}.Value`);
		if (name === undefined || name === '') {
			problems.push(`The parameter ${memberPath}.Name is required.`);
			return;
		}
		if (value === undefined || value === '') {
			problems.push(`The parameter ${memberPath}.Value is required.`);
			return;
		}
		if (name.length > dimensionNameMaxLength) problems.push(`The parameter ${memberPath}.Name must be shorter than ${dimensionNameMaxLength + 1} characters.`);
		if (value.length > dimensionValueMaxLength) problems.push(`The parameter ${memberPath}.Value must be shorter than ${dimensionValueMaxLength + 1} characters.`);
		if (seen.has(name)) problems.push(`The parameter ${memberPath}.Name has a duplicate value: ${name}.`);
		seen.add(name);
		pairs.push([name, value]);
	});
	pairs.sort((left, right) => (left[0] < right[0] ? -1 : left[0] > right[0] ? 1 : 0));
	return {pairs, problems};
}
