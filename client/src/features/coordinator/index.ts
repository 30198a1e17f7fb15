/** The coordinator console's shell: its routes under /coordinator and who may use them. */
export { CoordinatorRoutes, coordinatorRoles } from './CoordinatorRoutes';
