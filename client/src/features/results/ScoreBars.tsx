import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';
import type { ScoreDistribution } from '@exam/shared/api';

/** The bars of a score distribution (Recharts, loaded only with the results page's charts). */
export default function ScoreBars({ distribution }: { distribution: ScoreDistribution }) {
  return (
    <BarChart width={560} height={220} data={distribution.bins} accessibilityLayer={false}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" interval={0} fontSize={11} />
      <YAxis allowDecimals={false} />
      <Bar dataKey="count" fill="#1d4ed8" isAnimationActive={false}>
        <LabelList dataKey="count" position="top" fontSize={11} />
      </Bar>
    </BarChart>
  );
}
