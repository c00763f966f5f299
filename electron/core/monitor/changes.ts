// What one tick changed, as the monitor sees it: the input of the store, the alert engine and the
// live delta. Plain data; built by monitor.ts from two consecutive snapshots.
import type { LiveConnection, Snapshot } from '../../../shared/model';
import type { SeriesRow } from './series-metrics';

/** A live connection with the history row it is written to (ids are assigned by the monitor). */
export interface TrackedConnection {
  rowId: number;
  connection: LiveConnection;
}

/** A connection whose state, queues, owner or program changed since the previous tick. */
export interface ChangedConnection extends TrackedConnection {
  /** The connection as it was before this tick. */
  previous: LiveConnection;
  /** State before this tick (null for stateless sockets). */
  previousState: string | null;
  /** Program before this tick: null -> id when a binary's hash arrived after the socket opened. */
  previousProgramId: number | null;
  /** True when something the history keeps changed (state, owner, program), not only queues. */
  persistent: boolean;
}

/** A closed connection: its last row as seen, and when it was found gone. */
export interface ClosedConnection extends TrackedConnection {
  closedAt: number;
}

/** A program as the registry knows it: executable path plus the SHA-256 of the binary. */
export interface ProgramIdentity {
  id: number;
  exe: string;
  /** null when the binary could not be read (another user's process, vanished, special file). */
  sha256: string | null;
  /** Base name of the executable, for display. */
  name: string;
}

/**
 * A program seen with a network connection for the first time ('new'), or an executable path seen
 * again with a different binary ('changed'). `connection` is the socket that brought it.
 */
export interface ProgramSighting {
  kind: 'new' | 'changed';
  program: ProgramIdentity;
  /** For 'changed': the program (same exe path) known before. */
  previous: ProgramIdentity | null;
  /** Running when netwatch first started on this database: learned as known, never alerted. */
  baseline: boolean;
  pid: number | null;
  uid: number | null;
  user: string | null;
  cmdline: string | null;
  /** Whether the binary had been deleted from disk (`/proc/<pid>/exe` ends in " (deleted)"). */
  deleted: boolean;
  connection: LiveConnection;
  at: number;
}

export interface Changes {
  /** Tick number since the service started, from 1. */
  tick: number;
  /**
   * Tick time, ms since the epoch: the snapshot's wall clock, but never earlier than the
   * previous tick plus the monotonic time elapsed (a clock set back does not make time run back).
   */
  at: number;
  /** Tick time of the previous tick (null on the first): the last time closed connections were seen. */
  previousAt: number | null;
  /** Monotonic ms of the snapshot: for durations and rates. */
  monotonicMs: number;
  /** Monotonic ms since the previous tick (0 on the first). */
  elapsedMs: number;
  snapshot: Snapshot;
  /** Every connection alive after this tick, with its row id (the monitor's own map: do not mutate). */
  live: ReadonlyMap<string, TrackedConnection>;
  opened: TrackedConnection[];
  changed: ChangedConnection[];
  closed: ClosedConnection[];
  /** Subsets of opened/closed with direction 'listen'. */
  listenersOpened: TrackedConnection[];
  listenersClosed: ClosedConnection[];
  programs: ProgramSighting[];
  /** Programs with at least one live connection this tick (their last seen moves to `at`). */
  activePrograms: number[];
  /** Per-minute series buckets completed by this tick (usually none; one set per minute). */
  series: SeriesRow[];
  /**
   * True on the first tick of a database that had never recorded a program: every program seen
   * in this tick (and resolved later from it) is baseline.
   */
  firstRun: boolean;
  /** Flows of the event feed no poll saw: in opened and closed too (history rows), never live. */
  flows: ClosedConnection[];
  /** Once a minute (with the series): open connections whose byte counts moved since last written. */
  bytes: ByteUpdate[];
  /** Connections that moved bytes this tick and how many (what the traffic series add up; known counts only). */
  moved: MovedBytes[];
}

/** Bytes one connection sent and received since the last tick: never negative (see byte-step.ts). */
export interface MovedBytes {
  connection: LiveConnection;
  sent: number;
  received: number;
}

/** The byte counts of an open connection's history row. */
export interface ByteUpdate {
  rowId: number;
  bytesSent: number | null;
  bytesReceived: number | null;
}

/**
 * The part of Changes the store writes: what a tick queued while the disk is full keeps (no
 * snapshot, no live map, only changes that reach the history), so a queued tick stays small.
 */
export type TickWrite = Pick<
  Changes,
  'tick' | 'at' | 'previousAt' | 'opened' | 'closed' | 'programs' | 'activePrograms' | 'series'
> & {
  bytes?: ByteUpdate[];
  /** Only the changes the history keeps (ChangedConnection.persistent). */
  changed: ChangedConnection[];
};

export function toTickWrite(changes: Changes): TickWrite {
  return {
    tick: changes.tick,
    at: changes.at,
    previousAt: changes.previousAt,
    opened: changes.opened,
    changed: changes.changed.filter((c) => c.persistent),
    closed: changes.closed,
    programs: changes.programs,
    activePrograms: changes.activePrograms,
    series: changes.series,
    bytes: changes.bytes,
  };
}
