import type { AppModule } from '../module.js';
import { deliverySocketRoutes } from './delivery.ws.js';

/**
 * The candidate's exam socket (`/ws/exam`). A module apart from delivery's because it consults
 * proctoring's resume codes, and proctoring is built on delivery: built after both, it takes
 * each as a finished dependency.
 */
export function createExamSocketModule(
  deps: Parameters<typeof deliverySocketRoutes>[0],
): AppModule {
  return { routes: deliverySocketRoutes(deps) };
}
