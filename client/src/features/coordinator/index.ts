/** The coordinator console's shell: its routes under /coordinator (who may use it: auth's roles). */
export { CoordinatorRoutes } from './CoordinatorRoutes';
