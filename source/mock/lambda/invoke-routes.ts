// Invoke (restJson1: POST /2015-03-31/functions/{FunctionName}/invocations).
import type {RouteDefinition} from './routes.js';

export const invokeRoutes: RouteDefinition[] = [];
