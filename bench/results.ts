import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchPart } from './config.js';

/** One figure of a run, as the README's table shows it. */
export interface Figure {
  measure: string;
  value: number;
  /** How the figure reads in the table, e.g. `12.4 ms (p50 1.5 ms)`. */
  display: string;
  target?: string;
  met?: boolean;
}

/** One section of one run: where and when it ran, how busy the machine was, its figures. */
export interface SectionRun {
  part: BenchPart;
  commit: string;
  finishedAt: string;
  /** One-, five- and fifteen-minute load averages just before the section started. */
  loadBefore: number[];
  quiet: boolean;
  figures: Figure[];
}

export interface BenchResults {
  sections: Partial<Record<BenchPart, SectionRun>>;
}

const root = fileURLToPath(new URL('../', import.meta.url));
export const resultsDir = `${root}bench/results`;
const README_START = '<!-- bench-table:start -->';
const README_END = '<!-- bench-table:end -->';

/**
 * A machine is quiet enough to measure on when its one-minute load average is at most a quarter
 * of its cores: the bench's own server, load and PostgreSQL then have the machine to themselves.
 */
export function quietCheck(): { loadBefore: number[]; quiet: boolean; line: string } {
  const loadBefore = loadavg().map((value) => Number(value.toFixed(2)));
  const limit = cpus().length / 4;
  const quiet = (loadBefore[0] ?? 0) <= limit;
  const line = `load average ${loadBefore.join(' ')} on ${cpus().length} CPUs: ${
    quiet ? 'quiet' : `NOT QUIET (over ${limit}); this section's figures are marked`
  }`;
  return { loadBefore, quiet, line };
}

/**
 * Waits, up to `maxMs`, until the machine is quiet (quietCheck), checking every 5 s; returns the
 * seconds waited.
 */
export async function waitForQuiet(maxMs: number): Promise<number> {
  const began = Date.now();
  while (!quietCheck().quiet && Date.now() - began < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return Math.round((Date.now() - began) / 1000);
}

/** Figures of the sections run now, merged over the last run's other sections. */
export class ResultsRecorder {
  private readonly runs: SectionRun[] = [];

  constructor(private readonly commit: string) {}

  begin(part: BenchPart, quiet: { loadBefore: number[]; quiet: boolean }) {
    const run: SectionRun = {
      part,
      commit: this.commit,
      finishedAt: '',
      loadBefore: quiet.loadBefore,
      quiet: quiet.quiet,
      figures: [],
    };
    this.runs.push(run);
    return {
      add: (figure: Figure) => run.figures.push(figure),
      end: () => {
        run.finishedAt = new Date().toISOString();
      },
    };
  }

  /** Writes latest.json and latest.md, and the README's table between its markers. */
  write(dir = resultsDir, readmePath = `${root}README.md`): BenchResults {
    const previous = readResults(`${dir}/latest.json`);
    const sections = { ...previous.sections };
    for (const run of this.runs) if (run.finishedAt !== '') sections[run.part] = run;
    const results: BenchResults = { sections };
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
    const markdown = markdownTable(results);
    writeFileSync(`${dir}/latest.md`, markdown);
    if (existsSync(readmePath)) embedInReadme(readmePath, markdown);
    return results;
  }
}

export function readResults(path: string): BenchResults {
  if (!existsSync(path)) return { sections: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<BenchResults>;
  return { sections: parsed.sections ?? {} };
}

/** One row per figure, each naming its commit; a section measured on a busy machine says so. */
export function markdownTable(results: BenchResults): string {
  const rows: string[][] = [];
  for (const run of Object.values(results.sections)) {
    if (!run) continue;
    const where = `\`${run.commit}\`${run.quiet ? '' : ', busy machine'}`;
    for (const figure of run.figures) {
      const target =
        figure.target === undefined
          ? ''
          : `${figure.target}: ${figure.met === undefined ? 'see note' : figure.met ? 'met' : 'MISSED'}`;
      rows.push([`${figure.measure} (${where})`, figure.display, target]);
    }
  }
  return markdown(['measure (commit)', 'measured', 'target'], rows);
}

/** A Markdown table laid out as prettier lays it out, so the README stays formatted. */
export function markdown(headers: string[], rows: string[][]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const all = [headers, ...rows].map((row) => row.map(cell));
  const widths = headers.map((_, i) => Math.max(3, ...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    `| ${widths.map((width, i) => (row[i] ?? '').padEnd(width)).join(' | ')} |`;
  const [head, ...body] = all;
  return [
    line(head ?? []),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...body.map(line),
  ]
    .join('\n')
    .concat('\n');
}

function embedInReadme(readmePath: string, markdown: string): void {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return;
  const updated = `${readme.slice(0, start + README_START.length)}\n\n${markdown}\n${readme.slice(end)}`;
  writeFileSync(readmePath, updated);
}
