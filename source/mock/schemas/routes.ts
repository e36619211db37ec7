// The EventBridge Schemas REST paths the local Lambda serves (restJson1, as
// in the service model: /v1/registries/..., /v1/discover), matched segment by
// segment with the names percent-decoded. A path or method it does not serve
// is an UnknownOperationException (404).

import {SchemasError} from './errors.js';
import {parseBody} from './input.js';
import {createRegistry, deleteRegistry, describeRegistry, listRegistries, updateRegistry, type SchemasContext, type SchemasReply} from './registry-operations.js';
import {
	createSchema,
	deleteSchema,
	deleteSchemaVersion,
	describeSchema,
	getDiscoveredSchema,
	listSchemas,
	listSchemaVersions,
	updateSchema,
} from './schema-operations.js';

type Run = (context: SchemasContext, parameters: Record<string, string>, query: URLSearchParams, body: Buffer) => Promise<SchemasReply> | SchemasReply;

interface SchemasRoute {
	method: string;
	/** Path segments; "{Name}" captures one segment. */
	pattern: string[];
	operation: string;
	run: Run;
}

const registry = ['v1', 'registries', 'name', '{RegistryName}'];
const schema = [...registry, 'schemas', 'name', '{SchemaName}'];
const names = (parameters: Record<string, string>): [string, string] => [parameters['RegistryName'] ?? '', parameters['SchemaName'] ?? ''];

const routes: SchemasRoute[] = [
	{method: 'GET', pattern: ['v1', 'registries'], operation: 'ListRegistries', run: (context, _parameters, query) => listRegistries(context, query)},
	{
		method: 'POST',
		pattern: registry,
		operation: 'CreateRegistry',
		run: (context, parameters, _query, body) => createRegistry(context, names(parameters)[0], parseBody(body)),
	},
	{method: 'GET', pattern: registry, operation: 'DescribeRegistry', run: (context, parameters) => describeRegistry(context, names(parameters)[0])},
	{
		method: 'PUT',
		pattern: registry,
		operation: 'UpdateRegistry',
		run: (context, parameters, _query, body) => updateRegistry(context, names(parameters)[0], parseBody(body)),
	},
	{method: 'DELETE', pattern: registry, operation: 'DeleteRegistry', run: (context, parameters) => deleteRegistry(context, names(parameters)[0])},
	{
		method: 'GET',
		pattern: [...registry, 'schemas'],
		operation: 'ListSchemas',
		run: (context, parameters, query) => listSchemas(context, names(parameters)[0], query),
	},
	{
		method: 'POST',
		pattern: schema,
		operation: 'CreateSchema',
		run: (context, parameters, _query, body) => createSchema(context, ...names(parameters), parseBody(body)),
	},
	{method: 'GET', pattern: schema, operation: 'DescribeSchema', run: (context, parameters, query) => describeSchema(context, ...names(parameters), query)},
	{
		method: 'PUT',
		pattern: schema,
		operation: 'UpdateSchema',
		run: (context, parameters, _query, body) => updateSchema(context, ...names(parameters), parseBody(body)),
	},
	{method: 'DELETE', pattern: schema, operation: 'DeleteSchema', run: (context, parameters) => deleteSchema(context, ...names(parameters))},
	{
		method: 'GET',
		pattern: [...schema, 'versions'],
		operation: 'ListSchemaVersions',
		run: (context, parameters, query) => listSchemaVersions(context, ...names(parameters), query),
	},
	{
		method: 'DELETE',
		pattern: [...schema, 'version', '{SchemaVersion}'],
		operation: 'DeleteSchemaVersion',
		run: (context, parameters) => deleteSchemaVersion(context, ...names(parameters), parameters['SchemaVersion'] ?? ''),
	},
	{method: 'POST', pattern: ['v1', 'discover'], operation: 'GetDiscoveredSchema', run: (_context, _parameters, _query, body) => getDiscoveredSchema(parseBody(body))},
];

function match(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
	if (pattern.length !== segments.length) return undefined;
	const parameters: Record<string, string> = {};
	for (let index = 0; index < pattern.length; index += 1) {
		const part = pattern[index] ?? '';
		const segment = segments[index] ?? '';
		if (part.startsWith('{')) {
			if (segment === '') return undefined;
			parameters[part.slice(1, -1)] = segment;
		} else if (part !== segment) {
			return undefined;
		}
	}
	return parameters;
}

function decode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw new SchemasError('BadRequestException', `The request path has a malformed segment: ${segment}`);
	}
}

export interface RoutedRequest {
	operation: string;
	run(context: SchemasContext, body: Buffer): Promise<SchemasReply> | SchemasReply;
}

/** The operation for a method and path under /v1/; throws UnknownOperationException when there is none. */
export function routeSchemas(method: string, url: URL): RoutedRequest {
	const raw = url.pathname.split('/').slice(1);
	if (raw.at(-1) === '') raw.pop();
	const segments = raw.map(decode);
	let pathMatched = false;
	for (const route of routes) {
		const parameters = match(route.pattern, segments);
		if (parameters === undefined) continue;
		pathMatched = true;
		if (route.method !== method) continue;
		return {operation: route.operation, run: (context, body) => route.run(context, parameters, url.searchParams, body)};
	}
	const what = pathMatched ? `${method} on ${url.pathname}` : url.pathname;
	throw new SchemasError('UnknownOperationException', `The local EventBridge Schemas API does not serve ${what}.`);
}
