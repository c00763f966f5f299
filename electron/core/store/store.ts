// The store's public face: what the service, the CLI, the alert engine and the report exporter may
// ask of the history database. Implemented by open-store.ts over better-sqlite3.
import type Database from 'better-sqlite3';
import type { Cursor, HistoryFilter, HistoryPage, SeriesMetric } from '../../../shared/contract';
import type {
  HostSource,
  ConnectionRecord,
  FirstReach,
  ProgramRecord,
  SeriesPoint,
  Settings,
} from '../../../shared/model';
import type { ProgramIdentity, TickWrite, TrackedConnection } from '../monitor/changes';
import type { TrimResult } from './retention';

export interface StoreOptions {
  /** SQLite file, or ':memory:' (tests). */
  path: string;
  /** Open without writing: no migrations, no writer lock (history / programs commands). */
  readonly?: boolean;
  /** Where messages a person should read go (a database set aside, a refused lock). */
  onNotice?: (message: string) => void;
  /** better-sqlite3's nativeBinding (the Electron build in development); see CoreOptions. */
  nativeBinding?: string;
}

/** A program known from earlier runs, as the registry needs it to recognise it again. */
export interface KnownProgram extends ProgramIdentity {
  baseline: boolean;
}

/** What the monitor needs to continue where the last run stopped. */
export interface StoreStartState {
  programs: KnownProgram[];
  /** Ids the monitor assigns next (it owns id allocation so a queued tick keeps its ids). */
  nextConnectionId: number;
  nextProgramId: number;
  /** No program was ever recorded: the first tick is the learning baseline. */
  firstRun: boolean;
  /** Time of the last tick written by any run; new ticks never go earlier than this. */
  lastTickAt: number | null;
}

export interface Totals {
  connections: number;
  openConnections: number;
  programs: number;
  oldest: number | null;
  newest: number | null;
  sizeBytes: number;
}

export interface RemoteTotal {
  address: string;
  host: string | null;
  hostSource: HostSource | null;
  count: number;
  country: string | null;
  asn: number | null;
  asOrg: string | null;
  /** Over the connections counted (null: none had counts). */
  bytesSent: number | null;
  bytesReceived: number | null;
}

export interface ProgramSummaryRow {
  programId: number | null;
  /** Series key ("#12", "comm:sshd", "(unattributed)"). */
  key: string;
  name: string;
  newConnections: number;
  /** Mean open connections over the range. */
  meanOpen: number;
  /** The highest hourly mean of open connections in the range. */
  peakOpen: number;
}

export interface SeriesQuery {
  metric: SeriesMetric;
  from: number;
  to: number;
  bucketMs?: number;
  limitSeries?: number;
}

export interface RetentionOptions {
  /** Closed connections and series buckets older than this go (ms since the epoch). */
  cutoff: number;
  /** Minute buckets older than this (by whole hours) are dropped; their hour buckets stay. */
  rollupBefore: number;
  /** Rows per delete statement (each batch its own transaction). */
  batchSize?: number;
  /** Batches at most in this call; `more` says whether another call is needed. */
  maxBatches?: number;
}

export interface RetentionResult {
  cutoff: number;
  deletedConnections: number;
  /** Minute buckets dropped (their hours were written alongside them). */
  rolledUpSeries: number;
  deletedSeries: number;
  /** Acknowledged alerts last raised before the cutoff. */
  deletedAlerts: number;
  more: boolean;
}

export interface Store {
  readonly path: string;
  /**
   * The one writer connection. Stages that add tables (alerts: migration 0002 and up) prepare
   * their statements on it and write in `transaction()` right after the tick.
   */
  readonly db: Database.Database;
  readonly readonly: boolean;
  /** Set when opening had to do something a person should know (a corrupt file set aside). */
  readonly openNotice: string | null;

  startState(): StoreStartState;
  /** Writes one tick in one transaction; throws (SqliteError) and leaves nothing half-written. */
  writeTick(tick: TickWrite): void;
  /**
   * Brings the rows of open connections in line with the monitor's live set after ticks were
   * dropped (disk full for long): rows not live are closed at `at`, live ones missing inserted.
   */
  reconcile(live: Iterable<TrackedConnection>, programs: Iterable<KnownProgram>, at: number): void;
  /**
   * Closes every open connection row of this run at `at` (clean shutdown). Rows a crashed run left
   * open are closed at its last tick when the store is opened for writing.
   */
  closeOpenConnections(at: number): number;
  transaction<T>(fn: () => T): T;

  history(filter: HistoryFilter, cursor?: Cursor | null, limit?: number): HistoryPage;
  /**
   * Every matching row, newest first, streamed on a separate read connection: a consistent
   * snapshot that never holds up the writer. Close it by finishing or calling return().
   */
  iterateHistory(filter: HistoryFilter): IterableIterator<ConnectionRecord>;
  programs(): ProgramRecord[];
  program(id: number): ProgramRecord | null;
  programRecent(id: number, limit: number): ConnectionRecord[];
  programRemotes(id: number, limit: number): RemoteTotal[];
  /** A program's first connection to each country and AS, newest first. */
  programFirsts(id: number, limit: number): FirstReach[];
  /** Per-program totals over the whole hours of [from, to), from the hour buckets. */
  programSummary(from: number, to: number): ProgramSummaryRow[];
  /** Bytes sent and received per program series key ("#12", "comm:curl") over [from, to). */
  programTraffic(from: number, to: number): Map<string, { sent: number; received: number }>;
  series(query: SeriesQuery): SeriesPoint[];
  totals(): Totals;

  settings(): Settings;
  updateSettings(patch: Partial<Settings>): Settings;

  retention(options: RetentionOptions): RetentionResult;
  /**
   * Keeps the history under `limitBytes` (pages in use plus the WAL): past 95% of it, the oldest
   * closed connections go, a few small batches per call, until it is under 85%. `continuing`:
   * the last call said `more`.
   */
  trimToSize(limitBytes: number, continuing?: boolean): TrimResult;
  /** WAL checkpoint (TRUNCATE): keeps the -wal file from growing. */
  checkpoint(): void;
  sizeBytes(): number;
  close(): void;
}
