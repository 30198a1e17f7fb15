import type { EssayFigures, EssayStep, SystemFigures } from './essay-section.js';
import { summarize } from './stats.js';

/** A Hocuspocus server using this share of a core or more is saturated: its p99 is a queue. */
export const SATURATED_CPU = 0.9;

/** One system at one step of the essay sweep, reduced to the figures the issue sets targets on. */
export interface SweepRow {
  editors: number;
  system: SystemFigures['system'];
  keystrokes: number;
  p50: number;
  p99: number;
  /** Microseconds of the server process's CPU per keystroke typed in the window. */
  cpuPerKeystrokeUs: number;
  /** The editors' own event-loop p99 in the window. */
  lagP99Ms: number;
  /** Above the lag limit: the figures measure the load generator, and are not counted. */
  lagged: boolean;
  /** The server used a core or nearly (SATURATED_CPU). */
  saturated: boolean;
  walPerEditorMinute: number;
  rowsPerEditorMinute: number;
  /** Growth of the database per editor-minute: the draft history a candidate-part accrues. */
  storedPerEditorMinute: number;
  /** Every editor's whole starting essay sent at once, until the last was stored. */
  storeSeconds: number;
  serverCpuShare: number;
  figures: SystemFigures;
}

export function sweepRow(step: EssayStep, figures: SystemFigures, lagLimitMs: number): SweepRow {
  const { result } = figures;
  const latency = summarize(result.editToDurable);
  const editorMinutes = (figures.store.stored * result.windowMs) / 60_000;
  return {
    editors: step.editors,
    system: figures.system,
    keystrokes: result.keystrokes,
    p50: latency.p50,
    p99: latency.p99,
    cpuPerKeystrokeUs: (figures.serverCpuSeconds * 1e6) / Math.max(1, result.keystrokes),
    lagP99Ms: result.loopDelayP99Ms,
    lagged: result.loopDelayP99Ms > lagLimitMs,
    saturated: figures.cpu.server >= SATURATED_CPU,
    walPerEditorMinute: figures.walBytes / Math.max(1e-9, editorMinutes),
    rowsPerEditorMinute: figures.rows / Math.max(1e-9, editorMinutes),
    storedPerEditorMinute: figures.storedBytes / Math.max(1e-9, editorMinutes),
    storeSeconds: figures.store.ms / 1000,
    serverCpuShare: figures.cpu.server,
    figures,
  };
}

/** Each step's rows: ours first, then Hocuspocus. */
export function sweepRows(figures: EssayFigures): { ours?: SweepRow; theirs?: SweepRow }[] {
  return figures.steps.map((step) => {
    const rows = step.systems.map((s) => sweepRow(step, s, figures.lagLimitMs));
    return {
      ours: rows.find((r) => r.system === 'ours'),
      theirs: rows.find((r) => r.system === 'hocuspocus'),
    };
  });
}
