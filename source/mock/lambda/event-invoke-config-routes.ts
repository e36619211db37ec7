// Asynchronous invocation configuration: Put/Get/Update/Delete/ListFunctionEventInvokeConfig(s).
import type {RouteDefinition} from './routes.js';

export const eventInvokeConfigRoutes: RouteDefinition[] = [];
