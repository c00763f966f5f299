// What sits at a database path, checked before SQLite opens it: a FIFO or a device would hang in
// open() or be written into, a missing file is created private (0600 in a 0700 folder), and only
// a file that begins as SQLite does may ever be set aside as damaged.
import { closeSync, constants, mkdirSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** A database this netwatch must not open (newer schema, someone else's file, unreadable). */
export class DatabaseRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseRefusedError';
  }
}

/** The path itself is wrong for a database (not a regular file, not SQLite): a bad --db, exit 2. */
export class DatabasePathRefusedError extends DatabaseRefusedError {
  constructor(message: string) {
    super(message);
    this.name = 'DatabasePathRefusedError';
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Throws unless the path is missing, an empty regular file, or a regular file that begins as
 * SQLite does (`--db /etc/passwd` is refused, untouched); true when it exists. Never opens
 * anything but a regular file.
 */
export function checkDatabasePath(file: string): boolean {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new DatabaseRefusedError(`cannot use ${file}: ${(error as Error).message}`);
  }
  if (!stat.isFile()) {
    throw new DatabasePathRefusedError(
      `${file} is ${kindOf(stat)}, not a database file; it was left as it is: give --db the path of a file`,
    );
  }
  if (stat.size > 0 && !beginsAsSqlite(file)) {
    throw new DatabasePathRefusedError(
      `${file} is not an SQLite database (it does not begin with the SQLite header); it was left as it is: use another file with --db`,
    );
  }
  return true;
}

/** Checks the path, then creates its folder (0700) and an empty file (0600) when missing. */
export function ensurePrivateDatabaseFile(file: string): void {
  if (checkDatabasePath(file)) return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  try {
    // SQLite gives its -wal and -shm files the mode of the database file: all stay private.
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** The file begins with SQLite's header: damage inside it may be set aside; anything else may not. */
function beginsAsSqlite(file: string): boolean {
  let fd;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}
