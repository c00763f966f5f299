// Reads procfs text with synchronous, chunked reads into one reused buffer (the sampler runs in a
// worker thread, so blocking reads are fine and cheaper than promises at thousands of files a tick).
import fs from 'node:fs';

/** Errors that mean "this process or file went away, or is not ours to see": normal, never fatal. */
const GONE = new Set(['ENOENT', 'ESRCH', 'EACCES', 'EPERM', 'ENOTDIR', 'EINVAL']);

export function isGoneError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && GONE.has(String(error.code));
}

let chunk = Buffer.allocUnsafe(64 * 1024);

/**
 * The whole file as latin1 text (procfs is ASCII except names, which are re-decoded where they
 * matter), or null when it does not exist or cannot be read. Reads until a read returns 0 bytes:
 * a seq_file answers each read with at most one page of whole records, so a short read is normal
 * and not the end (/proc/net/tcp returns 4050 of the 65536 bytes asked, every time).
 */
export function readProcText(file: string): string | null {
  const length = readIntoChunk(file);
  return length < 0 ? null : chunk.toString('latin1', 0, length);
}

/**
 * The whole file as bytes without a copy: a view of the reused buffer, valid only until the next
 * read through this module (parse it at once). Null when the file is gone or not readable.
 */
export function readProcView(file: string): Buffer | null {
  const length = readIntoChunk(file);
  return length < 0 ? null : chunk.subarray(0, length);
}

/** The whole file as bytes (a copy), or null when it is gone or not readable. */
export function readProcBytes(file: string): Buffer | null {
  const length = readIntoChunk(file);
  return length < 0 ? null : Buffer.from(chunk.subarray(0, length));
}

/** Fills `chunk` (growing it as needed) with the file; -1 when the file is gone or not readable. */
function readIntoChunk(file: string): number {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if (isGoneError(error)) return -1;
    throw error;
  }
  try {
    let length = 0;
    for (;;) {
      if (length === chunk.length) {
        const bigger = Buffer.allocUnsafe(chunk.length * 2);
        chunk.copy(bigger, 0, 0, length);
        chunk = bigger;
      }
      const read = fs.readSync(fd, chunk, length, chunk.length - length, null);
      if (read === 0) return length;
      length += read;
    }
  } catch (error) {
    if (isGoneError(error)) return -1;
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/** Like fs.readlinkSync, but null when the link (or its process) is gone. */
export function readLinkOrNull(file: string): string | null {
  try {
    return fs.readlinkSync(file);
  } catch (error) {
    if (isGoneError(error)) return null;
    throw error;
  }
}
