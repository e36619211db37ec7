// Provisioned concurrency: Put/Get/Delete/ListProvisionedConcurrencyConfig(s).
import type {RouteDefinition} from './routes.js';

export const provisionedConcurrencyRoutes: RouteDefinition[] = [];
