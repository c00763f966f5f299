// What netwatch says about a socket's owner: comm, executable, command line and start time, read
// from /proc/<pid>. Every read may find the process gone; that yields null, never an error.
import fs from 'node:fs';
import path from 'node:path';
import { readLinkOrNull, readProcText } from './proc-file-reader';
import { parseProcStat, startTimeMs, type ProcStat } from './process-stat';

export interface ProcessInfo {
  pid: number;
  startTicks: number;
  /** ms since the epoch. */
  start: number;
  comm: string;
  exe: string | null;
  cmdline: string | null;
}

/** Longest command line kept (a contract field limit too); longer ones end with an ellipsis. */
export const CMDLINE_LIMIT = 4096;
const DELETED = ' (deleted)';

/** The process's stat; null when it is gone or unreadable for any reason (never throws). */
export function readProcStat(procRoot: string, pid: number): ProcStat | null {
  try {
    const text = readProcText(path.join(procRoot, String(pid), 'stat'));
    return text === null ? null : parseProcStat(text);
  } catch {
    return null;
  }
}

/**
 * The executable path. The kernel appends " (deleted)" when the binary was removed or replaced
 * (an upgrade under a running program); the path is what names the program, so the suffix goes,
 * unless a file with that very name exists.
 */
export function readExe(procRoot: string, pid: number): string | null {
  const link = readLinkOrNull(path.join(procRoot, String(pid), 'exe'));
  if (link === null || link === '') return null;
  if (link.endsWith(DELETED) && !fs.existsSync(link)) return link.slice(0, -DELETED.length);
  return link;
}

/** argv joined by spaces (the kernel separates it with NULs); null for kernel threads. */
export function parseCmdline(raw: Buffer): string | null {
  let end = raw.length;
  while (end > 0 && raw[end - 1] === 0) end--;
  if (end === 0) return null;
  let text = raw.toString('utf8', 0, Math.min(end, CMDLINE_LIMIT * 4)).replace(/\0/g, ' ');
  if (text.length > CMDLINE_LIMIT) text = text.slice(0, CMDLINE_LIMIT - 1) + '…';
  return text;
}

function readCmdline(procRoot: string, pid: number): string | null {
  let fd: number;
  try {
    fd = fs.openSync(path.join(procRoot, String(pid), 'cmdline'), 'r');
  } catch {
    return null;
  }
  try {
    // Only the head: an argv can be megabytes and only CMDLINE_LIMIT characters are kept.
    const buffer = Buffer.alloc(CMDLINE_LIMIT * 4);
    let length = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    return parseCmdline(buffer.subarray(0, length));
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Everything about pid whose stat was just read; exe and cmdline may be null (gone, or not ours). */
export function readProcessInfo(
  procRoot: string,
  pid: number,
  stat: ProcStat,
  bootTime: number,
): ProcessInfo {
  return {
    pid,
    startTicks: stat.startTicks,
    start: startTimeMs(stat.startTicks, bootTime),
    comm: stat.comm,
    exe: readExe(procRoot, pid),
    cmdline: readCmdline(procRoot, pid),
  };
}

/** The pids listed in procRoot now (its numeric entries). */
export function listPids(procRoot: string): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync(procRoot)) {
    const code = name.charCodeAt(0);
    if (code < 48 || code > 57) continue;
    const pid = Number(name);
    if (Number.isSafeInteger(pid) && pid > 0) pids.push(pid);
  }
  return pids;
}
