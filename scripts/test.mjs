#!/usr/bin/env node
// `npm test`: every vitest project, in two lanes at once.
//
// The browser and faults projects run one file at a time and mostly wait (on pages, restarts,
// outages: about 0.4 of a core on average), so a second vitest process fills the idle core with
// the server, unit, shared and client projects on one worker, leaving the browser lane a core
// for its timing. On CI's two cores the suite went from about 24 minutes in one lane to about 14.
// With arguments (`npm test -- server/test/x.test.ts`, `npm test -- --project client`) it is
// plain `vitest run` with them. CI adds a last step to the busy lane, which finishes long before
// the browser lane: NPM_TEST_AFTER_BUSY_LANE, a shell command (.ci/run's embedded tier).
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const vitest = (args) => [process.execPath, 'node_modules/vitest/vitest.mjs', 'run', ...args];
const WAITING_LANE = ['--project', 'browser', '--project', 'faults'];
const BUSY_LANE = [
  ...['--project', 'server', '--project', 'unit', '--project', 'shared', '--project', 'client'],
  '--maxWorkers=1',
];

/** Runs `command`; `hold` keeps its output to print later instead of streaming it. */
async function step(name, command, hold = false) {
  const [file, ...args] = command;
  const child = spawn(file, args, {
    stdio: ['ignore', hold ? 'pipe' : 'inherit', hold ? 'pipe' : 'inherit'],
    env: hold ? { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } : process.env,
  });
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  const [code, signal] = await once(child, 'exit');
  const ok = code === 0;
  const verdict = ok ? '' : `npm test: ${name} ended with ${signal ?? `exit code ${code}`}\n`;
  return { ok, output: Buffer.concat([...output, Buffer.from(verdict)]) };
}

/** The busy lane: its projects, then CI's extra step if any; output held, printed at the end. */
async function busyLane() {
  const projects = await step('server, unit, shared, client', vitest(BUSY_LANE), true);
  const after = process.env.NPM_TEST_AFTER_BUSY_LANE;
  if (!after) return projects;
  const extra = await step(after, ['sh', '-c', after], true);
  return { ok: projects.ok && extra.ok, output: Buffer.concat([projects.output, extra.output]) };
}

const args = process.argv.slice(2);
const lanes =
  args.length > 0
    ? [step('vitest run', vitest(args))]
    : [step('browser and faults', vitest(WAITING_LANE)), busyLane()];
// In order, so the held lane's output comes whole after the streamed one's.
const results = [];
for (const running of lanes) {
  const result = await running;
  process.stdout.write(result.output);
  results.push(result.ok);
}
process.exitCode = results.every(Boolean) ? 0 : 1;
