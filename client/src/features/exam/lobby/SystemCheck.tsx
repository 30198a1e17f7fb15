import { useEffect, useState } from 'react';
import type { ExamState } from '../exam-state';

type Outcome = 'pass' | 'warn' | 'fail' | 'pending';

interface Check {
  name: string;
  outcome: Outcome;
  detail: string;
}

/** Skew the candidate is told about; smaller differences are normal network noise. */
const SKEW_NOTICE_MS = 2000;

const outcomeWords: Record<Outcome, string> = {
  pass: 'OK',
  warn: 'Note',
  fail: 'Problem',
  pending: 'Checking',
};

/** What the exam relies on in the browser; anything missing is named. */
export function missingBrowserFeatures(): string[] {
  const missing: string[] = [];
  if (typeof WebSocket === 'undefined') missing.push('WebSocket');
  if (typeof indexedDB === 'undefined') missing.push('IndexedDB');
  if (typeof fetch === 'undefined') missing.push('fetch');
  if (typeof Intl === 'undefined' || typeof Intl.DateTimeFormat === 'undefined')
    missing.push('Intl');
  if (typeof structuredClone === 'undefined') missing.push('structuredClone');
  if (typeof CSS === 'undefined' || !CSS.supports('display', 'grid')) missing.push('CSS grid');
  return missing;
}

function useStorageCheck(): Outcome {
  const available = typeof indexedDB !== 'undefined';
  const [outcome, setOutcome] = useState<Outcome>(available ? 'pending' : 'fail');
  useEffect(() => {
    if (!available) return;
    const request = indexedDB.open('exam-system-check');
    request.onsuccess = () => {
      request.result.close();
      setOutcome('pass');
    };
    request.onerror = () => setOutcome('warn');
  }, [available]);
  return outcome;
}

/**
 * The lobby's system check: the exam's websocket, the computer's clock against the server's, the
 * browser's features, and storage for answers typed while offline.
 */
export function SystemCheck({ state }: { state: ExamState }) {
  const storage = useStorageCheck();
  const missing = missingBrowserFeatures();
  const skewSeconds = Math.round(Math.abs(state.skewMs) / 1000);
  const connected = state.connection === 'open' && state.loaded;

  const checks: Check[] = [
    {
      name: 'Connection to the exam server',
      outcome: connected ? 'pass' : state.connection === 'closed' ? 'fail' : 'pending',
      detail: connected
        ? 'Connected. Answers are saved to the server as you go.'
        : 'Not connected yet. Check your network; the page keeps trying.',
    },
    {
      name: "Your computer's clock",
      outcome: !connected ? 'pending' : Math.abs(state.skewMs) < SKEW_NOTICE_MS ? 'pass' : 'warn',
      detail:
        Math.abs(state.skewMs) < SKEW_NOTICE_MS
          ? "Within 2 seconds of the server's clock."
          : `${skewSeconds} seconds off the server's clock. The exam uses the server's time, so your time is not affected.`,
    },
    {
      name: 'Browser',
      outcome: missing.length === 0 ? 'pass' : 'fail',
      detail:
        missing.length === 0
          ? 'This browser has everything the exam needs.'
          : `This browser lacks ${missing.join(', ')}. Use a current Chrome, Edge, Firefox or Safari.`,
    },
    {
      name: 'Storage on this device',
      outcome: storage,
      detail:
        storage === 'pass'
          ? 'Answers typed while offline are kept on this device until the server has them.'
          : storage === 'pending'
            ? 'Checking…'
            : 'This browser will not keep answers while offline (private browsing?). Stay online, or use a normal window.',
    },
  ];
  const attention = checks.filter((c) => c.outcome === 'warn' || c.outcome === 'fail').length;
  const done = checks.every((c) => c.outcome !== 'pending');

  return (
    <section aria-labelledby="system-check-heading" className="system-check">
      <h2 id="system-check-heading">System check</h2>
      <p role="status">
        {!done
          ? 'Checking your system…'
          : attention === 0
            ? 'All checks passed.'
            : `${attention} ${attention === 1 ? 'check needs' : 'checks need'} your attention.`}
      </p>
      <ul className="check-list">
        {checks.map((check) => (
          <li key={check.name} className={`check check-${check.outcome}`}>
            <span className="check-outcome">{outcomeWords[check.outcome]}:</span>{' '}
            <strong>{check.name}</strong> – {check.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}
