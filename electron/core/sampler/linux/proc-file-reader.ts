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
 * A /proc/net socket table (tcp, udp6, ...) as bytes without a copy (a view of the reused buffer,
 * valid until the next read through this module), without the read that returns 0.
 * On a seq_file that last read is not free: /proc/net/tcp restarts its walk of the kernel's whole
 * established hash to find it has nothing more (a second walk, as costly as the first: 2-4 ms a
 * table on a 24 GB machine). A read ends at the end of the table or when the next record does not
 * fit the kernel's buffer (at least one 4096-byte page); a read shorter than asked that left room
 * for two more records of the longest length seen therefore ended at the end of the table.
 */
export function readProcTable(file: string): Buffer | null {
  const length = readIntoChunk(file, true);
  return length < 0 ? null : chunk.subarray(0, length);
}

/** The smallest buffer a seq_file fills (PAGE_SIZE is at least this on every Linux). */
const SEQ_FILE_BUFFER = 4096;

/** The longest line in chunk[from, to). */
function longestLine(from: number, to: number): number {
  const bytes = chunk.subarray(from, to);
  let longest = 0;
  let start = 0;
  for (let nl = bytes.indexOf(10); nl >= 0; nl = bytes.indexOf(10, start)) {
    longest = Math.max(longest, nl + 1 - start);
    start = nl + 1;
  }
  return Math.max(longest, bytes.length - start);
}

/** The whole file as bytes (a copy), or null when it is gone or not readable. */
export function readProcBytes(file: string): Buffer | null {
  const length = readIntoChunk(file);
  return length < 0 ? null : Buffer.from(chunk.subarray(0, length));
}

/**
 * Fills `chunk` (growing it as needed) with the file; -1 when the file is gone or not readable.
 * With `seqTable`, a short read that left room for more records ends it (readProcTable).
 */
function readIntoChunk(file: string, seqTable = false): number {
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
      const asked = chunk.length - length;
      const read = fs.readSync(fd, chunk, length, asked, null);
      if (read === 0) return length;
      length += read;
      if (seqTable && read < asked && read + 2 * longestLine(length - read, length) <= SEQ_FILE_BUFFER)
        return length;
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
