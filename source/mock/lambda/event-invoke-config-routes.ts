// Asynchronous invocation configuration (restJson1, as in the service model):
// PUT/POST/GET/DELETE /2019-09-25/functions/{FunctionName}/event-invoke-config
// (Put, Update, Get, Delete; ?Qualifier=) and GET .../event-invoke-config/list
// (ListFunctionEventInvokeConfigs; ?Marker=&MaxItems=). The operations are in
// event-invoke-configs.ts.
import {
	deleteEventInvokeConfig,
	getEventInvokeConfig,
	listEventInvokeConfigs,
	putEventInvokeConfig,
	updateEventInvokeConfig,
} from './event-invoke-configs.js';
import type {RouteDefinition} from './routes.js';

const path = ['2019-09-25', 'functions', '{FunctionName}', 'event-invoke-config'];
const qualifier = (query: URLSearchParams): string | undefined => query.get('Qualifier') ?? undefined;

export const eventInvokeConfigRoutes: RouteDefinition[] = [
	{
		method: 'PUT',
		pattern: path,
		operation: 'PutFunctionEventInvokeConfig',
		run: (service, parameters, query, body) => putEventInvokeConfig(service, parameters['FunctionName'] ?? '', qualifier(query), body),
	},
	{
		method: 'POST',
		pattern: path,
		operation: 'UpdateFunctionEventInvokeConfig',
		run: (service, parameters, query, body) => updateEventInvokeConfig(service, parameters['FunctionName'] ?? '', qualifier(query), body),
	},
	{
		method: 'GET',
		pattern: path,
		operation: 'GetFunctionEventInvokeConfig',
		run: (service, parameters, query) => getEventInvokeConfig(service, parameters['FunctionName'] ?? '', qualifier(query)),
	},
	{
		method: 'DELETE',
		pattern: path,
		operation: 'DeleteFunctionEventInvokeConfig',
		run: (service, parameters, query) => deleteEventInvokeConfig(service, parameters['FunctionName'] ?? '', qualifier(query)),
	},
	{
		method: 'GET',
		pattern: [...path, 'list'],
		operation: 'ListFunctionEventInvokeConfigs',
		run: (service, parameters, query) => listEventInvokeConfigs(service, parameters['FunctionName'] ?? '', query),
	},
];
