// Code signing (restJson1, as in the service model): the CodeSigningConfig
// operations under /2020-04-22/code-signing-configs (Create, List, Get,
// Update, Delete, and ListFunctionsByCodeSigningConfig under .../functions)
// and a function's configuration at
// /2020-06-30/functions/{FunctionName}/code-signing-config (Put, Get,
// Delete). The operations are in code-signing.ts.
import {
	createCodeSigningConfig,
	deleteCodeSigningConfig,
	deleteFunctionCodeSigningConfig,
	getCodeSigningConfig,
	getFunctionCodeSigningConfig,
	listCodeSigningConfigs,
	listFunctionsByCodeSigningConfig,
	putFunctionCodeSigningConfig,
	updateCodeSigningConfig,
} from './code-signing.js';
import {parseJsonObject} from './input.js';
import type {RouteDefinition} from './routes.js';

const configs = ['2020-04-22', 'code-signing-configs'];
const config = [...configs, '{CodeSigningConfigArn}'];
const functionConfig = ['2020-06-30', 'functions', '{FunctionName}', 'code-signing-config'];

export const codeSigningRoutes: RouteDefinition[] = [
	{
		method: 'POST',
		pattern: configs,
		operation: 'CreateCodeSigningConfig',
		run: (service, _parameters, _query, body) => createCodeSigningConfig(service, parseJsonObject(body)),
	},
	{
		method: 'GET',
		pattern: configs,
		operation: 'ListCodeSigningConfigs',
		run: (service, _parameters, query) => listCodeSigningConfigs(service, query),
	},
	{
		method: 'GET',
		pattern: config,
		operation: 'GetCodeSigningConfig',
		run: (service, parameters) => getCodeSigningConfig(service, parameters['CodeSigningConfigArn'] ?? ''),
	},
	{
		method: 'PUT',
		pattern: config,
		operation: 'UpdateCodeSigningConfig',
		run: (service, parameters, _query, body) => updateCodeSigningConfig(service, parameters['CodeSigningConfigArn'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'DELETE',
		pattern: config,
		operation: 'DeleteCodeSigningConfig',
		run: (service, parameters) => deleteCodeSigningConfig(service, parameters['CodeSigningConfigArn'] ?? ''),
	},
	{
		method: 'GET',
		pattern: [...config, 'functions'],
		operation: 'ListFunctionsByCodeSigningConfig',
		run: (service, parameters, query) => listFunctionsByCodeSigningConfig(service, parameters['CodeSigningConfigArn'] ?? '', query),
	},
	{
		method: 'PUT',
		pattern: functionConfig,
		operation: 'PutFunctionCodeSigningConfig',
		run: (service, parameters, _query, body) => putFunctionCodeSigningConfig(service, parameters['FunctionName'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'GET',
		pattern: functionConfig,
		operation: 'GetFunctionCodeSigningConfig',
		run: (service, parameters) => getFunctionCodeSigningConfig(service, parameters['FunctionName'] ?? ''),
	},
	{
		method: 'DELETE',
		pattern: functionConfig,
		operation: 'DeleteFunctionCodeSigningConfig',
		run: (service, parameters) => deleteFunctionCodeSigningConfig(service, parameters['FunctionName'] ?? ''),
	},
];
