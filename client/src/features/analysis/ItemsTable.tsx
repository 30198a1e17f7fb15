import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { AnalysisItem } from '@exam/shared/api';
import { figure, percent } from '../../lib/format';
import { domainLabel } from '../../lib/labels';

type SortKey =
  | 'position'
  | 'domain'
  | 'p'
  | 'itemRest'
  | 'discrimination'
  | 'omitRate'
  | 'alphaIfDeleted'
  | 'flags';

const columns: { key: SortKey; label: string }[] = [
  { key: 'position', label: 'Question' },
  { key: 'domain', label: 'Domain' },
  { key: 'p', label: 'p (difficulty)' },
  { key: 'itemRest', label: 'Item–rest r' },
  { key: 'discrimination', label: 'Upper–lower D' },
  { key: 'omitRate', label: 'Omitted' },
  { key: 'alphaIfDeleted', label: 'Alpha if deleted' },
  { key: 'flags', label: 'Flags' },
];

function valueOf(item: AnalysisItem, key: SortKey): number | string {
  if (key === 'flags') return item.flags.length;
  if (key === 'domain') return domainLabel(item.domain);
  // An undefined figure sorts below every number.
  return item[key] ?? Number.NEGATIVE_INFINITY;
}

/**
 * Every item with its figures, sortable by each column: the header buttons toggle the order and
 * the header cell carries aria-sort, so the order is announced. Flagged items list their reasons.
 */
export function ItemsTable({ items, bankLinks }: { items: AnalysisItem[]; bankLinks: boolean }) {
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({
    key: 'position',
    ascending: true,
  });
  const sorted = [...items].sort((a, b) => {
    const x = valueOf(a, sort.key);
    const y = valueOf(b, sort.key);
    const order =
      typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : x - y;
    return (sort.ascending ? order : -order) || a.position - b.position;
  });
  return (
    <table className="data-table analysis-table">
      <caption>
        Items, sorted by {columns.find((c) => c.key === sort.key)?.label} (
        {sort.ascending ? 'ascending' : 'descending'})
      </caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th
              key={column.key}
              scope="col"
              aria-sort={
                sort.key === column.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'
              }
            >
              <button
                type="button"
                className="sort-button"
                onClick={() =>
                  setSort((s) => ({
                    key: column.key,
                    ascending: s.key === column.key ? !s.ascending : true,
                  }))
                }
              >
                {column.label}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((item) => (
          <tr key={item.position}>
            <th scope="row">
              {bankLinks ? (
                <Link to={`/coordinator/bank/items/${item.itemId}`}>
                  Q{item.position}
                  <span className="visually-hidden"> (open in the bank)</span>
                </Link>
              ) : (
                `Q${item.position}`
              )}{' '}
              <span className="hint">v{item.version}</span>
              {item.correction === 'void' && <strong> Voided: not in totals or alpha</strong>}
              {item.correction === 'rekey' && <strong> Re-keyed: scored with the new key</strong>}
            </th>
            <td>{domainLabel(item.domain)}</td>
            <td>{figure(item.p)}</td>
            <td>{figure(item.itemRest)}</td>
            <td>{figure(item.discrimination)}</td>
            <td>{percent(item.omitRate)}</td>
            <td>{figure(item.alphaIfDeleted, 3)}</td>
            <td>
              {item.correction === 'void' ? (
                'Not flagged (voided)'
              ) : item.flags.length === 0 ? (
                'None'
              ) : (
                <ul className="plain-list analysis-flags">
                  {item.flags.map((flag) => (
                    <li key={`${flag.code}-${flag.option ?? ''}`}>
                      <strong>{flag.code.replaceAll('_', ' ').toLowerCase()}</strong>: {flag.reason}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
