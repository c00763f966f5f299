// CPU time and memory of a process and everything below it, read from /proc: the bench's meter
// for "what does watching cost". Children that exited and were reaped count through their
// parent's cutime/cstime, so a shell loop of short `ss` runs is measured whole.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ: what /proc/<pid>/stat counts in on Linux

interface ProcStat {
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null; // gone between the listing and the read
  }
  // comm may hold spaces and parentheses: the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i: number): number => Number(fields[i - 3]);
  return { ppid: n(4), ticks: n(14) + n(15) + n(16) + n(17) };
}

function childMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(Number(name));
    children.set(stat.ppid, list);
  }
  return children;
}

export function childrenOf(pid: number): number[] {
  return childMap().get(pid) ?? [];
}

export function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'latin1').trim();
  } catch {
    return '';
  }
}

/** The pid and its live descendants. */
export function processTree(root: number): number[] {
  const children = childMap();
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** CPU seconds used so far by the tree (its reaped children included). */
export function treeCpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) ticks += readStat(pid)?.ticks ?? 0;
  return ticks / CLOCK_TICKS;
}

/** Resident memory of the tree in MB (VmRSS summed; shared pages counted once per process). */
export function treeRssMb(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
      kb += m ? Number(m[1]) : 0;
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** A meter started now: `share()` is the CPU used since, as a share of one core. */
export function startCpuMeter(roots: () => number[]): { share(): number; seconds(): number } {
  const sum = (): number => roots().reduce((total, pid) => total + treeCpuSeconds(pid), 0);
  const cpu0 = sum();
  const wall0 = performance.now();
  return {
    share: () => (sum() - cpu0) / ((performance.now() - wall0) / 1000),
    seconds: () => (performance.now() - wall0) / 1000,
  };
}
