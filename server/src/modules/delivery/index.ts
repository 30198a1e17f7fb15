export { createDeliveryModule } from './delivery.module.js';
export type { DeliveryModule } from './delivery.module.js';
export { createExamSocketModule } from './exam-socket.module.js';
export { createDeliveryService } from './delivery.service.js';
export type { AfterCommit, DeliveryService, AttemptChange } from './delivery.service.js';
export type { FormItemSource, DeliverableItem } from './attempt-context.js';
export { createSweeper } from './sweeper.js';
export type { Sweeper } from './sweeper.js';
export { itemOptionOrder, optionOrder, SHUFFLE_ALL } from './option-order.js';
export type { OptionLayout } from './option-order.js';
export { sessionKeyOf } from './monitoring.js';
export type { AttemptActivity, AttemptMonitor, ConnectionEvent } from './monitoring.js';
export type { AttemptContext } from './attempt-context.js';
export { lateChangeSummary } from './late-change-summary.js';
export { createDeliveryResults, selectGradable } from './delivery.results.js';
export type { AttemptForResults, DeliveryResults, GradableAttempt } from './delivery.results.js';
export type { PartOneResult } from './scoring.js';
export { createAttemptStatusReader } from './attempt-status.js';
export { createAccommodationLedger } from './accommodation-ledger.js';
export { createDeliveryAnalysis } from './delivery.analysis.js';
export type { AnalysedScope, DeliveryAnalysis, PartOneChoices } from './delivery.analysis.js';
export {
  correctedItems,
  rescoreClosedPartOne,
  scaledCut,
  scoreCorrected,
} from './part-one-rescore.js';
export type { ItemCorrection } from './part-one-rescore.js';
export {
  attemptsOfForm,
  findScoringCorrection,
  listScoringCorrections,
  lockSittingCorrections,
  openPartOnes,
  upsertScoringCorrection,
} from './scoring-corrections.repo.js';
export type { StoredCorrection } from './scoring-corrections.repo.js';
export { attemptDataOf, purgeResponses, responseCountsOf } from './delivery.privacy.js';
export type { AttemptData, ResponseCounts } from './delivery.privacy.js';
export { contentOfAttempts, formOfAttempt } from './attempt-form.js';
