// The schema operations of the local EventBridge Schemas API: CreateSchema,
// DescribeSchema (the latest version, or SchemaVersion), UpdateSchema (a new
// version each time the content or type changes: "1", "2", ...; a retried
// update with the same ClientTokenId makes no second one), DeleteSchema,
// ListSchemas, ListSchemaVersions, DeleteSchemaVersion, and GetDiscoveredSchema
// (a schema inferred from up to 10 sample events, as EventBridge infers it).
// A schema is not tied to anything else: "_<function>-schema" may name a
// function that does not exist, as in AWS.

import {discoverJsonSchema, discoverSchema, schemaContentMaxLength} from '../../domain/shared-test-events.js';
import {badRequest, SchemasError, schemaNotFound, versionNotFound} from './errors.js';
import {
	checkContent,
	checkSchemaName,
	checkType,
	clientTokenMaxLength,
	discoverEventsMax,
	optionalDescription,
	optionalString,
	optionalTags,
	optionalType,
	page,
	requiredString,
	type JsonObject,
} from './input.js';
import {findRegistry, type SchemasContext, type SchemasReply} from './registry-operations.js';
import type {SchemaRecord, SchemaVersionRecord} from './schema-store.js';

export function schemaArn(context: SchemasContext, registry: string, name: string): string {
	return `arn:aws:schemas:${context.region}:${context.accountId}:schema/${registry}/${name}`;
}

function findSchema(context: SchemasContext, registry: string, name: string): SchemaRecord {
	findRegistry(context, registry);
	const schema = context.store.schema(registry, name);
	if (schema === undefined) throw schemaNotFound(registry, name);
	return schema;
}

function latestOf(schema: SchemaRecord): SchemaVersionRecord {
	const latest = schema.versions.at(-1);
	if (latest === undefined) throw new SchemasError('InternalServerErrorException', `Schema ${schema.name} has no version.`);
	return latest;
}

/** What CreateSchema, UpdateSchema and DescribeSchema answer with (DescribeSchema adds Content). */
function summary(context: SchemasContext, schema: SchemaRecord, version: SchemaVersionRecord): JsonObject {
	return {
		...(schema.description === undefined ? {} : {Description: schema.description}),
		LastModified: schema.lastModified,
		SchemaArn: schemaArn(context, schema.registry, schema.name),
		SchemaName: schema.name,
		SchemaVersion: version.version,
		tags: schema.tags,
		Type: version.type,
		VersionCreatedDate: version.createdAt,
	};
}

export async function createSchema(context: SchemasContext, registry: string, name: string, body: JsonObject): Promise<SchemasReply> {
	checkSchemaName(name);
	const type = checkType(requiredString(body, 'Type'));
	const content = checkContent(requiredString(body, 'Content'), type);
	const description = optionalDescription(body);
	const tags = optionalTags(body) ?? {};
	findRegistry(context, registry);
	if (context.store.schema(registry, name) !== undefined) {
		throw new SchemasError('ConflictException', `Schema with name ${name} already exists in registry ${registry}.`);
	}
	const now = new Date(context.now()).toISOString();
	const version: SchemaVersionRecord = {version: '1', type, content, createdAt: now};
	const record: SchemaRecord = {
		format: 1,
		registry,
		name,
		tags,
		lastModified: now,
		lastVersion: 1,
		versions: [version],
		...(description === undefined ? {} : {description}),
	};
	context.store.setSchema(record);
	await context.store.persistSchema(registry, name);
	return {status: 201, body: summary(context, record, version)};
}

export function describeSchema(context: SchemasContext, registry: string, name: string, query: URLSearchParams): SchemasReply {
	const schema = findSchema(context, registry, name);
	const wanted = query.get('schemaVersion');
	const version = wanted === null ? latestOf(schema) : schema.versions.find((candidate) => candidate.version === wanted);
	if (version === undefined) throw versionNotFound(name, wanted ?? '');
	return {status: 200, body: {...summary(context, schema, version), Content: version.content}};
}

export async function updateSchema(context: SchemasContext, registry: string, name: string, body: JsonObject): Promise<SchemasReply> {
	const clientToken = optionalString(body, 'ClientTokenId');
	if (clientToken !== undefined && clientToken.length > clientTokenMaxLength) {
		throw badRequest(`ClientTokenId must be at most ${clientTokenMaxLength} characters long.`);
	}
	const givenType = optionalType(body);
	const givenContent = optionalString(body, 'Content');
	const description = optionalDescription(body);
	const schema = findSchema(context, registry, name);
	const latest = latestOf(schema);
	if (clientToken !== undefined && clientToken === schema.lastClientToken) return {status: 200, body: summary(context, schema, latest)};
	const type = givenType ?? latest.type;
	const content = givenContent === undefined ? latest.content : checkContent(givenContent, type);
	if (givenContent === undefined && type !== latest.type) checkContent(content, type);
	const changed = content !== latest.content || type !== latest.type;
	const now = new Date(context.now()).toISOString();
	let versions = schema.versions;
	let lastVersion = schema.lastVersion;
	if (changed) {
		lastVersion += 1;
		versions = [...versions, {version: String(lastVersion), type, content, createdAt: now}];
	}
	const updated: SchemaRecord = {
		...schema,
		versions,
		lastVersion,
		lastModified: changed || description !== undefined ? now : schema.lastModified,
		...(description === undefined ? {} : {description}),
		...(clientToken === undefined ? {} : {lastClientToken: clientToken}),
	};
	context.store.setSchema(updated);
	await context.store.persistSchema(registry, name);
	return {status: 200, body: summary(context, updated, latestOf(updated))};
}

export async function deleteSchema(context: SchemasContext, registry: string, name: string): Promise<SchemasReply> {
	findSchema(context, registry, name);
	context.store.deleteSchema(registry, name);
	await context.store.persistSchema(registry, name);
	return {status: 204};
}

/** Deletes one version; the only one left cannot go (DeleteSchema deletes the schema). */
export async function deleteSchemaVersion(context: SchemasContext, registry: string, name: string, version: string): Promise<SchemasReply> {
	const schema = findSchema(context, registry, name);
	if (!schema.versions.some((candidate) => candidate.version === version)) throw versionNotFound(name, version);
	if (schema.versions.length === 1) {
		throw badRequest(`Version ${version} is the only version of schema ${name}: delete the schema instead.`);
	}
	context.store.setSchema({...schema, versions: schema.versions.filter((candidate) => candidate.version !== version)});
	await context.store.persistSchema(registry, name);
	return {status: 204};
}

export function listSchemas(context: SchemasContext, registry: string, query: URLSearchParams): SchemasReply {
	findRegistry(context, registry);
	const prefix = query.get('schemaNamePrefix') ?? '';
	const schemas = context.store.allSchemas(registry).filter((schema) => schema.name.startsWith(prefix));
	const result = page(schemas, (schema) => schema.name, query);
	return {
		status: 200,
		body: {
			Schemas: result.items.map((schema) => ({
				LastModified: schema.lastModified,
				SchemaArn: schemaArn(context, registry, schema.name),
				SchemaName: schema.name,
				tags: schema.tags,
				VersionCount: schema.versions.length,
			})),
			...(result.nextToken === undefined ? {} : {NextToken: result.nextToken}),
		},
	};
}

/** The versions of a schema, oldest first. */
export function listSchemaVersions(context: SchemasContext, registry: string, name: string, query: URLSearchParams): SchemasReply {
	const schema = findSchema(context, registry, name);
	const result = page(schema.versions, (version) => version.version.padStart(16, '0'), query);
	return {
		status: 200,
		body: {
			SchemaVersions: result.items.map((version) => ({
				SchemaArn: schemaArn(context, registry, name),
				SchemaName: name,
				SchemaVersion: version.version,
				Type: version.type,
			})),
			...(result.nextToken === undefined ? {} : {NextToken: result.nextToken}),
		},
	};
}

export function getDiscoveredSchema(body: JsonObject): SchemasReply {
	const type = checkType(requiredString(body, 'Type'));
	const events = body['Events'];
	if (events === undefined || events === null) throw badRequest('Events is required.');
	if (!Array.isArray(events)) throw badRequest('Events must be a list of strings.');
	if (events.length < 1 || events.length > discoverEventsMax) throw badRequest(`Events must hold between 1 and ${discoverEventsMax} events.`);
	const samples = events.map((event: unknown, index) => {
		if (typeof event !== 'string') throw badRequest('Events must be a list of strings.');
		if (event.length < 1 || event.length > schemaContentMaxLength) {
			throw badRequest(`Event ${index + 1} must be between 1 and ${schemaContentMaxLength} characters long.`);
		}
		try {
			return JSON.parse(event) as unknown;
		} catch (error) {
			throw badRequest(`Event ${index + 1} is not valid JSON: ${(error as Error).message}`);
		}
	});
	return {status: 200, body: {Content: type === 'OpenApi3' ? discoverSchema(samples) : discoverJsonSchema(samples)}};
}
