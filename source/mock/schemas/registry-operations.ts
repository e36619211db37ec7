// The registry operations of the local EventBridge Schemas API:
// CreateRegistry, DescribeRegistry, UpdateRegistry, DeleteRegistry and
// ListRegistries. Only custom ("Local") registries exist here: the AWS
// registries (aws.events) and discovered-schemas are not served.

import {badRequest, registryNotFound, SchemasError} from './errors.js';
import {checkRegistryName, optionalDescription, optionalTags, page, type JsonObject} from './input.js';
import type {RegistryRecord, SchemaStore} from './schema-store.js';

export interface SchemasReply {
	status: number;
	body?: JsonObject;
}

export interface SchemasContext {
	store: SchemaStore;
	region: string;
	accountId: string;
	now(): number;
}

export function registryArn(context: SchemasContext, name: string): string {
	return `arn:aws:schemas:${context.region}:${context.accountId}:registry/${name}`;
}

/** The registry called `name`, or NotFoundException. */
export function findRegistry(context: SchemasContext, name: string): RegistryRecord {
	const registry = context.store.registry(name);
	if (registry === undefined) throw registryNotFound(name);
	return registry;
}

function describe(context: SchemasContext, registry: RegistryRecord): JsonObject {
	return {
		...(registry.description === undefined ? {} : {Description: registry.description}),
		RegistryArn: registryArn(context, registry.name),
		RegistryName: registry.name,
		tags: registry.tags,
	};
}

export async function createRegistry(context: SchemasContext, name: string, body: JsonObject): Promise<SchemasReply> {
	checkRegistryName(name);
	const description = optionalDescription(body);
	const tags = optionalTags(body) ?? {};
	if (context.store.registry(name) !== undefined) throw new SchemasError('ConflictException', `Registry with name ${name} already exists.`);
	const record: RegistryRecord = {format: 1, name, tags, createdAt: context.now(), ...(description === undefined ? {} : {description})};
	context.store.setRegistry(record);
	await context.store.persistRegistry(name);
	return {status: 201, body: describe(context, record)};
}

export function describeRegistry(context: SchemasContext, name: string): SchemasReply {
	return {status: 200, body: describe(context, findRegistry(context, name))};
}

export async function updateRegistry(context: SchemasContext, name: string, body: JsonObject): Promise<SchemasReply> {
	const registry = findRegistry(context, name);
	const description = optionalDescription(body);
	const updated: RegistryRecord = description === undefined ? registry : {...registry, description};
	context.store.setRegistry(updated);
	await context.store.persistRegistry(name);
	return {status: 200, body: describe(context, updated)};
}

/** Deletes the registry with the schemas in it: their files first, so a crash never leaves schemas without a registry. */
export async function deleteRegistry(context: SchemasContext, name: string): Promise<SchemasReply> {
	findRegistry(context, name);
	const schemas = context.store.deleteRegistry(name);
	await Promise.all(schemas.map((schema) => context.store.persistSchema(name, schema)));
	await context.store.persistRegistry(name);
	return {status: 204};
}

export function listRegistries(context: SchemasContext, query: URLSearchParams): SchemasReply {
	const scope = query.get('scope');
	if (scope !== null && scope !== 'Local' && scope !== 'AWS') throw badRequest('scope must be Local or AWS.');
	const prefix = query.get('registryNamePrefix') ?? '';
	const registries = scope === 'AWS' ? [] : context.store.allRegistries().filter((registry) => registry.name.startsWith(prefix));
	const result = page(registries, (registry) => registry.name, query);
	return {
		status: 200,
		body: {
			Registries: result.items.map((registry) => ({RegistryArn: registryArn(context, registry.name), RegistryName: registry.name, tags: registry.tags})),
			...(result.nextToken === undefined ? {} : {NextToken: result.nextToken}),
		},
	};
}
