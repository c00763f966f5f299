// A short write into the history database beside a running recorder (rules and acknowledgements
// from the CLI). The recorder holds the writer lock and owns the schema and the tick rows; this
// connection only writes rows of the alert tables, in short transactions that wait for the tick
// in flight (busy_timeout). With no recorder running, the lock is taken for the while and the
// database is opened as the recorder would (created or migrated).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { DatabaseRefusedError, openDatabase } from './database';
import { latestVersion } from './migrations';
import { acquireWriterLock, WriterLockedError, type WriterLock } from './writer-lock';

export interface SideWriter {
  readonly db: Database.Database;
  close(): void;
}

export interface SideWriterOptions {
  nativeBinding?: string;
  onNotice?: (message: string) => void;
}

export function openSideWriter(file: string, options: SideWriterOptions = {}): SideWriter {
  let lock: WriterLock | null = null;
  try {
    lock = acquireWriterLock(file);
  } catch (error) {
    if (!(error instanceof WriterLockedError)) throw error;
  }
  if (lock) {
    try {
      const { db } = openDatabase(file, options);
      return {
        db,
        close: () => {
          db.close();
          lock.release();
        },
      };
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  if (!existsSync(file)) throw new DatabaseRefusedError(`no history database at ${file}`);
  const db = new Database(file, {
    fileMustExist: true,
    timeout: 5000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version !== latestVersion) {
    db.close();
    throw new DatabaseRefusedError(
      `${file} has schema ${version} while this netwatch writes schema ${latestVersion}; stop the recorder and update it`,
    );
  }
  return { db, close: () => db.close() };
}
