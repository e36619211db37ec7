// Provisioned concurrency (restJson1, as in the service model):
// PUT, GET and DELETE /2019-09-30/functions/{FunctionName}/provisioned-concurrency?Qualifier=
// (Put, Get, Delete), and GET .../provisioned-concurrency?List=ALL
// (ListProvisionedConcurrencyConfigs; &Marker=&MaxItems=). The operations
// are in provisioned-concurrency.ts.
import {provisionedConcurrencyOf} from './provisioned-concurrency.js';
import type {RouteDefinition} from './routes.js';

const path = ['2019-09-30', 'functions', '{FunctionName}', 'provisioned-concurrency'];
const qualifier = (query: URLSearchParams): string | undefined => query.get('Qualifier') ?? undefined;

export const provisionedConcurrencyRoutes: RouteDefinition[] = [
	{
		method: 'PUT',
		pattern: path,
		operation: 'PutProvisionedConcurrencyConfig',
		run: (service, parameters, query, body) => provisionedConcurrencyOf(service).put(parameters['FunctionName'] ?? '', qualifier(query), body),
	},
	{
		// GetProvisionedConcurrencyConfig, or ListProvisionedConcurrencyConfigs with List=ALL (same path).
		method: 'GET',
		pattern: path,
		operation: 'GetProvisionedConcurrencyConfig',
		run: (service, parameters, query) =>
			query.get('List') === 'ALL'
				? provisionedConcurrencyOf(service).list(parameters['FunctionName'] ?? '', query)
				: provisionedConcurrencyOf(service).get(parameters['FunctionName'] ?? '', qualifier(query)),
	},
	{
		method: 'DELETE',
		pattern: path,
		operation: 'DeleteProvisionedConcurrencyConfig',
		run: (service, parameters, query) => provisionedConcurrencyOf(service).delete(parameters['FunctionName'] ?? '', qualifier(query)),
	},
];
