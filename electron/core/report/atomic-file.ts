// Writes an export to a temporary name beside its destination, then fsyncs and renames it into
// place, so a reader never sees half a file and a failed export leaves nothing behind. An existing
// file is replaced only when asked; a bad path (NUL, a directory, a missing folder) is refused
// with a message a person can act on, before anything is written.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';

export class ExportPathError extends Error {
  constructor(
    message: string,
    /** 'exists': the file is there and replacing it was not asked for. */
    readonly reason: 'exists' | 'invalid' = 'invalid',
  ) {
    super(message);
    this.name = 'ExportPathError';
  }
}

export interface AtomicFile {
  /** The destination, resolved. */
  readonly path: string;
  /** Where the bytes go until commit(); write with backpressure. */
  readonly stream: WriteStream;
  /** Flushes, fsyncs and moves the file into place. */
  commit(): Promise<void>;
  /** Removes the temporary file; the destination is untouched. */
  abort(): Promise<void>;
}

function statOrNull(file: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Checks the destination and opens a temporary file beside it. */
export function openAtomicFile(destination: string, options: { overwrite?: boolean } = {}): AtomicFile {
  if (destination === '') throw new ExportPathError('no file name given');
  if (destination.includes('\0')) throw new ExportPathError('the file name contains a NUL character');
  const target = path.resolve(destination);
  const dir = path.dirname(target);
  const parent = statOrNull(dir);
  if (!parent) throw new ExportPathError(`the folder ${dir} does not exist`);
  if (!parent.isDirectory()) throw new ExportPathError(`${dir} is not a folder`);
  const existing = statOrNull(target);
  if (existing?.isDirectory()) throw new ExportPathError(`${target} is a folder; give a file name`);
  if (existing && !options.overwrite) {
    throw new ExportPathError(`${target} already exists`, 'exists');
  }

  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  // Opened here, so a folder that cannot be written fails now. The stream owns the descriptor
  // (destroy() closes it) but keeps it open after the last write, for the fsync.
  const fd = openSync(temp, 'wx', 0o600);
  const stream = createWriteStream(temp, { fd, autoClose: false });
  let settled = false;
  const closeStream = async (): Promise<void> => {
    const closed = stream.closed ? Promise.resolve() : once(stream, 'close').catch(() => undefined);
    stream.destroy();
    await closed;
  };

  const removeTemp = (): void => {
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already gone.
    }
  };

  return {
    path: target,
    stream,
    async commit() {
      if (settled) throw new Error('this export file was already finished');
      settled = true;
      try {
        await new Promise<void>((resolve, reject) => {
          stream.once('error', reject);
          stream.end(resolve);
        });
        fsyncSync(fd);
        await closeStream();
        place(temp, target, options.overwrite === true);
        syncFolder(dir);
      } catch (error) {
        await closeStream();
        removeTemp();
        throw error;
      }
    },
    async abort() {
      if (settled) return;
      settled = true;
      await closeStream();
      removeTemp();
    },
  };
}

/** rename() replaces silently; without overwrite a hard link refuses a file that appeared meanwhile. */
function place(temp: string, target: string, overwrite: boolean): void {
  if (overwrite) return renameSync(temp, target);
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new ExportPathError(`${target} already exists`, 'exists');
    }
    // File systems without hard links (FAT, some network mounts): checked just above, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    if (statOrNull(target)) throw new ExportPathError(`${target} already exists`, 'exists');
    return renameSync(temp, target);
  }
  unlinkSync(temp);
}

/** The rename is durable once the folder's entry is on disk (best effort where folders cannot be opened). */
function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder; its rename is journaled by NTFS.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
