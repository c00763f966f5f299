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
}

/** How long a new row stays marked and a closed row takes to fade out. */
export const NEW_MS = 2500;
export const FADE_MS = 2000;
/** A burst of closes never keeps more than this many fading rows. */
const MAX_FADING = 5000;

export class LiveTable {
  private rows = new Map<string, LiveRow>();
  /** Fading rows' keys -> closedAt, in closing order (a Map keeps insertion order). */
  private fading = new Map<string, number>();
  private listCache: LiveRow[] | null = null;
  private listeners = new Set<() => void>();
  tick: number | null = null;
  at = 0;
  /** Grows with every change: views memoize on it. */
  version = 0;
  /** Page clock of the latest opened row: views re-render once its "new" mark expires. */
  lastOpenedAt = 0;

  get loaded(): boolean {
    return this.tick !== null;
  }

  /** Replaces everything with a snapshot (first load, or after the link reopened). */
  load(state: LiveState): void {
    this.rows = new Map(state.connections.map((c) => [c.key, { c, openedAt: 0, closedAt: null }]));
    this.fading.clear();
    this.tick = state.tick;
    this.at = state.at;
    this.changed();
  }

  /** Applies one tick's changes; a delta from before the snapshot is ignored (returns false). */
  apply(delta: LiveDelta, now: number): boolean {
    if (this.tick === null || delta.tick <= this.tick) return false;
    if (delta.opened.length > 0) this.lastOpenedAt = now;
    for (const c of delta.opened) {
      this.fading.delete(c.key);
      this.rows.set(c.key, { c, openedAt: now, closedAt: null });
    }
    for (const c of delta.changed) {
      const old = this.rows.get(c.key);
      this.fading.delete(c.key);
      this.rows.set(c.key, { c, openedAt: old?.openedAt ?? 0, closedAt: null });
    }
    for (const key of delta.closed) {
      const old = this.rows.get(key);
      if (!old || old.closedAt !== null) continue;
      this.rows.set(key, { c: old.c, openedAt: old.openedAt, closedAt: now });
      this.fading.set(key, now);
    }
    this.tick = delta.tick;
    this.at = delta.at;
    this.pruneFading(now, false);
    this.changed();
    return true;
  }

  /** Drops rows that finished fading; true when something went. */
  prune(now: number): boolean {
    return this.pruneFading(now, true);
  }

  hasFading(): boolean {
    return this.fading.size > 0;
  }

  private pruneFading(now: number, notify: boolean): boolean {
    let dropped = 0;
    for (const [key, closedAt] of this.fading) {
      if (now - closedAt < FADE_MS && this.fading.size <= MAX_FADING) break;
      this.fading.delete(key);
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
