// One writer per database file: a lock file beside it names the recording process, so a second
// recorder (the app and `netwatch record` at once) is refused with a clear message instead of
// interleaving ids. A lock left by a process that is gone (kill -9) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export class WriterLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriterLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface WriterLock {
  release(): void;
}

export function acquireWriterLock(dbPath: string): WriterLock {
  const lockPath = `${dbPath}.lock`;
  const token = `${process.pid} ${Date.now()}-${Math.random().toString(36).slice(2)}`;
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
    let holder = NaN;
    try {
      holder = Number.parseInt(readFileSync(lockPath, 'utf8').split(' ')[0] ?? '', 10);
    } catch {
      continue; // Released between our open and read: try again.
    }
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
      throw new WriterLockedError(
        `another netwatch (pid ${holder}) is already recording into ${dbPath}; stop it first or use another file with --db`,
      );
    }
    try {
      unlinkSync(lockPath); // Stale: its process is gone.
    } catch {
      // Someone else took it over first; the next attempt decides.
    }
  }
  throw new WriterLockedError(`could not take the writer lock ${lockPath}`);
}
