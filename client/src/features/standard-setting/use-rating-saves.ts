import { useEffect, useRef, useState } from 'react';
import type { PanelView } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { saveRating } from './standard-setting.api';
import { forgetUnsaved, keepUnsaved, readUnsaved } from './unsaved-ratings';

/** Percent as typed, per item, until the server has it. */
type Drafts = Record<number, string>;

const outOfRange = (text: string) => {
  const value = Number(text);
  return !Number.isFinite(value) || value < 0 || value > 100;
};

/**
 * A panelist's ratings, each sent through the save route as they leave its field, so leaving
 * the page (a link, the back button) loses nothing; a warning on closing the tab covers the one
 * still being typed or on its way. Saves run one at a time, so two saves of one item reach the
 * server in the order they were made; each reads the draft when it runs, so a blur followed by
 * Save ratings sends it once. A failed save keeps the draft on the page to send again.
 */
export function useRatingSaves(view: PanelView, round: 1 | 2 | null) {
  // The page keys its ratings by study (RatePage), so `view` and `round` hold for this hook's life.
  // A save that failed after the panelist left comes back as a draft, with what went wrong.
  const [restored] = useState(() => {
    if (round === null) return {};
    const kept = readUnsaved(view.id, round);
    for (const [position, { text }] of Object.entries(kept)) {
      // Stored after all (another tab, or an answer lost on the way back): nothing to restore.
      const rating = view.items.find((i) => i.position === Number(position))?.ratings[round];
      if (rating === Number(text) / 100 || rating === undefined) {
        forgetUnsaved(view.id, round, Number(position));
        delete kept[Number(position)];
      }
    }
    return kept;
  });
  const [drafts, setDraftState] = useState<Drafts>(() =>
    Object.fromEntries(Object.entries(restored).map(([position, r]) => [position, r.text])),
  );
  // Ratings stored since the page loaded, over the view's, so the page need not fetch again.
  const [stored, setStoredState] = useState<Record<number, number>>({});
  const [status, setStatus] = useState<string | null>(null);
  // `restored`: the message about saves that failed after the panelist left, until all are saved.
  type RatingError = { position: number | null; message: string; restored?: boolean };
  const [error, setError] = useState<RatingError | null>(() => {
    const positions = Object.keys(restored).map(Number);
    if (positions.length === 0) return null;
    const messages = positions.map((p) => `Item ${p}: ${restored[p]!.message}`).join(' ');
    return {
      position: null,
      message: `Not saved when you left the page: ${messages} Each rating is back in its field; it is sent again when you leave its field or press Save ratings.`,
      restored: true,
    };
  });
  const [sending, setSending] = useState(0);
  // What the saves read when they run; a save may run after renders it did not see.
  const latest = useRef({ drafts, stored });
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const setDrafts = (update: (d: Drafts) => Drafts) => {
    latest.current.drafts = update(latest.current.drafts);
    setDraftState(latest.current.drafts);
  };
  const ratingIn = (saved: Record<number, number>, position: number): number | null =>
    round === null
      ? null
      : (saved[position] ??
        view.items.find((i) => i.position === position)?.ratings[round] ??
        null);
  const unsavedIn = (saved: Record<number, number>, position: number, text?: string) =>
    text !== undefined && text.trim() !== '' && Number(text) / 100 !== ratingIn(saved, position);
  const unsavedText = (position: number, text?: string) =>
    unsavedIn(latest.current.stored, position, text);

  async function send(position: number): Promise<boolean> {
    const text = latest.current.drafts[position];
    if (round === null || text === undefined || !unsavedText(position, text)) return true;
    if (outOfRange(text)) {
      setError({ position, message: `Item ${position}: ratings are percentages from 0 to 100.` });
      return false;
    }
    try {
      await saveRating(view.id, round, position, Number(text) / 100);
    } catch (e) {
      keepUnsaved(view.id, round, position, { text, message: messageOf(e) });
      setError({
        position,
        message: `Item ${position}: ${messageOf(e)} The rating stays on the page; it is sent again when you leave its field or press Save ratings.`,
      });
      return false;
    }
    forgetUnsaved(view.id, round, position);
    latest.current.stored = { ...latest.current.stored, [position]: Number(text) / 100 };
    setStoredState(latest.current.stored);
    setDrafts((d) => {
      if (d[position] !== text) return d;
      const rest = { ...d };
      delete rest[position];
      return rest;
    });
    const restoredLeft = Object.keys(readUnsaved(view.id, round)).length > 0;
    setError((e) => (e?.position === position || (e?.restored && !restoredLeft) ? null : e));
    setStatus(`Item ${position}: rating saved.`);
    return true;
  }

  function enqueue(position: number): Promise<boolean> {
    setSending((n) => n + 1);
    const run = queue.current.then(() => send(position));
    queue.current = run.finally(() => setSending((n) => n - 1));
    return run;
  }

  /** Save ratings: checks every rating still typed, then sends them all. */
  async function saveAll(): Promise<void> {
    const typed = Object.entries(latest.current.drafts)
      .filter(([position, text]) => unsavedText(Number(position), text))
      .map(([position, text]) => [Number(position), text] as const);
    const bad = typed.filter(([, text]) => outOfRange(text)).map(([position]) => position);
    if (bad.length > 0) {
      setError({
        position: null,
        message: `Ratings are percentages from 0 to 100: check item(s) ${bad.join(', ')}.`,
      });
      return;
    }
    setError(null);
    const results = await Promise.all(typed.map(([position]) => enqueue(position)));
    if (results.every(Boolean)) setStatus('Every rating on the page is saved.');
  }

  const unsaved =
    sending > 0 || Object.entries(drafts).some(([p, text]) => unsavedIn(stored, Number(p), text));
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  return {
    drafts,
    storedOf: (position: number) => ratingIn(stored, position),
    status,
    error: error?.message ?? null,
    busy: sending > 0,
    edit: (position: number, text: string) => setDrafts((d) => ({ ...d, [position]: text })),
    /** Leaving a field sends its rating. */
    leave: (position: number) => void enqueue(position),
    saveAll,
  };
}
