import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by process from /proc (Linux), to say where a saturated acknowledgement's CPU goes:
 * the server, the load generator and PostgreSQL share the bench's cores, and the ceiling is
 * compared with pgbench, whose commits cost PostgreSQL and pgbench's own process.
 */

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User plus system CPU seconds of one process so far (all its threads). */
export function cpuSecondsOf(pid: number): number {
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/**
 * CPU seconds so far of the PostgreSQL backends connected to `database` (their process title is
 * `postgres: user database host(port) state`). A backend that exits between two readings takes
 * its time with it, so read around a window in which the connections stay open.
 */
export function databaseCpuSeconds(database: string): number {
  let seconds = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${database} `))
        seconds += cpuSecondsOf(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return seconds;
}

/** CPU time of the whole machine so far, in clock ticks: busy and in all (from /proc/stat). */
export function machineTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal; guest time is already inside user and nice.
  const ticks = fields.slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
}
