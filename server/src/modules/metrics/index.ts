export { createMetricsModule, metricsAccess, type MetricsSettings } from './metrics.module.js';
export { bearerMatches } from './metrics.routes.js';
