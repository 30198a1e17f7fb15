import type { AnalysisItem } from '@exam/shared/api';
import { figure, percent } from '../../lib/format';

/** One item's options: share overall and in the upper and lower 27%, option–rest r. */
export function DistractorTable({ item }: { item: AnalysisItem }) {
  return (
    <table className="data-table chart-table">
      <caption>Question {item.position}: who chose each option</caption>
      <thead>
        <tr>
          <th scope="col">Option</th>
          <th scope="col">All</th>
          <th scope="col">Upper 27%</th>
          <th scope="col">Lower 27%</th>
          <th scope="col">Option–rest r</th>
        </tr>
      </thead>
      <tbody>
        {item.options.map((option) => (
          <tr key={option.label}>
            <th scope="row">
              {option.label}
              {option.isKey ? ' (key)' : ''}
            </th>
            <td>{percent(option.proportion)}</td>
            <td>{percent(option.upper)}</td>
            <td>{percent(option.lower)}</td>
            <td>{figure(option.optionRest)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
