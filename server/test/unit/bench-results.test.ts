import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTps } from '../../../bench/pgbench.js';
import { markdownTable, readResults, ResultsRecorder } from '../../../bench/results.js';

const quiet = { loadBefore: [0.1, 0.2, 0.3], quiet: true };

describe('the bench results file and the README table', () => {
  it('merges a partial run over the last one and embeds the table between the markers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    const readme = join(dir, 'README.md');
    writeFileSync(
      readme,
      'before\n<!-- bench-table:start -->\nold table\n<!-- bench-table:end -->\nafter\n',
    );

    const first = new ResultsRecorder('aaaaaaa');
    const answers = first.begin('answers', quiet);
    answers.add({
      measure: 'Part One ack p99',
      value: 12,
      display: '12 ms',
      target: '≤ 25 ms',
      met: true,
    });
    answers.end();
    const essays = first.begin('essays', { loadBefore: [3, 2, 1], quiet: false });
    essays.add({
      measure: 'Essay ratio',
      value: 0.5,
      display: '0.50',
      target: '≤ 0.1',
      met: false,
    });
    essays.end();
    first.write(dir, readme);

    // A later run of one section replaces that section only.
    const second = new ResultsRecorder('bbbbbbb');
    const again = second.begin('answers', quiet);
    again.add({
      measure: 'Part One ack p99',
      value: 9,
      display: '9 ms',
      target: '≤ 25 ms',
      met: true,
    });
    again.end();
    // A section that failed before its end is not recorded over the last good one.
    second.begin('essays', quiet).add({ measure: 'Essay ratio', value: 9, display: '9' });
    const results = second.write(dir, readme);

    expect(results.sections.answers?.commit).toBe('bbbbbbb');
    expect(results.sections.essays?.commit).toBe('aaaaaaa');
    expect(readResults(join(dir, 'latest.json'))).toEqual(results);
    const text = readFileSync(readme, 'utf8');
    expect(text).toContain('| Part One ack p99 (`bbbbbbb`)');
    expect(text).toContain('| Essay ratio (`aaaaaaa`, busy machine)');
    expect(text).toContain('≤ 0.1: MISSED');
    expect(text).not.toContain('old table');
    expect(text.startsWith('before\n')).toBe(true);
    expect(text.endsWith('<!-- bench-table:end -->\nafter\n')).toBe(true);
    expect(readFileSync(join(dir, 'latest.md'), 'utf8')).toBe(markdownTable(results));
  });

  it('lays the table out with equal column widths and escapes pipes', () => {
    const table = markdownTable({
      sections: {
        client: {
          part: 'client',
          commit: 'ccccccc',
          finishedAt: '2026-12-05T00:00:00Z',
          loadBefore: [0, 0, 0],
          quiet: true,
          figures: [{ measure: 'a | b', value: 1, display: '1 kB' }],
        },
      },
    });
    const lines = table.trim().split('\n');
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[2]).toContain('a \\| b');
  });

  it("reads pgbench's own tps figure", () => {
    const output =
      'latency average = 0.6 ms\ntps = 12345.678901 (without initial connection time)\n';
    expect(parseTps(output)).toBeCloseTo(12345.678901);
    expect(() => parseTps('nothing')).toThrow(/no tps line/);
  });
});
