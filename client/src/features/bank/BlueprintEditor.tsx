import type { z } from 'zod';
import { ageBands, competencyDomains, type AgeBand } from '@exam/shared/domain';
import { ageBandLabels, domainLabel } from '../../lib/labels';

/** Counts per (domain, age band) cell, keyed "domain|band". */
export type BlueprintCounts = Record<string, string>;

/**
 * The blueprint's first problem in words. A count the schema refuses is named by its cell (the
 * grid has thirty), since the schema's own words name neither the cell nor what it takes.
 */
export function blueprintProblem(
  issue: z.core.$ZodIssue | undefined,
  cells: readonly { domain?: string; ageBand?: string }[],
): string {
  const path = issue?.path ?? [];
  const cell =
    path[0] === 'blueprint' && path[1] === 'cells' && typeof path[2] === 'number'
      ? cells[path[2]]
      : undefined;
  if (cell?.domain && cell.ageBand && path[3] === 'count')
    return `${domainLabel(cell.domain)}, ${ageBandLabels[cell.ageBand as AgeBand] ?? cell.ageBand}: give a whole number of questions from 0 to 200.`;
  return `Blueprint: ${issue?.message ?? 'check the counts'}.`;
}

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
