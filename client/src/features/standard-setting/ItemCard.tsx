import type { PanelView } from '@exam/shared/api';
import { TextField } from '../../ui/TextField';
import { percent } from '../../lib/format';

const letters = ['A', 'B', 'C', 'D'];
const asPercent = (rating: number | null) =>
  rating === null ? '' : String(Math.round(rating * 1000) / 10);

/** One item as a panelist rates it: stem, options with the key marked, their rating. */
export function ItemCard(props: {
  item: PanelView['items'][number];
  round: 1 | 2 | null;
  /** The rating the server holds for the open round. */
  stored: number | null;
  draft: string | undefined;
  onChange(text: string): void;
  onLeave(): void;
}) {
  const { item, round, stored } = props;
  const headingId = `item-${item.position}`;
  return (
    <section aria-labelledby={headingId} className="rating-item">
      <h2 id={headingId}>Item {item.position}</h2>
      <p>{item.stem}</p>
      <ol type="A">
        {item.options.map((option, index) => (
          <li key={letters[index]}>
            {option}
            {index === item.keyIndex && <strong> (key)</strong>}
          </li>
        ))}
      </ol>
      <p className="hint">
        {round === 2 && `Your round 1 rating: ${percent(item.ratings[1])}. `}
        {item.pValue !== null && `Answered correctly by ${percent(item.pValue)} of candidates.`}
      </p>
      {round !== null ? (
        <TextField
          label={`Item ${item.position}: percentage of minimally competent candidates correct`}
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step="any"
          value={props.draft ?? asPercent(stored)}
          onChange={props.onChange}
          onBlur={props.onLeave}
        />
      ) : (
        <p>
          Your ratings: round 1 {percent(item.ratings[1])}, round 2 {percent(item.ratings[2])}.
        </p>
      )}
    </section>
  );
}
