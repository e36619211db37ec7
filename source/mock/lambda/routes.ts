// The Lambda REST API's paths (restJson1, as in the service model), with or
// without a trailing slash. A path or method the API does not have is an
// UnknownOperationException (404), as Lambda answers.

import {codeRequestBodyMax, requestBodyMax} from '../../domain/limits.js';
import {LambdaError} from './errors.js';
import {parseJsonObject} from './input.js';
import {codeSigningRoutes} from './code-signing-routes.js';
import {eventInvokeConfigRoutes} from './event-invoke-config-routes.js';
import {eventSourceMappingRoutes} from './event-source-mapping-routes.js';
import {functionUrlRoutes} from './function-url-routes.js';
import {policyRoutes} from './policy-routes.js';
import {invokeRoutes} from './invoke-routes.js';
import {layerRoutes} from './layer-routes.js';
import {provisionedConcurrencyRoutes} from './provisioned-concurrency-routes.js';
import type {LambdaService, Reply} from './service.js';

export interface LambdaRoute {
	operation: string;
	/** Largest request body the operation takes. */
	bodyLimit: number;
	run: (service: LambdaService, body: Buffer, headers: RequestHeaders) => Promise<Reply> | Reply;
}

/** The request's headers, names in lower case. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface RouteDefinition {
	method: string;
	/** Path segments; "{Name}" captures one (percent-decoded) segment. */
	pattern: string[];
	operation: string;
	bodyLimit?: number;
	run: (
		service: LambdaService,
		parameters: Record<string, string>,
		query: URLSearchParams,
		body: Buffer,
		headers: RequestHeaders,
	) => Promise<Reply> | Reply;
}

const qualifier = (query: URLSearchParams): string | undefined => query.get('Qualifier') ?? undefined;

const functionRoutes: RouteDefinition[] = [
	{
		method: 'POST',
		pattern: ['2015-03-31', 'functions'],
		operation: 'CreateFunction',
		bodyLimit: codeRequestBodyMax,
		run: (service, _parameters, _query, body) => service.createFunction(parseJsonObject(body)),
	},
	{
		method: 'GET',
		pattern: ['2015-03-31', 'functions'],
		operation: 'ListFunctions',
		run: (service, _parameters, query) => service.listFunctions(query),
	},
	{
		method: 'GET',
		pattern: ['2015-03-31', 'functions', '{FunctionName}'],
		operation: 'GetFunction',
		run: (service, parameters, query) => service.getFunction(parameters['FunctionName'] ?? '', qualifier(query)),
	},
	{
		method: 'DELETE',
		pattern: ['2015-03-31', 'functions', '{FunctionName}'],
		operation: 'DeleteFunction',
		run: (service, parameters, query) => service.deleteFunction(parameters['FunctionName'] ?? '', qualifier(query)),
	},
	{
		method: 'GET',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'configuration'],
		operation: 'GetFunctionConfiguration',
		run: (service, parameters, query) => service.getFunctionConfiguration(parameters['FunctionName'] ?? '', qualifier(query)),
	},
	{
		method: 'PUT',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'configuration'],
		operation: 'UpdateFunctionConfiguration',
		run: (service, parameters, _query, body) => service.updateFunctionConfiguration(parameters['FunctionName'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'PUT',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'code'],
		operation: 'UpdateFunctionCode',
		bodyLimit: codeRequestBodyMax,
		run: (service, parameters, _query, body) => service.updateFunctionCode(parameters['FunctionName'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'POST',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'versions'],
		operation: 'PublishVersion',
		run: (service, parameters, _query, body) => service.publishVersion(parameters['FunctionName'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'GET',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'versions'],
		operation: 'ListVersionsByFunction',
		run: (service, parameters, query) => service.listVersionsByFunction(parameters['FunctionName'] ?? '', query),
	},
	{
		method: 'POST',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'aliases'],
		operation: 'CreateAlias',
		run: (service, parameters, _query, body) => service.createAlias(parameters['FunctionName'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'GET',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'aliases'],
		operation: 'ListAliases',
		run: (service, parameters, query) => service.listAliases(parameters['FunctionName'] ?? '', query),
	},
	{
		method: 'GET',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'aliases', '{Name}'],
		operation: 'GetAlias',
		run: (service, parameters) => service.getAlias(parameters['FunctionName'] ?? '', parameters['Name'] ?? ''),
	},
	{
		method: 'PUT',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'aliases', '{Name}'],
		operation: 'UpdateAlias',
		run: (service, parameters, _query, body) =>
			service.updateAlias(parameters['FunctionName'] ?? '', parameters['Name'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'DELETE',
		pattern: ['2015-03-31', 'functions', '{FunctionName}', 'aliases', '{Name}'],
		operation: 'DeleteAlias',
		run: (service, parameters) => service.deleteAlias(parameters['FunctionName'] ?? '', parameters['Name'] ?? ''),
	},
	{
		method: 'PUT',
		pattern: ['2017-10-31', 'functions', '{FunctionName}', 'concurrency'],
		operation: 'PutFunctionConcurrency',
		run: (service, parameters, _query, body) => service.putFunctionConcurrency(parameters['FunctionName'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'DELETE',
		pattern: ['2017-10-31', 'functions', '{FunctionName}', 'concurrency'],
		operation: 'DeleteFunctionConcurrency',
		run: (service, parameters) => service.deleteFunctionConcurrency(parameters['FunctionName'] ?? ''),
	},
	{
		method: 'GET',
		pattern: ['2019-09-30', 'functions', '{FunctionName}', 'concurrency'],
		operation: 'GetFunctionConcurrency',
		run: (service, parameters) => service.getFunctionConcurrency(parameters['FunctionName'] ?? ''),
	},
	{
		method: 'GET',
		pattern: ['2016-08-19', 'account-settings'],
		operation: 'GetAccountSettings',
		run: (service) => service.getAccountSettings(),
	},
	{
		method: 'POST',
		pattern: ['2017-03-31', 'tags', '{Resource}'],
		operation: 'TagResource',
		run: (service, parameters, _query, body) => service.tagResource(parameters['Resource'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'DELETE',
		pattern: ['2017-03-31', 'tags', '{Resource}'],
		operation: 'UntagResource',
		run: (service, parameters, query) => service.untagResource(parameters['Resource'] ?? '', query.getAll('tagKeys')),
	},
	{
		method: 'GET',
		pattern: ['2017-03-31', 'tags', '{Resource}'],
		operation: 'ListTags',
		run: (service, parameters) => service.listTags(parameters['Resource'] ?? ''),
	},
];

const definitions: RouteDefinition[] = [
	...functionRoutes,
	...invokeRoutes,
	...layerRoutes,
	...eventInvokeConfigRoutes,
	...provisionedConcurrencyRoutes,
	...codeSigningRoutes,
	...eventSourceMappingRoutes,
	...functionUrlRoutes,
	...policyRoutes,
];

/** Whether a path looks like the Lambda API's (a dated prefix), so that other services can be told apart. */
export function isLambdaPath(pathname: string): boolean {
	return /^\/\d{4}-\d{2}-\d{2}\//.test(pathname);
}

function splitPath(pathname: string): string[] | undefined {
	const trimmed = pathname.replace(/^\/+/, '').replace(/\/$/, '');
	const raw = trimmed === '' ? [] : trimmed.split('/');
	try {
		return raw.map((segment) => decodeURIComponent(segment));
	} catch {
		return undefined;
	}
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | undefined {
	if (pattern.length !== segments.length) return undefined;
	const parameters: Record<string, string> = {};
	for (const [index, part] of pattern.entries()) {
		const segment = segments[index] ?? '';
		if (part.startsWith('{')) {
			if (segment === '') return undefined;
			parameters[part.slice(1, -1)] = segment;
		} else if (part !== segment) return undefined;
	}
	return parameters;
}

/** The operation for a request, or an UnknownOperationException to answer with. */
export function routeLambda(method: string, url: URL): LambdaRoute {
	const segments = splitPath(url.pathname);
	if (segments !== undefined) {
		for (const definition of definitions) {
			if (definition.method !== method) continue;
			const parameters = matchPattern(definition.pattern, segments);
			if (parameters === undefined) continue;
			return {
				operation: definition.operation,
				bodyLimit: definition.bodyLimit ?? requestBodyMax,
				run: (service, body, headers) => definition.run(service, parameters, url.searchParams, body, headers),
			};
		}
	}
	return {
		operation: 'Unknown',
		bodyLimit: requestBodyMax,
		run: () => {
			throw new LambdaError('UnknownOperationException', `Unknown operation: ${method} ${url.pathname}`);
		},
	};
}
