import { useId, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Scatter,
  ScatterChart,
  XAxis,
  YAxis,
} from 'recharts';
import type { ItemAnalysisResponse } from '@exam/shared/api';
import { DistractorTable } from './DistractorTable';
import { figure, percent } from '../../lib/format';

// Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by dash pattern too.
const BAR = '#1f5f99';
const CUT = '#b3261e';
const LINES = ['#1f5f99', '#b3261e', '#2e7d32', '#6a3d9a', '#5c5c5c'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3', '1 3'];

/**
 * The analysis charts (Recharts, loaded only on this page). Each chart is hidden from assistive
 * technology and followed by a table with the same numbers, which is what a screen reader reads.
 */
export default function AnalysisCharts({ analysis }: { analysis: ItemAnalysisResponse }) {
  return (
    <>
      <ScoreHistogram analysis={analysis} />
      <DifficultyScatter analysis={analysis} />
      <OptionCurves analysis={analysis} />
    </>
  );
}

function ScoreHistogram({ analysis }: { analysis: ItemAnalysisResponse }) {
  const id = useId();
  const { test } = analysis;
  const data = test.distribution.map((count, score) => ({ score, count }));
  return (
    <figure className="score-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>Score distribution</strong>{' '}
        <span className="hint">
          Questions answered correctly; the red line is the pass mark ({test.cutScore}).
        </span>
      </figcaption>
      <div aria-hidden="true" className="analysis-chart">
        <BarChart width={640} height={240} data={data} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="score" interval={4} />
          <YAxis allowDecimals={false} />
          <Bar dataKey="count" fill={BAR} isAnimationActive={false} />
          <ReferenceLine x={test.cutScore} stroke={CUT} strokeWidth={2} label="Pass" />
        </BarChart>
      </div>
      <table className="data-table chart-table">
        <caption>
          Score distribution: candidates at each score (scores nobody had are left out)
        </caption>
        <thead>
          <tr>
            <th scope="col">Score</th>
            <th scope="col">Candidates</th>
            <th scope="col">Passes</th>
          </tr>
        </thead>
        <tbody>
          {data
            .filter((d) => d.count > 0)
            .map((d) => (
              <tr key={d.score}>
                <th scope="row">{d.score}</th>
                <td>{d.count}</td>
                <td>{d.score >= test.cutScore ? 'yes' : 'no'}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}

function DifficultyScatter({ analysis }: { analysis: ItemAnalysisResponse }) {
  const id = useId();
  const data = analysis.items
    .filter((item) => item.itemRest !== null)
    .map((item) => ({ p: item.p, r: item.itemRest, position: item.position }));
  return (
    <figure className="score-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>Difficulty against discrimination</strong>{' '}
        <span className="hint">
          Each dot is a question: p across, item–rest r up. Dots below 0.15 discriminate weakly.
        </span>
      </figcaption>
      <div aria-hidden="true" className="analysis-chart">
        <ScatterChart width={640} height={280} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="p" domain={[0, 1]} name="p" />
          <YAxis type="number" dataKey="r" domain={[-0.5, 1]} name="item–rest r" />
          <ReferenceLine y={0.15} stroke={CUT} strokeDasharray="4 4" />
          <Scatter data={data} fill={BAR} isAnimationActive={false} />
        </ScatterChart>
      </div>
      <table className="data-table chart-table">
        <caption>Difficulty against discrimination: the numbers</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">p</th>
            <th scope="col">Item–rest r</th>
          </tr>
        </thead>
        <tbody>
          {analysis.items.map((item) => (
            <tr key={item.position}>
              <th scope="row">Q{item.position}</th>
              <td>{figure(item.p)}</td>
              <td>{figure(item.itemRest)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function OptionCurves({ analysis }: { analysis: ItemAnalysisResponse }) {
  const id = useId();
  const flagged = analysis.items.find((item) => item.flags.length > 0);
  const [position, setPosition] = useState(flagged?.position ?? analysis.items[0]?.position ?? 1);
  const item = analysis.items.find((i) => i.position === position);
  const curve = analysis.optionCurves.find((c) => c.position === position);
  if (!item || !curve) return null;
  const names = [...item.options.map((o) => `${o.label}${o.isKey ? ' (key)' : ''}`), 'Omitted'];
  const data = curve.groups.map((group) => ({
    label: group.label,
    ...Object.fromEntries(names.map((name, index) => [name, group.shares[index] ?? 0])),
  }));
  return (
    <figure className="score-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>Option curves</strong>{' '}
        <span className="hint">
          Share choosing each option in five score groups, lowest first. The key should rise.
        </span>
      </figcaption>
      <label htmlFor={`${id}-item`}>Question</label>{' '}
      <select
        id={`${id}-item`}
        value={position}
        onChange={(event) => setPosition(Number(event.target.value))}
      >
        {analysis.items.map((i) => (
          <option key={i.position} value={i.position}>
            Q{i.position}
            {i.flags.length > 0 ? ' (flagged)' : ''}
          </option>
        ))}
      </select>
      <div aria-hidden="true" className="analysis-chart">
        <LineChart width={640} height={260} data={data} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis domain={[0, 1]} />
          {names.map((name, index) => (
            <Line
              key={name}
              dataKey={name}
              stroke={LINES[index]}
              strokeDasharray={DASHES[index]}
              strokeWidth={name.includes('(key)') ? 3 : 1.5}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
        <p className="hint">{names.join(' · ')}</p>
      </div>
      <table className="data-table chart-table">
        <caption>Option curves of question {position}: share per score group</caption>
        <thead>
          <tr>
            <th scope="col">Score group</th>
            {names.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {curve.groups.map((group, g) => (
            <tr key={`${group.label}-${g}`}>
              <th scope="row">{group.label}</th>
              {names.map((name, index) => (
                <td key={name}>{percent(group.shares[index] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <DistractorTable item={item} />
    </figure>
  );
}
