// The live table as the page holds it: the last snapshot with every delta since applied. Rows that
// close stay a moment to fade out, then go; nothing else is kept, so memory follows the OS's
// socket count. Row objects keep their identity until they change, so unchanged rows never re-render.
import type { LiveDelta, LiveState } from '../../../shared/contract';
import type { LiveConnection } from '../../../shared/model';

export interface LiveRow {
  c: LiveConnection;
  /** Page clock (ms) when a delta opened it; 0 for rows that came with a snapshot (not "new"). */
  openedAt: number;
  /** Page clock (ms) when a delta closed it; the row fades out until `FADE_MS` later. */
  closedAt: number | null;
  /** The table's change counter when this row object was made: who changed since a given moment. */
  touched: number;
  /** Set when the table replaced or dropped this object: holders of old rows know to look again. */
  stale?: true;
}

/** What the state menus and counts group by: the state, or "(udp)" for sockets without one. */
export function stateKey(c: LiveConnection): string {
  return c.state ?? `(${c.proto})`;
}

/** How long a new row stays marked and a closed row takes to fade out. */
export const NEW_MS = 2500;
export const FADE_MS = 2000;
/** A burst of closes never keeps more than this many fading rows. */
const MAX_FADING = 5000;
/**
 * A delta that arrives this little before a closed row is due takes the row along: rows leave with
 * a tick's render, not on a frame of their own a moment later (deltas come a second apart, give or
 * take a few milliseconds, so a row closed two ticks ago is due just before or just after).
 */
export const DUE_SLACK_MS = 250;

export class LiveTable {
  private rows = new Map<string, LiveRow>();
  /** Fading rows' keys -> closedAt, in closing order (a Map keeps insertion order). */
  private fading = new Map<string, number>();
  private listCache: LiveRow[] | null = null;
  private listeners = new Set<() => void>();
  tick: number | null = null;
  at = 0;
  /** How long the core took for the latest delta's tick (null until a delta said). */
  lastTickMs: number | null = null;
  /** Grows with every change: views memoize on it. */
  version = 0;
  /** Page clock of the latest opened row: views re-render once its "new" mark expires. */
  lastOpenedAt = 0;
  /** Counts a row's `touched` from; grows by one with each load or delta. */
  private stamp = 0;
  /** Open rows by stateKey, kept as rows come and go rather than recounted every tick. */
  private states = new Map<string, number>();

  get loaded(): boolean {
    return this.tick !== null;
  }

  /** Replaces everything with a snapshot (first load, or after the link reopened). */
  load(state: LiveState): void {
    const touched = ++this.stamp;
    for (const old of this.rows.values()) old.stale = true;
    this.rows = new Map(state.connections.map((c) => [c.key, { c, openedAt: 0, closedAt: null, touched }]));
    this.fading.clear();
    this.states.clear();
    for (const c of state.connections) this.count(c, 1);
    this.tick = state.tick;
    this.at = state.at;
    this.changed();
  }

  /** Applies one tick's changes; a delta from before the snapshot is ignored (returns false). */
  apply(delta: LiveDelta, now: number): boolean {
    if (this.tick === null || delta.tick <= this.tick) return false;
    const touched = ++this.stamp;
    if (delta.opened.length > 0) this.lastOpenedAt = now;
    for (const c of delta.opened) this.put(c, now, touched);
    for (const c of delta.changed) this.put(c, this.rows.get(c.key)?.openedAt ?? 0, touched);
    for (const key of delta.closed) {
      const old = this.rows.get(key);
      if (!old || old.closedAt !== null) continue;
      this.count(old.c, -1);
      old.stale = true;
      this.rows.set(key, { c: old.c, openedAt: old.openedAt, closedAt: now, touched });
      this.fading.set(key, now);
    }
    this.tick = delta.tick;
    this.at = delta.at;
    if (delta.durationMs !== undefined) this.lastTickMs = delta.durationMs;
    const dropped = this.pruneFading(now + DUE_SLACK_MS, false);
    // An idle machine sends empty deltas every second: nothing to render again for them.
    if (delta.opened.length + delta.changed.length + delta.closed.length > 0 || dropped) this.changed();
    return true;
  }

  /** Sets an open row, replacing (and uncounting) whatever was there. */
  private put(c: LiveConnection, openedAt: number, touched: number): void {
    const old = this.rows.get(c.key);
    if (old && old.closedAt === null) this.count(old.c, -1);
    if (old) old.stale = true;
    this.fading.delete(c.key);
    this.rows.set(c.key, { c, openedAt, closedAt: null, touched });
    this.count(c, 1);
  }

  private count(c: LiveConnection, by: number): void {
    const key = stateKey(c);
    const n = (this.states.get(key) ?? 0) + by;
    if (n > 0) this.states.set(key, n);
    else this.states.delete(key);
  }

  /** Open rows by state ("(udp)" for those without one); a copy. */
  stateCounts(): Map<string, number> {
    return new Map(this.states);
  }

  /** The change counter: rows with `touched` above a value read earlier changed since. */
  get stampNow(): number {
    return this.stamp;
  }

  /** Drops rows that finished fading; true when something went. */
  prune(now: number): boolean {
    return this.pruneFading(now, true);
  }

  hasFading(): boolean {
    return this.fading.size > 0;
  }

  /** Page clock when the oldest fading row is due to go; null when none fades. */
  fadeDueAt(): number | null {
    for (const closedAt of this.fading.values()) return closedAt + FADE_MS;
    return null;
  }

  private pruneFading(now: number, notify: boolean): boolean {
    let dropped = 0;
    for (const [key, closedAt] of this.fading) {
      if (now - closedAt < FADE_MS && this.fading.size <= MAX_FADING) break;
      this.fading.delete(key);
      const gone = this.rows.get(key);
      if (gone) gone.stale = true;
      this.rows.delete(key);
      dropped++;
    }
    if (dropped > 0 && notify) this.changed();
    return dropped > 0;
  }

  /** Every row, fading ones included; the same array until the next change. */
  list(): LiveRow[] {
    this.listCache ??= [...this.rows.values()];
    return this.listCache;
  }

  get(key: string): LiveRow | undefined {
    return this.rows.get(key);
  }

  /** Open connections (fading rows excluded). */
  openCount(): number {
    return this.rows.size - this.fading.size;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    this.listCache = null;
    for (const listener of [...this.listeners]) listener();
  }
}
