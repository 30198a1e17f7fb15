import { createAnalysisModule } from '../modules/analysis/index.js';
import { appSigningKey, createAuditModule } from '../modules/audit/index.js';
import { createProgrammeSettings } from '../modules/auth/index.js';
import { createAppealNotifier, createAppealsModule } from '../modules/appeals/index.js';
import { createDeliveryAnalysis, createDeliveryResults } from '../modules/delivery/index.js';
import {
  createGradingModule,
  createGradingProgrammeAccess,
  createGradingResults,
} from '../modules/grading/index.js';
import { createPrivacyModule } from '../modules/privacy/index.js';
import { createProgrammeModule } from '../modules/programme/index.js';
import { createResultsModule, createResultsProgrammeAccess } from '../modules/results/index.js';
import { createScoringCorrectionsModule } from '../modules/scoring-corrections/index.js';
import { createSittingsProgrammeAccess } from '../modules/sittings/index.js';
import { createStandardSettingModule } from '../modules/standard-setting/index.js';
import type { SigningKey } from '../lib/ed25519.js';
import type { CompositionBase, SittingModules } from './sitting-modules.js';

/**
 * The modules after the sitting, built on the sitting's: grading, results, item analysis,
 * standard setting, key corrections, appeals, the programme's views, privacy, and the audit
 * module (last, so its checkpoint at shutdown covers what the others wrote).
 */
export function composeProgrammeModules(
  base: CompositionBase & { auditKey?: SigningKey | undefined },
  sitting: SittingModules,
) {
  const { config, database, clock, audit, leadership, log, logWarn, auditKey } = base;
  const { db } = database;
  const { users, outbox, bank, vignettes, delivery, sittingResults, auth } = sitting;
  // Read sides the modules after the sitting share (results, analysis, standard setting and
  // key corrections read grading's and delivery's tables through them), built once.
  const gradingResults = createGradingResults({ db });
  const deliveryAnalysis = createDeliveryAnalysis({ db, forms: bank.bank });
  const deliveryResults = createDeliveryResults({ db, vignettes: vignettes.vignettes });
  const grading = createGradingModule({
    db,
    clock,
    audit,
    users,
    programme: createProgrammeSettings({ db, audit }),
    delivery: deliveryResults,
    sittings: sittingResults,
    changes: delivery.delivery.changes,
    sweepIntervalMs: config.GRADING_SWEEP_INTERVAL_MS,
    leadership,
    log,
  });
  const results = createResultsModule({
    db,
    clock,
    publicOrigin: config.publicOrigin,
    audit,
    users,
    delivery: deliveryResults,
    sittings: sittingResults,
    grading: gradingResults,
    outbox,
  });
  const analysis = createAnalysisModule({
    db,
    database,
    clock,
    audit,
    bank: bank.bank,
    sittings: sittingResults,
    delivery: deliveryAnalysis,
    changes: delivery.delivery.changes,
    log,
  });
  const standardSetting = createStandardSettingModule({
    db,
    clock,
    audit,
    users,
    forms: bank.bank,
    sittings: sittingResults,
    delivery: deliveryAnalysis,
  });
  const scoringCorrections = createScoringCorrectionsModule({
    db,
    clock,
    audit,
    forms: bank.bank,
    sittings: sittingResults,
  });
  const appeals = createAppealsModule({
    db,
    clock,
    audit,
    users,
    forms: bank.bank,
    sittings: sittingResults,
    grading: grading.appeals,
    annotations: grading.annotations,
    results: results.appeals,
    notify: createAppealNotifier({
      db,
      users,
      outbox,
      publicOrigin: config.publicOrigin,
    }).notify,
  });
  // The programme's views read sittings, results and grading through their own adapters.
  const programme = createProgrammeModule({
    db,
    clock,
    audit,
    associations: auth.associations,
    sittings: createSittingsProgrammeAccess({ db }),
    results: createResultsProgrammeAccess({ db }),
    grading: createGradingProgrammeAccess({ db }),
    appeals: appeals.views,
  });
  // A person's own data and the retention purge; it reads the others' privacy read sides.
  const privacy = createPrivacyModule({
    db,
    clock,
    audit,
    leadership,
    purgeIntervalMs: config.RETENTION_PURGE_INTERVAL_MS,
    log: logWarn,
  });
  const auditModule = createAuditModule({
    db,
    clock,
    audit,
    users,
    key: appSigningKey(config, auditKey),
    checkpointEveryEntries: config.AUDIT_CHECKPOINT_ENTRIES,
    checkpointEveryMinutes: config.AUDIT_CHECKPOINT_MINUTES,
    leadership,
    log,
  });

  return {
    grading,
    results,
    analysis,
    standardSetting,
    scoringCorrections,
    appeals,
    programme,
    privacy,
    auditModule,
  };
}
