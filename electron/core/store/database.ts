// Opens the history database: refuses a newer schema, a foreign database or a file that is not
// SQLite at all without touching it, sets a damaged SQLite file aside (renamed, never deleted) and
// starts afresh, then sets WAL and the other pragmas and runs the migrations. Busy and I/O errors
// are thrown, never "fixed".
import Database from 'better-sqlite3';
import { existsSync, renameSync, statSync } from 'node:fs';
import { checkDatabasePath, DatabaseRefusedError, ensurePrivateDatabaseFile } from './database-path';
import { migrations, latestVersion } from './migrations';
import { describeSqliteError, isCorruption } from './sqlite-errors';

export interface OpenDatabaseOptions {
  readonly?: boolean;
  nativeBinding?: string;
  /** Messages a person should read (a file set aside). */
  onNotice?: (message: string) => void;
  /** Clock for the name of a set-aside file (tests). */
  now?: () => number;
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Set when the file at the path had to be set aside. */
  notice: string | null;
}

export { DatabaseRefusedError } from './database-path';

const MEMORY = ':memory:';
const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const readonly = options.readonly === true && file !== MEMORY;
  if (file !== MEMORY && !readonly) ensurePrivateDatabaseFile(file);
  if (readonly && !checkDatabasePath(file)) {
    throw new DatabaseRefusedError(
      `no history database at ${file} (run \`netwatch record\` or the app first)`,
    );
  }
  try {
    return { db: prepare(file, options, readonly), notice: null };
  } catch (error) {
    if (!isCorruption(error) || file === MEMORY) throw wrap(error, file);
    if (readonly) {
      throw new DatabaseRefusedError(
        `${file} is not a usable netwatch database (${errorText(error)}); the recorder will set it aside`,
      );
    }
    const aside = setAside(file, (options.now ?? Date.now)());
    const notice = `${file} was not a usable database (${errorText(error)}): it was renamed to ${aside} and a fresh history database started`;
    options.onNotice?.(notice);
    return { db: prepare(file, options, false), notice };
  }
}

function prepare(file: string, options: OpenDatabaseOptions, readonly: boolean): Database.Database {
  const db = new Database(file, {
    readonly,
    timeout: 5000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    // Read before anything writes: a refused file must leave this function untouched.
    const version = Number(db.pragma('user_version', { simple: true }));
    const tables = Number(
      db.prepare(`SELECT count(*) FROM sqlite_schema WHERE type = 'table'`).pluck().get(),
    );
    if (version > latestVersion) {
      throw new DatabaseRefusedError(
        `${file} was written by a newer netwatch (schema ${version}, this one knows up to ${latestVersion}); ` +
          'it was left as it is: update netwatch, or use another file with --db',
      );
    }
    if (version === 0 && tables > 0) {
      throw new DatabaseRefusedError(
        `${file} is an SQLite database that netwatch did not create; it was left as it is: use another file with --db`,
      );
    }
    db.pragma('busy_timeout = 5000');
    if (readonly) {
      if (version < latestVersion) {
        throw new DatabaseRefusedError(
          `${file} has an older schema (${version}); run \`netwatch record\` once to upgrade it`,
        );
      }
      return db;
    }
    if (tables === 0) db.pragma('auto_vacuum = INCREMENTAL');
    if (file !== MEMORY) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('journal_size_limit = 67108864');
    db.pragma('temp_store = MEMORY');
    // 4 MB of page cache per connection: the writer appends, readers page through the kernel's
    // page cache anyway; 16 MB here was a quarter of the recorder's memory once filled (soak).
    db.pragma('cache_size = -4000');
    // A structural check costs about 2 ms per MB: done up to QUICK_CHECK_MAX_BYTES (the start must
    // stay quick); bigger files are checked by use (a corrupt page fails its query with
    // SQLITE_CORRUPT, which is reported).
    if (file !== MEMORY && fileSize(file) <= QUICK_CHECK_MAX_BYTES) {
      const check = String(db.pragma('quick_check(1)', { simple: true }));
      if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${check}`), { code: 'SQLITE_CORRUPT' });
    }
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs every migration newer than the file's user_version, each in its own transaction. */
export function migrate(db: Database.Database): void {
  let version = Number(db.pragma('user_version', { simple: true }));
  for (const migration of migrations) {
    if (migration.version <= version) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    version = migration.version;
  }
}

/** Renames the file and its -wal/-shm companions to `<file>.corrupt-<time>`; returns the new name. */
function setAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let aside = `${file}.corrupt-${stamp}`;
  for (let n = 2; existsSync(aside); n++) aside = `${file}.corrupt-${stamp}-${n}`;
  renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function wrap(error: unknown, file: string): Error {
  if (error instanceof DatabaseRefusedError) return error;
  return new DatabaseRefusedError(describeSqliteError(error, `opening ${file}`));
}
