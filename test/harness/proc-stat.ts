/**
 * CPU time of processes, read from Linux's /proc: for tests that report where time went (which
 * server worker was busy, how much the database used).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc/<pid>/stat tells it. */
export interface ProcessCpu {
  pid: number;
  ppid: number;
  /** Its process group. */
  pgid: number;
  /** The command line, arguments joined with spaces. */
  cmdline: string;
  /** User plus system CPU time, in seconds. */
  cpuSeconds: number;
  /** CPU time of its children that ended and were waited for, in seconds. */
  endedChildrenCpuSeconds: number;
}

// NB: USER_HZ, the unit of /proc's CPU times: 100 on every Linux architecture Node supports.
const TICKS_PER_SECOND = 100;

/** Every process this user may read now (processes that end meanwhile are left out). */
export function processes(): ProcessCpu[] {
  const all: ProcessCpu[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // NB: the fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = (from: number) => (Number(fields[from]) + Number(fields[from + 1])) / TICKS_PER_SECOND;
      all.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        pgid: Number(fields[2]),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim(),
        cpuSeconds: ticks(11),
        endedChildrenCpuSeconds: ticks(13),
      });
    } catch {
      // ended meanwhile
    }
  }
  return all;
}
