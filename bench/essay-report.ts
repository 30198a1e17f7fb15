import { ESSAY_RATIO_TARGET, ESSAY_TARGET_EDITORS } from './config.js';
import type { EssayFigures, SystemFigures } from './essay-section.js';
import { mib, ms, perSecond, summarize, table } from './stats.js';

const NAMES = { ours: 'ours', hocuspocus: 'Hocuspocus' } as const;

const pct = (share: number) => `${Math.round(share * 100)}%`;

function rate(bytes: number, windowMs: number): string {
  const perSecondBytes = (bytes * 1000) / windowMs;
  return perSecondBytes >= 1024 * 1024
    ? `${(perSecondBytes / 1024 / 1024).toFixed(2)} MiB/s`
    : `${(perSecondBytes / 1024).toFixed(1)} KiB/s`;
}

function problems(figures: SystemFigures): string {
  const { result } = figures;
  const parts = Object.entries(result.codes).map(([code, n]) => `${code} x${n}`);
  if (result.unconfirmed > 0) parts.push(`${result.unconfirmed} keystrokes never confirmed`);
  if (result.closed > 0) parts.push(`${result.closed} sockets closed`);
  if (figures.connect.failures.length > 0)
    parts.push(`${figures.connect.failures.length} editors failed to start`);
  if (figures.warnings.length > 0) parts.push(`${figures.warnings.length} server log lines`);
  return parts.join(', ') || 'none';
}

function ratioLine(
  label: string,
  ours: number,
  theirs: number,
  note: (ratio: number) => string,
): string {
  const ratio = ours / theirs;
  const shown = Number.isFinite(ratio) ? ratio.toFixed(ratio < 0.01 ? 4 : 2) : '-';
  return `${label}, ours / Hocuspocus: ${ms(ours)} / ${ms(theirs)} = ${shown}  (${note(ratio)})`;
}

/** The essay section's tables and the ratio against Hocuspocus, ready to print. */
export function essayReport(figures: EssayFigures): string {
  const { systems } = figures;
  const latency = table(
    [
      'system',
      'editors',
      'keystrokes',
      'edit>durable p50',
      'p99',
      'p99.9',
      'max',
      'send>durable p50',
      'p99',
    ],
    systems.map((s) => {
      const edit = summarize(s.result.editToDurable);
      const send = summarize(s.result.sendToDurable);
      return [
        NAMES[s.system],
        String(s.connect.connected),
        String(s.result.keystrokes),
        ms(edit.p50),
        ms(edit.p99),
        ms(edit.p999),
        ms(edit.max),
        ms(send.p50),
        ms(send.p99),
      ];
    }),
  );
  const traffic = table(
    [
      'system',
      'frames sent',
      'confirmations',
      'editors->server',
      'server->editors',
      'PG rows written',
      'server CPU',
      'load CPU',
      'load lag p99',
      'machine busy',
      'load avg',
      'problems',
    ],
    systems.map((s) => {
      const { result } = s;
      const perWindow = (n: number) => perSecond((n * 1000) / result.windowMs);
      return [
        NAMES[s.system],
        perWindow(result.frames),
        perWindow(result.confirmations),
        rate(result.bytesSent, result.windowMs),
        rate(result.bytesReceived, result.windowMs),
        perSecond(s.rowsPerSecond),
        pct(s.cpu.server),
        pct(s.cpu.load),
        ms(result.loopDelayP99Ms),
        pct(s.machineBusy),
        s.loadAverage.toFixed(2),
        problems(s),
      ];
    }),
  );
  const [ours, theirs] = [systems.find((s) => s.system === 'ours'), systems.at(-1)];
  const p99 = (s: SystemFigures | undefined, pick: 'editToDurable' | 'sendToDurable') =>
    s ? summarize(s.result[pick]).p99 : Number.NaN;
  const scale =
    figures.editors === ESSAY_TARGET_EDITORS
      ? ''
      : `; this run had ${figures.editors} editors, the target is set at ${ESSAY_TARGET_EDITORS}`;
  const edit = ratioLine(
    'p99 edit-to-durable',
    p99(ours, 'editToDurable'),
    p99(theirs, 'editToDurable'),
    (ratio) =>
      `target <= ${ESSAY_RATIO_TARGET.toFixed(2)}: ${ratio <= ESSAY_RATIO_TARGET ? 'met' : 'MISSED'}${scale}`,
  );
  const send = ratioLine(
    'p99 send-to-durable',
    p99(ours, 'sendToDurable'),
    p99(theirs, 'sendToDurable'),
    () => 'not the target: Hocuspocus sends at the keystroke, our client every 200 ms at most',
  );
  const setup = systems
    .map(
      (s) =>
        `${NAMES[s.system]} connected in ${s.setupSeconds.toFixed(1)} s, ${s.store.stored} whole essays stored in ${(s.store.ms / 1000).toFixed(1)} s (${s.connect.words} words, ${mib(s.store.initialBytes)} sent)`,
    )
    .join('; ');
  const warnings = systems.flatMap((s) =>
    s.warnings.slice(0, 3).map((line) => `  ${NAMES[s.system]} server: ${line.slice(0, 200)}`),
  );
  return [
    `Essay drafting: ${figures.editors} editors per system, ${figures.seconds} s measured after a 15 s warm-up`,
    latency,
    '',
    traffic,
    '',
    edit,
    send,
    '',
    '  edit>durable: keystroke -> the confirmation that a stored state containing it committed,',
    '  as seen by the editor (ours: draft.ack of a revision containing it; Hocuspocus: the',
    "  server's notice after its store's commit). send>durable: from when the frame that first",
    '  carried the keystroke left the editor (ours: its draft.patch; Hocuspocus: the update, sent',
    '  at the keystroke, so the same as edit>durable). Frames sent: draft.patch and draft.save /',
    '  Yjs updates;',
    '  confirmations: draft.ack / stored-state notices received. Bytes: TCP payload on the',
    "  editors' sockets (websocket frames with headers), per second of the window. PG rows: rows",
    "  inserted/updated/deleted per second in the bench database, from PostgreSQL's statistics.",
    '  CPU: share of one core (server process; this process, which simulates the editors);',
    '  machine busy: share of all cores busy in the window, by anyone, PostgreSQL included; load',
    '  avg: the one-minute load average as the window ended.',
    `  Set-up (not measured): ${setup}.`,
    ...warnings,
  ].join('\n');
}
