// Reading a restJson1 request body: JSON, with members of the right types.
// Anything else is an InvalidRequestContentException, as Lambda answers.

import {jsonObjectOf, type JsonObject} from '../json-body.js';
import {badContent} from './errors.js';

export type {JsonObject} from '../json-body.js';

export function parseJsonObject(body: Buffer): JsonObject {
	return jsonObjectOf(body, (problem) =>
		badContent(
			problem.kind === 'syntax'
				? `Could not parse payload into json: ${problem.detail}`
				: 'Could not parse payload into json: the request body must be a JSON object',
		),
	);
}

function typeError(key: string, expected: string): Error {
	return badContent(`Cannot deserialize member '${key}': expected ${expected}`);
}

export function optionalString(object: JsonObject, key: string): string | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw typeError(key, 'a string');
	return value;
}

export function optionalInteger(object: JsonObject, key: string): number | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(key, 'an integer');
	return value;
}

export function optionalBoolean(object: JsonObject, key: string): boolean | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw typeError(key, 'a boolean');
	return value;
}

export function optionalObject(object: JsonObject, key: string): JsonObject | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) throw typeError(key, 'an object');
	return value as JsonObject;
}

export function optionalStringMap(object: JsonObject, key: string): Record<string, string> | undefined {
	const value = optionalObject(object, key);
	if (value === undefined) return undefined;
	const result: Record<string, string> = {};
	for (const [name, entry] of Object.entries(value)) {
		if (typeof entry !== 'string') throw typeError(`${key}.${name}`, 'a string');
		result[name] = entry;
	}
	return result;
}

export function optionalStringList(object: JsonObject, key: string): string[] | undefined {
	const value = object[key];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) throw typeError(key, 'a list of strings');
	return value as string[];
}

/** A blob member: base64 text, decoded. */
export function optionalBlob(object: JsonObject, key: string): Buffer | undefined {
	const value = optionalString(object, key);
	if (value === undefined) return undefined;
	const compact = value.replace(/[\r\n]/g, '');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
		throw badContent(`Could not parse payload into json: member '${key}' is not valid base64`);
	}
	return Buffer.from(compact, 'base64');
}
