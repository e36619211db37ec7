// Function URLs (restJson1, as in the service model):
// POST/GET/PUT/DELETE /2021-10-31/functions/{FunctionName}/url (Create, Get,
// Update, Delete FunctionUrlConfig; ?Qualifier=) and GET .../urls
// (ListFunctionUrlConfigs; ?Marker=&MaxItems=). The operations are in
// function-urls.ts; the URLs themselves are served by function-url-http.ts.
// Also InvokeWithResponseStream (POST /2021-11-15/functions/{FunctionName}/
// response-streaming-invocations), in response-stream-invoke.ts.
import {invokePayloadSyncMax} from '../../domain/limits.js';
import {createFunctionUrl, deleteFunctionUrl, getFunctionUrl, listFunctionUrls, updateFunctionUrl} from './function-urls.js';
import {invokeWithResponseStream} from './response-stream-invoke.js';
import type {RouteDefinition} from './routes.js';

const path = ['2021-10-31', 'functions', '{FunctionName}', 'url'];
const qualifier = (query: URLSearchParams): string | undefined => query.get('Qualifier') ?? undefined;

export const functionUrlRoutes: RouteDefinition[] = [
	{
		method: 'POST',
		pattern: path,
		operation: 'CreateFunctionUrlConfig',
		run: (service, parameters, query, body, headers) => createFunctionUrl(service, parameters['FunctionName'] ?? '', qualifier(query), body, headers),
	},
	{
		method: 'GET',
		pattern: path,
		operation: 'GetFunctionUrlConfig',
		run: (service, parameters, query, _body, headers) => getFunctionUrl(service, parameters['FunctionName'] ?? '', qualifier(query), headers),
	},
	{
		method: 'PUT',
		pattern: path,
		operation: 'UpdateFunctionUrlConfig',
		run: (service, parameters, query, body, headers) => updateFunctionUrl(service, parameters['FunctionName'] ?? '', qualifier(query), body, headers),
	},
	{
		method: 'DELETE',
		pattern: path,
		operation: 'DeleteFunctionUrlConfig',
		run: (service, parameters, query) => deleteFunctionUrl(service, parameters['FunctionName'] ?? '', qualifier(query)),
	},
	{
		method: 'GET',
		pattern: ['2021-10-31', 'functions', '{FunctionName}', 'urls'],
		operation: 'ListFunctionUrlConfigs',
		run: (service, parameters, query, _body, headers) => listFunctionUrls(service, parameters['FunctionName'] ?? '', query, headers),
	},
	{
		method: 'POST',
		pattern: ['2021-11-15', 'functions', '{FunctionName}', 'response-streaming-invocations'],
		operation: 'InvokeWithResponseStream',
		bodyLimit: invokePayloadSyncMax,
		run: (service, parameters, query, body, headers) => invokeWithResponseStream(service, parameters['FunctionName'] ?? '', qualifier(query), body, headers),
	},
];
