/**
 * The fault harness: the real server as a child process on its own PostgreSQL database (on a
 * private cluster when the test crashes PostgreSQL), simulated candidates over real websockets,
 * and checks of every acknowledged answer and draft, and of outage credits, in the database.
 */
export { CandidateFleet, type FleetMember, type FleetOptions } from './candidate-fleet.js';
export {
  createFaultDatabase,
  requireTestDatabaseUrl,
  seedOpenSitting,
  type FaultDatabase,
  type SeededCandidate,
} from './fault-database.js';
export {
  describeRound,
  lossIn,
  RESUME_LIMIT_MS,
  runFaultRound,
  verifyEverything,
  type FaultEnvironment,
  type FaultKind,
  type RoundReport,
} from './fault-rounds.js';
export {
  checkOutageCredit,
  creditsSince,
  runningDeadlines,
  type OutageCreditCheck,
} from './outage-credit.js';
export { HARNESS_APPLICATION_NAME, postgresBinDir, PrivateCluster } from './private-cluster.js';
export { freePort, ServerProcess, type ServerProcessOptions } from './server-process.js';
export { TcpBalancer } from './tcp-balancer.js';
export { SimCandidate, type SaveContent, type SimCandidateOptions } from './sim-candidate.js';
export { verifyAcknowledgedDrafts, type DraftCheck } from './verify-drafts.js';
export { verifyAcknowledgedSaves, type SaveCheck } from './verify-saves.js';
export { runNegativeControl, type ControlReport } from './negative-control.js';
