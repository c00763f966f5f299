// Parses /proc/<pid>/stat. The command name sits in parentheses and may itself hold spaces, ')'
// and newlines, so the fields are read after the LAST ')', never by splitting the whole line.

export interface ProcStat {
  /** comm as the kernel keeps it (at most 15 bytes, any bytes but NUL), decoded as UTF-8. */
  comm: string;
  /** Field 22: start time in clock ticks after boot. With the pid, a process's identity. */
  startTicks: number;
  /** PF_EXITING in field 9 (flags): inside exit(), its exe already unreadable, its fds about to close. */
  exiting: boolean;
  /** PF_KTHREAD in flags: a kernel thread, which never holds a file descriptor. */
  kernelThread: boolean;
}

/** Field number (1-based, as in proc(5)) of starttime; fields from 3 on follow the last ')'. */
const STARTTIME_FIELD = 22;
const FLAGS_FIELD = 9;
const PF_EXITING = 0x4;
const PF_KTHREAD = 0x200000;

/** `text` as read in latin1 (bytes 1:1); null when it is not a stat line. */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  if (!/^\d+ $/.test(text.slice(0, open))) return null;
  const fields = text
    .slice(close + 1)
    .trim()
    .split(' ');
  const start = fields[STARTTIME_FIELD - 3];
  if (start === undefined || !/^\d{1,19}$/.test(start)) return null;
  const startTicks = Number(start);
  if (!Number.isSafeInteger(startTicks)) return null;
  const flags = Number(fields[FLAGS_FIELD - 3]);
  return {
    comm: Buffer.from(text.slice(open + 1, close), 'latin1').toString('utf8'),
    startTicks,
    exiting: Number.isInteger(flags) && (flags & PF_EXITING) !== 0,
    kernelThread: Number.isInteger(flags) && (flags & PF_KTHREAD) !== 0,
  };
}

/** btime from /proc/stat: boot time in seconds since the epoch; null when missing. */
export function parseBootTime(procStatText: string): number | null {
  const match = /^btime\s+(\d{1,15})\s*$/m.exec(procStatText);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * Clock ticks per second of the start time: USER_HZ, which Linux fixes at 100 for every
 * architecture netwatch runs on (what `getconf CLK_TCK` prints), so no process is spawned to ask.
 */
export const CLOCK_TICKS_PER_SECOND = 100;

/** Start time in ms since the epoch, from ticks after boot and the boot time in seconds. */
export function startTimeMs(startTicks: number, bootTimeSeconds: number): number {
  return bootTimeSeconds * 1000 + Math.round((startTicks * 1000) / CLOCK_TICKS_PER_SECOND);
}
