// Event source mappings (restJson1, as in the service model):
// POST /2015-03-31/event-source-mappings (Create, 202), GET the same path
// (List; ?FunctionName=&EventSourceArn=&Marker=&MaxItems=), and
// GET/PUT/DELETE /2015-03-31/event-source-mappings/{UUID} (Get, Update 202,
// Delete 202). The operations are in event-source-mappings.ts.
import {
	createEventSourceMapping,
	deleteEventSourceMapping,
	getEventSourceMapping,
	listEventSourceMappings,
	updateEventSourceMapping,
} from './event-source-mappings.js';
import type {RouteDefinition} from './routes.js';

const path = ['2015-03-31', 'event-source-mappings'];

export const eventSourceMappingRoutes: RouteDefinition[] = [
	{
		method: 'POST',
		pattern: path,
		operation: 'CreateEventSourceMapping',
		run: (service, _parameters, _query, body) => createEventSourceMapping(service, body),
	},
	{
		method: 'GET',
		pattern: path,
		operation: 'ListEventSourceMappings',
		run: (service, _parameters, query) => listEventSourceMappings(service, query),
	},
	{
		method: 'GET',
		pattern: [...path, '{UUID}'],
		operation: 'GetEventSourceMapping',
		run: (service, parameters) => getEventSourceMapping(service, parameters['UUID'] ?? ''),
	},
	{
		method: 'PUT',
		pattern: [...path, '{UUID}'],
		operation: 'UpdateEventSourceMapping',
		run: (service, parameters, _query, body) => updateEventSourceMapping(service, parameters['UUID'] ?? '', body),
	},
	{
		method: 'DELETE',
		pattern: [...path, '{UUID}'],
		operation: 'DeleteEventSourceMapping',
		run: (service, parameters) => deleteEventSourceMapping(service, parameters['UUID'] ?? ''),
	},
];
