// One writer per database file: a lock file beside it names the recording process, so a second
// recorder (the app and `netwatch record` at once) is refused with a clear message instead of
// interleaving ids. A lock whose process is gone (kill -9), or whose pid now belongs to another
// process (pid reuse after a crash or a reboot), is stale and taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parseProcStat } from '../sampler/linux/process-stat';

export class WriterLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriterLockedError';
  }
}

export interface WriterLock {
  release(): void;
}

export interface WriterLockOptions {
  /** Where /proc is (tests); without one (not Linux) only "is the pid alive" is known. */
  procRoot?: string | null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid's start time in clock ticks after boot: with the pid, the identity of a process. */
function startTicks(procRoot: string | null, pid: number): string | null {
  if (procRoot === null) return null;
  try {
    const stat = parseProcStat(readFileSync(path.join(procRoot, String(pid), 'stat'), 'latin1'));
    return stat ? String(stat.startTicks) : null;
  } catch {
    return null;
  }
}

/** Whether the pid is a netwatch, from its command line (a lock written before start times). */
function looksLikeNetwatch(procRoot: string, pid: number): boolean {
  try {
    return /netwatch/i.test(readFileSync(path.join(procRoot, String(pid), 'cmdline'), 'latin1'));
  } catch {
    return true; // Unreadable: assume it is ours rather than take a live writer's file.
  }
}

/** The lock reads "<pid> <start ticks|-> <token>": is that process still the one that wrote it? */
function heldByLiveWriter(text: string, procRoot: string | null): number | null {
  const [pidText = '', started = ''] = text.split(' ');
  const pid = /^\d{1,10}$/.test(pidText) ? Number(pidText) : NaN;
  if (!(pid > 0) || !alive(pid)) return null;
  if (procRoot === null) return pid;
  const now = startTicks(procRoot, pid);
  if (/^\d+$/.test(started)) return now === null || now === started ? pid : null;
  return looksLikeNetwatch(procRoot, pid) ? pid : null;
}

export function acquireWriterLock(dbPath: string, options: WriterLockOptions = {}): WriterLock {
  const procRoot =
    options.procRoot === undefined ? (process.platform === 'linux' ? '/proc' : null) : options.procRoot;
  const lockPath = `${dbPath}.lock`;
  const token = `${process.pid} ${startTicks(procRoot, process.pid) ?? '-'} ${Date.now()}-${Math.random().toString(36).slice(2)}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, token);
      closeSync(fd);
      return {
        release: () => {
          try {
            if (readFileSync(lockPath, 'utf8') === token) unlinkSync(lockPath);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: number | null;
    try {
      holder = heldByLiveWriter(readFileSync(lockPath, 'utf8'), procRoot);
    } catch {
      continue; // Released between our open and read: try again.
    }
    if (holder !== null) {
      throw new WriterLockedError(
        `another netwatch (pid ${holder}) is already recording into ${dbPath}; stop it first or use another file with --db`,
      );
    }
    try {
      unlinkSync(lockPath); // Stale: its process is gone, or the pid is another process now.
    } catch {
      // Someone else took it over first; the next attempt decides.
    }
  }
  throw new WriterLockedError(`could not take the writer lock ${lockPath}`);
}
