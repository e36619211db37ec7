// Reading and checking an EventBridge Schemas request: the JSON body, its
// members' types, names, descriptions, tags, schema types and contents, with
// the limits of the service model (RegistryName 1-64 and SchemaName 1-385
// characters of letters, digits, ".", "-", "_" and "@"; Description up to 256;
// Content 1-100000 characters of JSON) and BadRequestException otherwise.

import {schemaContentMaxLength} from '../../domain/shared-test-events.js';
import {jsonObjectOf, type JsonObject} from '../json-body.js';
import {badRequest} from './errors.js';
import type {SchemaType} from './schema-store.js';

export type {JsonObject} from '../json-body.js';

export const registryNameMaxLength = 64;
export const schemaNameMaxLength = 385;
export const descriptionMaxLength = 256;
/** ClientTokenId of UpdateSchema. */
export const clientTokenMaxLength = 36;
/** GetDiscoveredSchema takes 1 to 10 events. */
export const discoverEventsMax = 10;
const registryNamePattern = /^[.\-_A-Za-z0-9]+$/;
const schemaNamePattern = /^[.\-_A-Za-z0-9@]+$/;

export function parseBody(body: Buffer): JsonObject {
	return jsonObjectOf(body, (problem) =>
		badRequest(problem.kind === 'syntax' ? `The request body is not valid JSON: ${problem.detail}` : 'The request body must be a JSON object.'),
	);
}

export function optionalString(body: JsonObject, key: string): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest(`${key} must be a string.`);
	return value;
}

export function requiredString(body: JsonObject, key: string): string {
	const value = optionalString(body, key);
	if (value === undefined) throw badRequest(`${key} is required.`);
	return value;
}

export function checkRegistryName(name: string): string {
	if (name.length < 1 || name.length > registryNameMaxLength) {
		throw badRequest(`RegistryName must be between 1 and ${registryNameMaxLength} characters long.`);
	}
	if (!registryNamePattern.test(name)) throw badRequest('RegistryName may contain only letters, digits, ".", "-" and "_".');
	return name;
}

export function checkSchemaName(name: string): string {
	if (name.length < 1 || name.length > schemaNameMaxLength) {
		throw badRequest(`SchemaName must be between 1 and ${schemaNameMaxLength} characters long.`);
	}
	if (!schemaNamePattern.test(name)) throw badRequest('SchemaName may contain only letters, digits, ".", "-", "_" and "@".');
	return name;
}

export function optionalDescription(body: JsonObject): string | undefined {
	const description = optionalString(body, 'Description');
	if (description !== undefined && description.length > descriptionMaxLength) {
		throw badRequest(`Description must be at most ${descriptionMaxLength} characters long.`);
	}
	return description;
}

/** The "tags" member (the model's jsonName): string keys to string values. */
export function optionalTags(body: JsonObject): Record<string, string> | undefined {
	const value = body['tags'];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('tags must be a map of strings to strings.');
	const tags: Record<string, string> = {};
	for (const [key, tag] of Object.entries(value)) {
		if (typeof tag !== 'string') throw badRequest(`The value of tag ${key} must be a string.`);
		Object.defineProperty(tags, key, {value: tag, enumerable: true, writable: true, configurable: true});
	}
	return tags;
}

export function checkType(type: string): SchemaType {
	if (type === 'OpenApi3' || type === 'JSONSchemaDraft4') return type;
	throw badRequest(`Type must be one of OpenApi3, JSONSchemaDraft4; got ${type}.`);
}

export function optionalType(body: JsonObject): SchemaType | undefined {
	const type = optionalString(body, 'Type');
	return type === undefined ? undefined : checkType(type);
}

/** Content as CreateSchema and UpdateSchema take it: 1 to 100000 characters of JSON, a document of its type. */
export function checkContent(content: string, type: SchemaType): string {
	if (content.length < 1) throw badRequest('Content must not be empty.');
	if (content.length > schemaContentMaxLength) {
		throw badRequest(`Content is ${content.length} characters long; the maximum length is ${schemaContentMaxLength}.`);
	}
	let document: unknown;
	try {
		document = JSON.parse(content);
	} catch (error) {
		throw badRequest(`Content is not valid JSON: ${(error as Error).message}`);
	}
	if (typeof document !== 'object' || document === null || Array.isArray(document)) {
		throw badRequest(`Content is not a valid ${type} schema: it must be a JSON object.`);
	}
	if (type === 'OpenApi3') {
		const version = (document as JsonObject)['openapi'];
		if (typeof version !== 'string' || !version.startsWith('3.')) {
			throw badRequest('Content is not a valid OpenApi3 schema: the "openapi" member must name an OpenAPI 3 version, such as "3.0.0".');
		}
	}
	return content;
}

/** Limit of a List operation: 1 to 100, default 100. */
export function readLimit(query: URLSearchParams): number {
	const text = query.get('limit');
	if (text === null) return 100;
	const limit = Number(text);
	if (!/^\d+$/.test(text) || limit < 1 || limit > 100) throw badRequest('limit must be an integer between 1 and 100.');
	return limit;
}

/** The first name a page starts at (after the last name of the previous page), from a NextToken. */
export function readNextToken(query: URLSearchParams): string | undefined {
	const token = query.get('nextToken');
	if (token === null || token === '') return undefined;
	const decoded = Buffer.from(token, 'base64url').toString('utf8');
	if (!decoded.startsWith('after:')) throw badRequest('The NextToken is invalid or has expired.');
	return decoded.slice('after:'.length);
}

export function nextToken(lastName: string): string {
	return Buffer.from(`after:${lastName}`, 'utf8').toString('base64url');
}

/** One page of `items` (sorted by `nameOf`), and the token of the next one when there is more. */
export function page<T>(items: readonly T[], nameOf: (item: T) => string, query: URLSearchParams): {items: T[]; nextToken?: string} {
	const limit = readLimit(query);
	const after = readNextToken(query);
	const remaining = after === undefined ? items : items.filter((item) => nameOf(item) > after);
	const pageItems = remaining.slice(0, limit);
	const last = pageItems.at(-1);
	return remaining.length > limit && last !== undefined ? {items: pageItems, nextToken: nextToken(nameOf(last))} : {items: pageItems};
}
