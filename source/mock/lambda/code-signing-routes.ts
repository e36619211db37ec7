// Code signing: the CodeSigningConfig operations and a function's code signing configuration.
import type {RouteDefinition} from './routes.js';

export const codeSigningRoutes: RouteDefinition[] = [];
