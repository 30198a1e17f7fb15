import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import type { PanelView } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useLoad } from '../../lib/use-load';
import { figure, percent } from '../../lib/format';
import { panelView, saveRating } from './standard-setting.api';
import { ItemCard } from './ItemCard';

/** Percent as typed, kept per item until saved. */
type Drafts = Record<number, string>;

function openRound(view: PanelView): 1 | 2 | null {
  return view.status === 'round1' ? 1 : view.status === 'round2' ? 2 : null;
}

/**
 * The panelist's rating screen: each item with its key, a rating (the percentage of minimally
 * competent candidates who would answer correctly) per item, saved with one button; in round 2
 * each item's p-value and the pass rate the round 1 cuts give on the last sitting.
 */
export function RatePage() {
  const { id = '' } = useParams();
  const { state, reload } = useLoad((signal: AbortSignal) => panelView(id, signal), [id]);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status !== 'loaded')
    return (
      <Page title="Rate items">
        {state.status === 'loading' ? (
          <p role="status">Loading the items…</p>
        ) : (
          <FormError message={state.message} />
        )}
      </Page>
    );
  const view = state.data;
  const round = openRound(view);
  const saved = (position: number) =>
    round === null
      ? null
      : (view.items.find((i) => i.position === position)?.ratings[round] ?? null);
  const rated = view.items.filter((i) => round !== null && i.ratings[round] !== null).length;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (round === null || busy) return;
    const changed = Object.entries(drafts).filter(([position, text]) => {
      const before = saved(Number(position));
      return text.trim() !== '' && (before === null || Number(text) / 100 !== before);
    });
    const bad = changed.filter(([, text]) => {
      const value = Number(text);
      return !Number.isFinite(value) || value < 0 || value > 100;
    });
    if (bad.length > 0) {
      setError(
        `Ratings are percentages from 0 to 100: check item(s) ${bad.map(([p]) => p).join(', ')}.`,
      );
      return;
    }
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      for (const [position, text] of changed)
        await saveRating(view.id, round, Number(position), Number(text) / 100);
      setDrafts({});
      setStatus(`Saved ${changed.length} rating(s).`);
      reload();
    } catch (e) {
      setError(`${messageOf(e)} Ratings not yet saved stay on the page; save again.`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={view.name}>
      <p>
        Form {view.formName}.{' '}
        {round === null
          ? 'The cut is adopted; ratings are closed.'
          : `Round ${round} is open: ${rated} of ${view.items.length} items rated.`}
      </p>
      <p className="hint">
        For each item, rate the percentage of minimally competent candidates (those just good enough
        to pass) who would answer it correctly. The keyed answer is marked.
      </p>
      {view.impact && (
        <section aria-labelledby="impact-heading">
          <h2 id="impact-heading">Impact data</h2>
          <p>
            {view.impact.candidates} candidate(s) sat {view.impact.sittingName}. Your round 1 cut of{' '}
            {figure(view.impact.roundOneCut)} would pass {percent(view.impact.roundOnePassRate, 1)}{' '}
            of them; the panel&apos;s round 1 recommended cut of{' '}
            {view.impact.panelRoundOneCut ?? '–'} would pass{' '}
            {percent(view.impact.panelRoundOnePassRate, 1)}.
          </p>
        </section>
      )}
      <form onSubmit={(e) => void save(e)}>
        {view.items.map((item) => (
          <ItemCard
            key={item.position}
            item={item}
            round={round}
            draft={drafts[item.position]}
            onChange={(text) => setDrafts((d) => ({ ...d, [item.position]: text }))}
          />
        ))}
        <StatusMessage message={status} />
        <FormError message={error} />
        {round !== null && (
          <button type="submit" aria-disabled={busy}>
            Save ratings
          </button>
        )}
      </form>
    </Page>
  );
}
