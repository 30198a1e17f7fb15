import type { FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import type { PanelView } from '@exam/shared/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useLoad } from '../../lib/use-load';
import { figure, percent } from '../../lib/format';
import { panelView } from './standard-setting.api';
import { ItemCard } from './ItemCard';
import { useRatingSaves } from './use-rating-saves';

function openRound(view: PanelView): 1 | 2 | null {
  return view.status === 'round1' ? 1 : view.status === 'round2' ? 2 : null;
}

/**
 * The panelist's rating screen: each item with its key, a rating (the percentage of minimally
 * competent candidates who would answer correctly) per item, saved as they leave its field (Save
 * ratings sends any still typed); in round 2 each item's p-value and the pass rate the round 1 cuts give on the last sitting.
 */
export function RatePage() {
  const { id = '' } = useParams();
  const { state } = useLoad((signal: AbortSignal) => panelView(id, signal), [id]);
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
  return <RateItems key={state.data.id} view={state.data} />;
}

function RateItems({ view }: { view: PanelView }) {
  const round = openRound(view);
  const ratings = useRatingSaves(view, round);
  const rated = view.items.filter((i) => ratings.storedOf(i.position) !== null).length;

  function save(event: FormEvent) {
    event.preventDefault();
    void ratings.saveAll();
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
        to pass) who would answer it correctly. The keyed answer is marked. Each rating is saved
        when you leave its field.
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
            stored={ratings.storedOf(item.position)}
            draft={ratings.drafts[item.position]}
            onChange={(text) => ratings.edit(item.position, text)}
            onLeave={() => ratings.leave(item.position)}
          />
        ))}
        <StatusMessage message={ratings.status} />
        <FormError message={ratings.error} />
        {round !== null && <button type="submit">Save ratings</button>}
      </form>
    </Page>
  );
}
