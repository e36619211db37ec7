// Lambda layers: PublishLayerVersion, ListLayers, ListLayerVersions, GetLayerVersion, GetLayerVersionByArn, DeleteLayerVersion.
import type {RouteDefinition} from './routes.js';

export const layerRoutes: RouteDefinition[] = [];
