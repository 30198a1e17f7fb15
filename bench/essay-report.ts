import { ESSAY_CPU_RATIO_TARGET, ESSAY_RATIO_TARGET, ESSAY_WAL_RATIO_TARGET } from './config.js';
import type { EssayFigures, SystemFigures } from './essay-section.js';
import { sweepRows, type SweepRow } from './essay-sweep.js';
import { kib, mib, ms, table } from './stats.js';

const NAMES = { ours: 'ours', hocuspocus: 'Hocuspocus' } as const;

/** A long Part Two, to project the stored history per candidate-part from a short window. */
const PART_MINUTES = 180;

const pct = (share: number) => `${Math.round(share * 100)}%`;

function problems(figures: SystemFigures): string {
  const { result } = figures;
  const parts = Object.entries(result.codes).map(([code, n]) => `${code} x${n}`);
  if (result.unconfirmed > 0) parts.push(`${result.unconfirmed} keystrokes never confirmed`);
  if (result.closed > 0) parts.push(`${result.closed} sockets closed`);
  const failed = figures.connect.failures.length + figures.store.failures.length;
  if (failed > 0) parts.push(`${failed} editors failed to start`);
  if (figures.warnings.length > 0) parts.push(`${figures.warnings.length} server log lines`);
  return parts.join(', ') || 'none';
}

function rowCells(row: SweepRow): string[] {
  return [
    String(row.editors),
    NAMES[row.system],
    String(row.keystrokes),
    ms(row.p50),
    ms(row.p99),
    `${Math.round(row.cpuPerKeystrokeUs)} us`,
    pct(row.serverCpuShare) + (row.saturated ? ' SATURATED' : ''),
    ms(row.lagP99Ms) + (row.lagged ? ' LAGGED' : ''),
    kib(row.walPerEditorMinute),
    row.rowsPerEditorMinute.toFixed(1),
    mib(row.storedPerEditorMinute * PART_MINUTES),
    `${row.storeSeconds.toFixed(1)} s`,
    problems(row.figures),
  ];
}

const ratio = (ours: number, theirs: number) => {
  const value = ours / theirs;
  return Number.isFinite(value) ? value.toFixed(value < 0.01 ? 4 : 2) : '-';
};

function ratioLine(ours: SweepRow, theirs: SweepRow): string {
  const lagged = ours.lagged || theirs.lagged;
  const p99 = ours.p99 / theirs.p99;
  const cpu = ours.cpuPerKeystrokeUs / theirs.cpuPerKeystrokeUs;
  const wal = ours.walPerEditorMinute / theirs.walPerEditorMinute;
  const verdict = (met: boolean) => (lagged ? 'not counted' : met ? 'met' : 'MISSED');
  const p99Verdict = theirs.saturated ? 'Hocuspocus saturated' : verdict(p99 <= ESSAY_RATIO_TARGET);
  return (
    `  ${ours.editors} editors, ours / Hocuspocus: p99 ${ratio(ours.p99, theirs.p99)} ` +
    `(<= ${ESSAY_RATIO_TARGET}: ${p99Verdict}); CPU per keystroke ${ratio(ours.cpuPerKeystrokeUs, theirs.cpuPerKeystrokeUs)} ` +
    `(<= ${ESSAY_CPU_RATIO_TARGET}: ${verdict(cpu <= ESSAY_CPU_RATIO_TARGET)}); WAL per editor-minute ${ratio(ours.walPerEditorMinute, theirs.walPerEditorMinute)} ` +
    `(<= ${ESSAY_WAL_RATIO_TARGET}: ${verdict(wal <= ESSAY_WAL_RATIO_TARGET)})`
  );
}

/** The essay sweep's table and each step's ratios against Hocuspocus, ready to print. */
export function essayReport(figures: EssayFigures): string {
  const steps = sweepRows(figures);
  const rows = steps.flatMap((s) => [s.ours, s.theirs]).filter((r) => r !== undefined);
  const sweep = table(
    [
      'editors',
      'system',
      'keystrokes',
      'edit>durable p50',
      'p99',
      'CPU/keystroke',
      'server CPU',
      'editors lag p99',
      'WAL/editor-min',
      'rows/editor-min',
      'stored per 3 h',
      'start storm',
      'problems',
    ],
    rows.map(rowCells),
  );
  const ratios = steps.flatMap((s) => (s.ours && s.theirs ? [ratioLine(s.ours, s.theirs)] : []));
  const setup = rows.map(
    (r) =>
      `${r.editors} ${NAMES[r.system]}: connected in ${r.figures.setupSeconds.toFixed(1)} s, ${r.figures.connect.words} words, ${mib(r.figures.store.initialBytes)} sent whole`,
  );
  const details = rows.flatMap((r) =>
    r.figures.walDetail
      ? [`WAL of the window, ${r.editors} editors, ${NAMES[r.system]}:`, r.figures.walDetail, '']
      : [],
  );
  const warnings = rows.flatMap((r) =>
    r.figures.warnings
      .slice(0, 3)
      .map((line) => `  ${r.editors} ${NAMES[r.system]} server: ${line.slice(0, 200)}`),
  );
  return [
    `Essay drafting sweep: ${figures.seconds} s measured per system and step after a 15 s warm-up`,
    sweep,
    '',
    ...ratios,
    '',
    ...details,
    '  edit>durable: keystroke -> the confirmation that a stored state containing it committed,',
    '  as seen by the editor (ours: draft.ack of a revision containing it; Hocuspocus: the',
    "  server's notice after its store's commit). CPU/keystroke: the server process's CPU time in",
    '  the window over the keystrokes typed in it. Server CPU: its share of one core',
    `  (SATURATED from ${pct(0.9)}: a p99 ratio against a saturated Hocuspocus is not counted).`,
    "  Editors lag p99: the load generator's own event-loop delay; above",
    `  ${figures.lagLimitMs} ms the step is LAGGED and its ratios not counted. WAL: bytes of WAL the`,
    '  whole PostgreSQL cluster wrote in the window (pg_current_wal_lsn()), rows: rows inserted,',
    '  updated or deleted in the bench database (pg_stat_user_tables), both per editor-minute.',
    "  Stored per 3 h: the database's growth in the window (tables, indexes, TOAST) per editor,",
    '  projected over a 3-hour part at the same rate (issue 23: at most 20 MB per candidate-part).',
    '  Start storm: every connected editor sends its whole starting essay at the same instant (as',
    '  every client does after a server restart); time until the last one is stored.',
    ...setup.map((line) => `  Set-up (not measured): ${line}.`),
    ...warnings,
  ].join('\n');
}
