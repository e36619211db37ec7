// A function's resource-based policy (restJson1, as in the service model):
// POST /2015-03-31/functions/{FunctionName}/policy (AddPermission; ?Qualifier=),
// GET .../policy (GetPolicy; ?Qualifier=) and
// DELETE .../policy/{StatementId} (RemovePermission; ?Qualifier=&RevisionId=).
// The operations are in resource-policies.ts.
import {addPermission, getPolicy, removePermission} from './resource-policies.js';
import type {RouteDefinition} from './routes.js';

const path = ['2015-03-31', 'functions', '{FunctionName}', 'policy'];
const qualifier = (query: URLSearchParams): string | undefined => query.get('Qualifier') ?? undefined;

export const policyRoutes: RouteDefinition[] = [
	{
		method: 'POST',
		pattern: path,
		operation: 'AddPermission',
		run: (service, parameters, query, body) => addPermission(service, parameters['FunctionName'] ?? '', qualifier(query), body),
	},
	{
		method: 'GET',
		pattern: path,
		operation: 'GetPolicy',
		run: (service, parameters, query) => getPolicy(service, parameters['FunctionName'] ?? '', qualifier(query)),
	},
	{
		method: 'DELETE',
		pattern: [...path, '{StatementId}'],
		operation: 'RemovePermission',
		run: (service, parameters, query) =>
			removePermission(service, parameters['FunctionName'] ?? '', parameters['StatementId'] ?? '', qualifier(query), query.get('RevisionId') ?? undefined),
	},
];
