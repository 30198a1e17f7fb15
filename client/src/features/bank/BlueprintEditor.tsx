import { ageBands, competencyDomains } from '@exam/shared/domain';
import { ageBandLabels, domainLabel } from '../../lib/labels';

/** Counts per (domain, age band) cell, keyed "domain|band". */
export type BlueprintCounts = Record<string, string>;

/** A grid of how many items the form draws from each domain and age band, beside what the bank holds. */
export function BlueprintEditor(props: {
  counts: BlueprintCounts;
  available: Record<string, number>;
  onChange(counts: BlueprintCounts): void;
}) {
  const total = Object.values(props.counts).reduce((sum, v) => sum + (Number(v) || 0), 0);
  return (
    <table className="data-table blueprint">
      <caption>Blueprint: {total} questions in all</caption>
      <thead>
        <tr>
          <th scope="col">Domain</th>
          {ageBands.map((band) => (
            <th scope="col" key={band}>
              {ageBandLabels[band]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {competencyDomains.map((domain) => (
          <tr key={domain}>
            <th scope="row">{domainLabel(domain)}</th>
            {ageBands.map((band) => {
              const key = `${domain}|${band}`;
              const available = props.available[key] ?? 0;
              return (
                <td key={band}>
                  <input
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={200}
                    className="count-input"
                    aria-label={`${domainLabel(domain)}, ${ageBandLabels[band]}: questions (${available} published)`}
                    value={props.counts[key] ?? '0'}
                    onChange={(e) => props.onChange({ ...props.counts, [key]: e.target.value })}
                  />{' '}
                  <span className="hint">of {available}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
