// The paths of the layer operations (restJson1, as in the service model):
// PublishLayerVersion, ListLayers, ListLayerVersions, GetLayerVersion,
// GetLayerVersionByArn (GET /layers?find=LayerVersion, so it shares ListLayers'
// path and is told apart by its query) and DeleteLayerVersion.

import {codeRequestBodyMax} from '../../domain/limits.js';
import {parseJsonObject} from './input.js';
import type {RouteDefinition} from './routes.js';

export const layerRoutes: RouteDefinition[] = [
	{
		method: 'POST',
		pattern: ['2018-10-31', 'layers', '{LayerName}', 'versions'],
		operation: 'PublishLayerVersion',
		bodyLimit: codeRequestBodyMax,
		run: (service, parameters, _query, body) => service.layers.publishLayerVersion(parameters['LayerName'] ?? '', parseJsonObject(body)),
	},
	{
		method: 'GET',
		pattern: ['2018-10-31', 'layers'],
		operation: 'ListLayers',
		run: (service, _parameters, query) =>
			query.get('find') === 'LayerVersion' ? service.layers.getLayerVersionByArn(query.get('Arn')) : service.layers.listLayers(query),
	},
	{
		method: 'GET',
		pattern: ['2018-10-31', 'layers', '{LayerName}', 'versions'],
		operation: 'ListLayerVersions',
		run: (service, parameters, query) => service.layers.listLayerVersions(parameters['LayerName'] ?? '', query),
	},
	{
		method: 'GET',
		pattern: ['2018-10-31', 'layers', '{LayerName}', 'versions', '{VersionNumber}'],
		operation: 'GetLayerVersion',
		run: (service, parameters) => service.layers.getLayerVersion(parameters['LayerName'] ?? '', parameters['VersionNumber'] ?? ''),
	},
	{
		method: 'DELETE',
		pattern: ['2018-10-31', 'layers', '{LayerName}', 'versions', '{VersionNumber}'],
		operation: 'DeleteLayerVersion',
		run: (service, parameters) => service.layers.deleteLayerVersion(parameters['LayerName'] ?? '', parameters['VersionNumber'] ?? ''),
	},
];
