export { createHealthModule } from './health.module.js';
