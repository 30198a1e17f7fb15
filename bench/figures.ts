import type { BaselineResult } from './baseline.js';
import { ESSAY_RATIO_TARGET, P99_TARGET_MS, RATIO_TARGET } from './config.js';
import type { ClientFigures } from './client-section.js';
import type { EssayFigures } from './essay-section.js';
import { ANALYSIS_TARGET_MS } from './item-analysis.js';
import type { LoadResult } from './load-protocol.js';
import type { PgbenchResult } from './pgbench.js';
import type { PacedRow, SaturationRow } from './report.js';
import type { Figure } from './results.js';
import {
  SIGNIN_P99_TARGET_MS,
  SITTING_ACK_P99_TARGET_MS,
  type SignInFigures,
} from './signin-section.js';
import { ms, summarize } from './stats.js';

/** Issue 23, item 1: every start p99 within a second. */
export const START_P99_TARGET_MS = 1000;

const count = (n: number) => n.toLocaleString('en-US');
const perSecond = (n: number) => `${count(Math.round(n))}/s`;
const acksPerSecond = (load: LoadResult) => (load.ackedInWindow * 1000) / load.windowMs;
const best = (values: number[]) => Math.max(0, ...values);

/** Part One: ack p99 per size, the start of the sitting, and the ceiling against both baselines. */
export function answerFigures(input: {
  paced: PacedRow[];
  saturation: SaturationRow[];
  baseline: BaselineResult[];
  pgbench: PgbenchResult[];
}): Figure[] {
  const figures: Figure[] = [];
  for (const row of input.paced) {
    const ack = summarize(row.load.latencies);
    figures.push({
      measure: `Part One ack p99, ${count(row.candidates)} candidates`,
      value: ack.p99,
      display: `${ms(ack.p99)} (p50 ${ms(ack.p50)})`,
      target: `≤ ${P99_TARGET_MS} ms`,
      met: ack.p99 <= P99_TARGET_MS,
    });
  }
  const last = input.paced.at(-1);
  if (last) {
    figures.push({
      measure: `Start spike, ${count(last.candidates)} candidates started`,
      value: input.paced.reduce((sum, row) => sum + row.startWallMs, 0) / 1000,
      display: `${(input.paced.reduce((sum, row) => sum + row.startWallMs, 0) / 1000).toFixed(1)} s (p99 ${ms(last.start.p99)} each)`,
      target: `p99 ≤ ${START_P99_TARGET_MS} ms`,
      met: last.start.p99 <= START_P99_TARGET_MS,
    });
  }
  const acks = best(input.saturation.map((row) => acksPerSecond(row.load)));
  const raw = best(input.baseline.map((row) => row.commitsPerSecond));
  const pgbench = best(input.pgbench.map((row) => row.commitsPerSecond));
  if (raw > 0) {
    figures.push({
      measure: 'Part One saturation / plain-pg single-row commits',
      value: acks / raw,
      display: `${(acks / raw).toFixed(2)} (${perSecond(acks)} vs ${perSecond(raw)})`,
      target: `≥ ${RATIO_TARGET}`,
      met: acks / raw >= RATIO_TARGET,
    });
  }
  if (pgbench > 0) {
    figures.push({
      measure: 'Part One saturation / pgbench single-row commits',
      value: acks / pgbench,
      display: `${(acks / pgbench).toFixed(2)} (${perSecond(acks)} vs ${perSecond(pgbench)})`,
      target: `≥ ${RATIO_TARGET}`,
      met: acks / pgbench >= RATIO_TARGET,
    });
  }
  return figures;
}

export function essayFigures(figures: EssayFigures): Figure[] {
  const p99 = (system: string) => {
    const found = figures.systems.find((s) => s.system === system);
    return found ? summarize(found.result.editToDurable).p99 : Number.NaN;
  };
  const ours = p99('ours');
  const theirs = p99('hocuspocus');
  const editors = count(figures.editors);
  return [
    { measure: `Essay edit→durable p99, ${editors} editors, ours`, value: ours, display: ms(ours) },
    {
      measure: `Essay edit→durable p99, ${editors} editors, Hocuspocus`,
      value: theirs,
      display: ms(theirs),
    },
    {
      measure: 'Essay p99 ratio ours / Hocuspocus',
      value: ours / theirs,
      display: (ours / theirs).toFixed(2),
      target: `≤ ${ESSAY_RATIO_TARGET}`,
      met: ours / theirs <= ESSAY_RATIO_TARGET,
    },
  ];
}

export function signInFigures(f: SignInFigures): Figure[] {
  return [
    {
      measure: `Sign-in p99, ${count(f.signIns)} over ${f.seconds} s`,
      value: f.signIn.p99,
      display: `${ms(f.signIn.p99)} (${f.failed} failed)`,
      target: `≤ ${SIGNIN_P99_TARGET_MS} ms`,
      met: f.signIn.p99 <= SIGNIN_P99_TARGET_MS && f.failed === 0,
    },
    {
      measure: `Sitting ack p99 during the sign-ins, ${count(f.sitting)} candidates`,
      value: f.ack.p99,
      display: ms(f.ack.p99),
      target: `≤ ${SITTING_ACK_P99_TARGET_MS} ms`,
      met: f.ack.p99 <= SITTING_ACK_P99_TARGET_MS,
    },
  ];
}

export function clientFigures(f: ClientFigures): Figure[] {
  const figures: Figure[] = f.bundles.map((bundle) => ({
    measure: `JavaScript for ${bundle.route}`,
    value: bundle.gzip,
    display: `${(bundle.gzip / 1000).toFixed(1)} kB gzip`,
  }));
  figures.push({
    measure: 'Client budgets (first page ≤ 150 kB, Part Two ≤ 120 kB, chunks ≤ 250 kB gzip)',
    value: f.problems.length,
    display: f.problems.length === 0 ? 'all within' : f.problems.join('; '),
    target: 'within',
    met: f.problems.length === 0,
  });
  figures.push({
    measure: 'First question on screen, 1.6 Mbps / 150 ms RTT, cold',
    value: f.firstQuestion.p50,
    display: `${ms(f.firstQuestion.p50)} (max ${ms(f.firstQuestion.max)})`,
  });
  return figures;
}

export function analysisFigures(medianMs: number): Figure[] {
  return [
    {
      measure: 'Item analysis, 5,000 × 60, median of 5',
      value: medianMs,
      display: ms(medianMs),
      target: `< ${ANALYSIS_TARGET_MS / 1000} s`,
      met: medianMs < ANALYSIS_TARGET_MS,
    },
  ];
}
