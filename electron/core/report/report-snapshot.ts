// One consistent view of the history database for an export: a read-only connection of its own
// inside one read transaction (a WAL snapshot). Everything an export reads (the count, the rows,
// the report's summary) comes from the same moment, and the recorder keeps committing meanwhile.
import Database from 'better-sqlite3';
import type { HistoryFilter } from '../../../shared/contract';
import type { ConnectionRecord } from '../../../shared/model';
import { checkDatabasePath, DatabaseRefusedError } from '../store/database-path';
import { filterSql, historySql, toConnectionRecord, type ConnectionRow } from '../store/history-query';
import { latestVersion } from '../store/migrations';

export interface ReportSnapshot {
  readonly db: Database.Database;
  /** Rows matching the filter in the snapshot. */
  count(filter: HistoryFilter): number;
  /** Every matching row, newest first (as history.query), streamed from the snapshot. */
  rows(filter: HistoryFilter): IterableIterator<ConnectionRecord>;
  close(): void;
}

export interface SnapshotOptions {
  /** The history database file. */
  path: string;
  /** better-sqlite3's nativeBinding (the Electron build in development). */
  nativeBinding?: string;
}

export function openReportSnapshot(options: SnapshotOptions): ReportSnapshot {
  let db: Database.Database;
  checkDatabasePath(options.path); // A FIFO would hang open().
  try {
    db = new Database(options.path, {
      readonly: true,
      fileMustExist: true,
      timeout: 5000,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw new DatabaseRefusedError(
      `no readable history database at ${options.path} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  try {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version < 1 || version > latestVersion) {
      throw new DatabaseRefusedError(`${options.path} is not a history database this netwatch can read`);
    }
    // The snapshot starts at the first read inside the transaction: take it now.
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    db,
    count(filter) {
      const { where, params } = filterSql(filter);
      return Number(db.prepare(`SELECT count(*) FROM connections c ${where}`).pluck().get(params));
    },
    *rows(filter) {
      const { where, params } = filterSql(filter);
      for (const row of db.prepare(historySql(where, false)).iterate(params)) {
        yield toConnectionRecord(row as ConnectionRow);
      }
    },
    close() {
      if (!db.open) return;
      try {
        if (db.inTransaction) db.exec('COMMIT');
      } catch {
        // A row stream left open: closing the connection ends the read all the same.
      }
      db.close();
    },
  };
}
