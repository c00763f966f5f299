// The Store over better-sqlite3: one writer connection (statements prepared once), a separate
// read connection per export stream, the writer lock, and the pieces in this folder composed.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import type { Cursor, HistoryFilter, HistoryPage } from '../../../shared/contract';
import type { ConnectionRecord, Settings } from '../../../shared/model';
import type { TickWrite, TrackedConnection } from '../monitor/changes';
import { openDatabase, type OpenedDatabase } from './database';
import { ensurePrivateDatabaseFile } from './database-path';
import {
  filterSql,
  historySql,
  StatementCache,
  toConnectionRecord,
  type ConnectionRow,
} from './history-query';
import { ProgramQueries } from './program-queries';
import { Retention, type TrimResult } from './retention';
import { SeriesQueries } from './series-queries';
import { SettingsStore } from './settings-store';
import type {
  KnownProgram,
  RetentionOptions,
  SeriesQuery,
  Store,
  StoreOptions,
  StoreStartState,
  Totals,
} from './store';
import { TickStatements } from './write-tick';
import { acquireWriterLock, type WriterLock } from './writer-lock';

const MEMORY = ':memory:';
const MAX_PAGE = 1000;

export function openStore(options: StoreOptions): Store {
  const readonly = options.readonly === true;
  // The folder and file first (a new user has neither): the lock file is made beside them.
  if (!readonly && options.path !== MEMORY) ensurePrivateDatabaseFile(options.path);
  const lock: WriterLock | null =
    readonly || options.path === MEMORY ? null : acquireWriterLock(options.path);
  let opened: OpenedDatabase | null = null;
  try {
    opened = openDatabase(options.path, {
      readonly,
      nativeBinding: options.nativeBinding,
      onNotice: options.onNotice,
    });
    return composeStore(options, opened, lock);
  } catch (error) {
    // A failed start (a read-only file, a refused schema) leaves neither a lock nor an open file.
    if (opened?.db.open) opened.db.close();
    lock?.release();
    throw error;
  }
}

function composeStore(options: StoreOptions, opened: OpenedDatabase, lock: WriterLock | null): Store {
  const readonly = options.readonly === true;
  const db = opened.db;
  const statements = readonly ? null : new TickStatements(db);
  statements?.startRun();
  const writer = (): TickStatements => {
    if (!statements) throw new Error('the history database is open read-only');
    return statements;
  };
  const cache = new StatementCache(db);
  const programs = new ProgramQueries(db);
  const series = new SeriesQueries(db);
  const settings = new SettingsStore(db, readonly, options.onNotice);
  const retention = readonly ? null : new Retention(db);
  const meta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const counts = db.prepare<
    [],
    { connections: number; open: number; programs: number; oldest: number | null; newest: number | null }
  >(`SELECT (SELECT count(*) FROM connections) AS connections,
            (SELECT count(*) FROM connections WHERE closed_at IS NULL) AS open,
            (SELECT count(*) FROM programs) AS programs,
            (SELECT min(first_seen) FROM connections) AS oldest,
            (SELECT max(first_seen) FROM connections) AS newest`);
  const maxIds = db.prepare<[], { c: number | null; p: number | null }>(
    'SELECT (SELECT max(id) FROM connections) AS c, (SELECT max(id) FROM programs) AS p',
  );

  const sizeBytes = (): number => {
    if (options.path === MEMORY) {
      return (
        Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }))
      );
    }
    let total = 0;
    for (const suffix of ['', '-wal']) {
      try {
        total += statSync(options.path + suffix).size;
      } catch {
        // No WAL file right now.
      }
    }
    return total;
  };

  const history = (filter: HistoryFilter, cursor: Cursor | null = null, limit = 200): HistoryPage => {
    const size = Math.max(1, Math.min(MAX_PAGE, limit));
    const { where, params } = filterSql(filter, cursor);
    const rows = (
      cache.get(historySql(where, true)).all({ ...params, limit: size + 1 }) as ConnectionRow[]
    ).map(toConnectionRecord);
    const more = rows.length > size;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    return { rows, next: more && last ? { firstSeen: last.firstSeen, id: last.id } : null };
  };

  function* iterateHistory(filter: HistoryFilter): IterableIterator<ConnectionRecord> {
    // A reader of its own: its one statement sees one consistent snapshot (WAL) for as long as
    // it runs, and the writer goes on committing ticks meanwhile.
    const reader =
      options.path === MEMORY
        ? db
        : new Database(options.path, {
            readonly: true,
            timeout: 5000,
            ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          });
    try {
      const { where, params } = filterSql(filter);
      for (const row of reader.prepare(historySql(where, false)).iterate(params)) {
        yield toConnectionRecord(row as ConnectionRow);
      }
    } finally {
      if (reader !== db) reader.close();
    }
  }

  const startState = (): StoreStartState => {
    const ids = maxIds.get();
    const known = programs.known();
    const last = meta.get('last_tick_at');
    const lastTickAt = last ? Number(last.value) : null;
    return {
      programs: known,
      nextConnectionId: (ids?.c ?? 0) + 1,
      nextProgramId: (ids?.p ?? 0) + 1,
      firstRun: known.length === 0,
      lastTickAt: lastTickAt !== null && Number.isFinite(lastTickAt) ? lastTickAt : null,
    };
  };

  return {
    path: options.path,
    db,
    readonly,
    openNotice: opened.notice,
    startState,
    writeTick: (tick: TickWrite) => writer().writeTick(tick),
    reconcile: (live: Iterable<TrackedConnection>, known: Iterable<KnownProgram>, at: number) =>
      writer().reconcile(live, known, at),
    closeOpenConnections: (at: number) => writer().closeAllOpen(at),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    history,
    iterateHistory,
    programs: () => programs.list(),
    program: (id: number) => programs.get(id),
    programRecent: (id: number, limit: number) => history({ programId: id }, null, limit).rows,
    programRemotes: (id: number, limit: number) => programs.remotesOf(id, limit),
    programFirsts: (id: number, limit: number) => programs.firstsOf(id, limit),
    programSummary: (from: number, to: number) => series.summary(from, to),
    programTraffic: (from: number, to: number) => series.traffic(from, to),
    series: (query: SeriesQuery) => series.series(query),
    totals: (): Totals => {
      const c = counts.get()!;
      return {
        connections: c.connections,
        openConnections: c.open,
        programs: c.programs,
        oldest: c.oldest,
        newest: c.newest,
        sizeBytes: sizeBytes(),
      };
    },
    settings: (): Settings => settings.get(),
    updateSettings: (patch: Partial<Settings>) => settings.set(patch),
    retention: (o: RetentionOptions) => {
      if (!retention) throw new Error('the history database is open read-only');
      return retention.run(o);
    },
    trimToSize: (limitBytes: number, continuing = false) => {
      if (!retention) throw new Error('the history database is open read-only');
      const walBytes = (): number => {
        if (options.path === MEMORY) return 0;
        try {
          return statSync(`${options.path}-wal`).size;
        } catch {
          return 0;
        }
      };
      const trim = (): TrimResult =>
        retention.trimToSize({
          highBytes: limitBytes * 0.95,
          lowBytes: limitBytes * 0.85,
          walBytes,
          continuing,
        });
      const first = trim();
      if (first.deletedConnections === 0 || options.path === MEMORY) return first;
      // What was deleted is still in the WAL until a checkpoint: count the history without it.
      db.pragma('wal_checkpoint(TRUNCATE)');
      return { ...first, usedBytes: retention.usedBytes(walBytes()) };
    },
    checkpoint: () => {
      if (!readonly && options.path !== MEMORY) db.pragma('wal_checkpoint(TRUNCATE)');
    },
    sizeBytes,
    close: () => {
      if (db.open) db.close();
      lock?.release();
    },
  };
}
