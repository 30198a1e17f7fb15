import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/**
 * What each route of the built client downloads, from the chunk map the build writes
 * (`client/dist/.vite/chunks.json`, see client/vite.config.ts), and the budgets of issue 23:
 * sign-in plus the Part One runner at most 150 kB of gzipped JavaScript, Part Two at most 120 kB
 * more, no chunk over 250 kB gzipped (kB = 1,000 bytes, as Vite reports them).
 *
 * `npx tsx scripts/client-bundles.ts [distDir]` prints the table and exits 1 over a budget;
 * server/test/client-delivery.test.ts and the bench's client section call the same functions.
 */

export const budgets = { firstPageGzip: 150_000, partTwoGzip: 120_000, chunkGzip: 250_000 };

interface ChunkInfo {
  file: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  modules: string[];
}

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface RouteBundle extends Size {
  route: string;
  /** The chunks this route adds to what `after` already loaded. */
  files: string[];
  /** The route whose scripts are already in the browser when this one loads. */
  after: string | null;
}

/** The entry chunk: the sign-in page and the shell every route loads first (home is lazy). */
export const ENTRY_ROUTE = '/login (entry: sign-in)';

/**
 * Each route by a module only it needs; every route also loads the entry chunk. `after` is what a
 * browser has already loaded on its way there (the exam runs after sign-in, Part Two after Part
 * One), so the row is what the route adds.
 */
const routes: { route: string; module: string; after: string | null }[] = [
  { route: ENTRY_ROUTE, module: 'client/src/main.tsx', after: null },
  { route: '/ (home)', module: 'client/src/features/home/HomePage.tsx', after: ENTRY_ROUTE },
  {
    route: '/my-exam, /my-dates',
    module: 'client/src/features/bookings/MyExamPage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/check-in (camera)',
    module: 'client/src/features/check-in/CheckInPage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/accommodations',
    module: 'client/src/features/accommodation-requests/MyAccommodationRequestsPage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/retakes',
    module: 'client/src/features/retakes/MyRetakesPage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/exam (lobby, Part One)',
    module: 'client/src/features/exam/ExamPage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/exam Part Two (editor)',
    module: 'client/src/features/exam/part-two/PartTwoSection.tsx',
    after: '/exam (lobby, Part One)',
  },
  {
    route: '/exam practice run',
    module: 'client/src/features/exam/lobby/PracticeRun.tsx',
    after: '/exam (lobby, Part One)',
  },
  {
    route: '/my-results',
    module: 'client/src/features/results/MyResultsPage.tsx',
    after: ENTRY_ROUTE,
  },
  { route: '/setup', module: 'client/src/features/setup/SetupPage.tsx', after: null },
  {
    route: '/admin/*',
    module: 'client/src/features/admin/AdminUsersPage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/coordinator/*',
    module: 'client/src/features/coordinator/CoordinatorRoutes.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/proctor/*',
    module: 'client/src/features/proctoring/ProctorDashboardPage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/grading, /graders, /rubrics',
    module: 'client/src/features/grading/GradingQueuePage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/results/*',
    module: 'client/src/features/results/SittingResultsPage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/results charts',
    module: 'client/src/features/results/ScoreBars.tsx',
    after: '/results/*',
  },
  {
    route: '/analysis',
    module: 'client/src/features/analysis/AnalysisPage.tsx',
    after: ENTRY_ROUTE,
  },
  {
    route: '/analysis charts',
    module: 'client/src/features/analysis/AnalysisCharts.tsx',
    after: '/analysis',
  },
  {
    route: '/standard-setting, /panel',
    module: 'client/src/features/standard-setting/StudyPage.tsx',
    after: ENTRY_ROUTE,
  },
];

function readChunks(distDir: string): ChunkInfo[] {
  const file = path.join(distDir, '.vite', 'chunks.json');
  if (!existsSync(file)) throw new Error(`No chunk map at ${file}: build the client first`);
  return JSON.parse(readFileSync(file, 'utf8')) as ChunkInfo[];
}

/** Sizes as served: the precompressed copies the build wrote, or compressed here if absent. */
export function sizeOf(distDir: string, files: readonly string[]): Size {
  const total: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const name of files) {
    const file = path.join(distDir, name);
    const content = readFileSync(file);
    total.raw += content.length;
    total.gzip += existsSync(`${file}.gz`)
      ? readFileSync(`${file}.gz`).length
      : gzipSync(content, { level: 9 }).length;
    total.brotli += existsSync(`${file}.br`)
      ? readFileSync(`${file}.br`).length
      : brotliCompressSync(content, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY },
        }).length;
  }
  return total;
}

/** The chunks a route loads: the entry, the chunk holding its module, and their static imports. */
function loadedFor(chunks: readonly ChunkInfo[], module: string): Set<string> {
  const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]));
  const holder = chunks.find((chunk) => chunk.modules.includes(module));
  if (!holder) throw new Error(`No chunk holds ${module}: is the route map out of date?`);
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of byFile.get(file)?.imports ?? []) visit(imported);
  };
  for (const entry of chunks.filter((chunk) => chunk.isEntry)) visit(entry.file);
  visit(holder.file);
  return loaded;
}

export function routeBundles(distDir: string): RouteBundle[] {
  const chunks = readChunks(distDir);
  const loaded = new Map(routes.map(({ route, module }) => [route, loadedFor(chunks, module)]));
  return routes.map(({ route, after }) => {
    const before = after ? (loaded.get(after) ?? new Set<string>()) : new Set<string>();
    const files = [...(loaded.get(route) ?? [])].filter((file) => !before.has(file)).sort();
    return { route, after, files, ...sizeOf(distDir, files) };
  });
}

export function chunkSizes(distDir: string): ({ file: string } & Size)[] {
  return readChunks(distDir).map(({ file }) => ({ file, ...sizeOf(distDir, [file]) }));
}

/** Every budget the build exceeds, in words; empty when all are met. */
export function budgetProblems(distDir: string): string[] {
  const bundles = routeBundles(distDir);
  const gzipOf = (route: string) => bundles.find((bundle) => bundle.route === route)?.gzip ?? 0;
  const firstPage = gzipOf(ENTRY_ROUTE) + gzipOf('/exam (lobby, Part One)');
  const partTwo = gzipOf('/exam Part Two (editor)');
  const problems: string[] = [];
  if (firstPage > budgets.firstPageGzip) {
    problems.push(
      `sign-in + Part One is ${kB(firstPage)} gzipped, over ${kB(budgets.firstPageGzip)}`,
    );
  }
  if (partTwo > budgets.partTwoGzip) {
    problems.push(`Part Two adds ${kB(partTwo)} gzipped, over ${kB(budgets.partTwoGzip)}`);
  }
  for (const chunk of chunkSizes(distDir)) {
    if (chunk.gzip > budgets.chunkGzip) {
      problems.push(`${chunk.file} is ${kB(chunk.gzip)} gzipped, over ${kB(budgets.chunkGzip)}`);
    }
  }
  return problems;
}

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The table the bench and the command line print. */
export function bundleTable(bundles: readonly RouteBundle[]): string {
  const rows = bundles.map(
    (b) =>
      `| ${b.route} | ${b.after ?? '—'} | ${b.files.length} | ${kB(b.raw)} | ${kB(b.gzip)} | ${kB(b.brotli)} |`,
  );
  return [
    '| route | loaded after | chunks | JS raw | JS gzip | JS brotli |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(process.argv[2] ?? 'client/dist');
  console.log(bundleTable(routeBundles(distDir)));
  const problems = budgetProblems(distDir);
  for (const problem of problems) console.error(`OVER BUDGET: ${problem}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
