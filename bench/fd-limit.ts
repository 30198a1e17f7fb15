import { execFileSync } from 'node:child_process';

/**
 * Each side (this process and the server child) holds one descriptor per candidate, plus the
 * database pool, the worker threads and node's own.
 */
export function descriptorsNeeded(candidates: number): number {
  return candidates + 1024;
}

/**
 * Checks the open-file limit before anything starts: too low a limit shows up as EMFILE in the
 * middle of a run. Node raises its soft limit to the hard limit at start-up, so the number that
 * counts is what `ulimit -n` says inside this process. When it is too low this says how to raise
 * it and returns the largest number of candidates that fits.
 */
export function checkDescriptorLimit(candidates: number): {
  ok: boolean;
  limit: number;
  fits: number;
} {
  const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  const limit = out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
  const needed = descriptorsNeeded(candidates);
  const fits = Math.max(0, limit - descriptorsNeeded(0));
  if (limit >= needed) return { ok: true, limit, fits };
  console.log(
    [
      `Open-file limit too low: ulimit -n is ${limit}; ${candidates} candidates need about ${needed}`,
      '(one socket each in this process and in the server). Raise the hard limit, e.g. `ulimit -n 20000`',
      'as root in the shell, `docker run --ulimit nofile=20000:20000`, or `LimitNOFILE=20000` for a',
      'systemd unit, and run again.',
    ].join('\n'),
  );
  return { ok: false, limit, fits };
}
