import { z } from 'zod';
import { DRAFT_PATCH_INTERVAL_MS } from '@exam/shared/protocol';

/** Targets from issue 3. */
export const P99_TARGET_MS = 25;
export const RATIO_TARGET = 1.0;
/**
 * Issue 23 item 4, at every step where neither side's editors lag: our p99 edit-to-durable at
 * most this share of Hocuspocus's, and at most ESSAY_P99_TARGET_MS up to ESSAY_TARGET_EDITORS;
 * server CPU per keystroke at most half of Hocuspocus's; WAL per editor-minute at most theirs;
 * the start storm at ESSAY_TARGET_EDITORS within ESSAY_STORE_TARGET_S.
 */
export const ESSAY_RATIO_TARGET = 0.1;
export const ESSAY_P99_TARGET_MS = 1000;
export const ESSAY_CPU_RATIO_TARGET = 0.5;
export const ESSAY_WAL_RATIO_TARGET = 1;
export const ESSAY_TARGET_EDITORS = 2000;
export const ESSAY_STORE_TARGET_S = 15;

export const benchParts = [
  'answers',
  'start',
  'essays',
  'analysis',
  'signins',
  'client',
  'instances',
] as const;
export type BenchPart = (typeof benchParts)[number];

const positiveList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((part) => Number(part.trim())))
    .pipe(z.array(z.number().int().positive()).min(1));

/** Every knob of the benchmark, read from the environment once. */
const benchConfigSchema = z.object({
  /** Admin URL of the PostgreSQL server; the bench creates and drops its own database there. */
  BENCH_DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/test'),
  /** Connected candidates per paced run, ascending (connections are added, never dropped). */
  BENCH_SIZES: positiveList('1000,5000').transform((sizes) => [...sizes].sort((a, b) => a - b)),
  /** Measured seconds of each paced run; saturation and baseline runs take a third of it each. */
  BENCH_SECONDS: z.coerce.number().positive().default(30),
  /** Seconds between one candidate's saves: realistic is ~90, ten times that rate is 9. */
  BENCH_SAVE_INTERVAL_SECONDS: z.coerce.number().positive().default(9),
  /** Saves kept outstanding in the saturation runs (one per candidate, capped by connections). */
  BENCH_SATURATION: positiveList('500,1000,5000'),
  /** Concurrent `pg` clients for the raw single-row INSERT baseline; the best level counts. */
  BENCH_BASELINE_CLIENTS: positiveList('8,32,64'),
  /** worker_threads that hold the simulated candidates' sockets (and the essay editors). */
  BENCH_WORKERS: z.coerce.number().int().min(1).max(4).default(1),
  /** Sections to run, in this order: Part One answer saves, the start spike, Part Two essays against Hocuspocus, item analysis, sign-in throughput, the client's first page, several instances. */
  BENCH_PARTS: z
    .string()
    .default(benchParts.join(','))
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(benchParts)).min(1))
    .transform((parts) => benchParts.filter((part) => parts.includes(part))),
  /** Candidates in the instances section, split across the instances (bench/instances.ts). */
  BENCH_INSTANCE_CANDIDATES: z.coerce.number().int().positive().default(1000),
  /** Candidates in the start spike (issue 23: 5,000), each admitted and signed in. */
  BENCH_START_CANDIDATES: z.coerce.number().int().positive().default(5000),
  /** Seconds over which the start spike's candidates arrive, evenly (open loop). */
  BENCH_START_WINDOW_SECONDS: z.coerce.number().positive().default(10),
  /** The essay sweep's steps: essay writers per step, each step on each system in turn. */
  BENCH_EDITOR_STEPS: positiveList('250,500,1000,2000,3000').transform((steps) =>
    [...steps].sort((a, b) => a - b),
  ),
  /**
   * Least time between two of our editors' patches; the client's is DRAFT_PATCH_INTERVAL_MS. Read by the editors
   * themselves (bench/essay-ours-editor.ts): an experiment, not a setting of the product.
   */
  BENCH_PATCH_INTERVAL_MS: z.coerce.number().int().positive().default(DRAFT_PATCH_INTERVAL_MS),
  /** A step whose editors' own event-loop p99 exceeds this (ms) is marked and not counted. */
  BENCH_LAG_LIMIT_MS: z.coerce.number().positive().default(100),
  /**
   * Longest wait before each section for the machine to be quiet (one-minute load average at
   * most a quarter of the cores): the section before leaves a load average that takes a minute
   * or two to fall. 0: measure at once, marked if not quiet.
   */
  BENCH_QUIET_WAIT_SECONDS: z.coerce.number().min(0).default(240),
  /** Measured seconds of typing per system (after a 15 s warm-up). */
  BENCH_ESSAY_SECONDS: z.coerce.number().positive().default(60),
  /** Sign-ins in the sign-in section (issue 23: 5,000 over 5 minutes), each a distinct account. */
  BENCH_SIGNINS: z.coerce.number().int().positive().default(5000),
  /** Seconds the sign-ins are spread over, evenly (open loop). */
  BENCH_SIGNIN_SECONDS: z.coerce.number().positive().default(300),
  /** Candidates sitting Part One (saving) while the others sign in. */
  BENCH_SIGNIN_SITTING: z.coerce.number().int().positive().default(1000),
  /** Cold loads of the candidate's exam page per throttled time-to-first-question figure. */
  BENCH_PAGE_LOADS: z.coerce.number().int().positive().default(5),
  /** Seed of the essays and the typing, so runs are comparable. */
  BENCH_ESSAY_SEED: z.coerce.number().int().default(1),
});

export type BenchConfig = z.infer<typeof benchConfigSchema> & {
  warmupMs: number;
  measureMs: number;
  shortMs: number;
};

export function loadBenchConfig(
  env: Record<string, string | undefined> = process.env,
): BenchConfig {
  const known = Object.fromEntries(
    Object.keys(benchConfigSchema.shape).map((key) => [
      key,
      env[key] === '' ? undefined : env[key],
    ]),
  );
  const parsed = benchConfigSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid benchmark configuration:\n${lines.join('\n')}`);
  }
  const measureMs = parsed.data.BENCH_SECONDS * 1000;
  return {
    ...parsed.data,
    warmupMs: Math.min(5000, Math.max(1000, measureMs / 6)),
    measureMs,
    shortMs: Math.max(3000, measureMs / 3),
  };
}
