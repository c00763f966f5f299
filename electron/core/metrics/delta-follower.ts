// Follows a core's live.onDelta events and hands each tick on with what the delta leaves out: the
// row a changed connection had before, and the last row of a closed one (a delta names it by key).
// Shared by the metrics and the event stream, which both run beside the core as its listeners.
import type { LiveDelta, LiveState } from '../../../shared/contract';
import type { LiveConnection } from '../../../shared/model';
import type { CoreService } from '../core-service';

export interface FollowedChange {
  now: LiveConnection;
  before: LiveConnection;
}

export interface FollowedTick {
  tick: number;
  /** Tick time, ms since the epoch: also the closing time history gives the closed connections. */
  at: number;
  opened: readonly LiveConnection[];
  changed: readonly FollowedChange[];
  /** Closed connections as they were last seen. */
  closed: readonly LiveConnection[];
  /** How long the core took for this tick, ms (absent for a seed and where not measured). */
  durationMs?: number;
}

/** Keeps the live rows by key (references to the deltas' own objects, never copies). */
export class DeltaFollower {
  private readonly live = new Map<string, LiveConnection>();
  private afterTick = 0;

  /**
   * Starts from a live snapshot, older deltas ignored. Its connections come back as opened: the
   * first ticks may run before a listener attaches (the core samples while the kernel event feed
   * starts), and history holds them as opened at their firstSeen all the same.
   */
  seed(state: LiveState): FollowedTick | null {
    this.live.clear();
    for (const connection of state.connections) this.live.set(connection.key, connection);
    this.afterTick = state.tick;
    if (state.connections.length === 0) return null;
    return { tick: state.tick, at: state.at, opened: state.connections, changed: [], closed: [] };
  }

  /** null for a delta the seed already holds. */
  follow(delta: LiveDelta): FollowedTick | null {
    if (delta.tick <= this.afterTick) return null;
    this.afterTick = delta.tick;
    const opened: LiveConnection[] = [];
    const changed: FollowedChange[] = [];
    const closed: LiveConnection[] = [];
    for (const connection of delta.opened) {
      this.live.set(connection.key, connection);
      opened.push(connection);
    }
    for (const connection of delta.changed) {
      const before = this.live.get(connection.key);
      this.live.set(connection.key, connection);
      // A change to a row never seen (a missed delta) is adopted: counted from now, not "opened".
      if (before) changed.push({ now: connection, before });
      else opened.push(connection);
    }
    for (const key of delta.closed) {
      const last = this.live.get(key);
      if (!last) continue;
      this.live.delete(key);
      closed.push(last);
    }
    return { tick: delta.tick, at: delta.at, opened, changed, closed, durationMs: delta.durationMs };
  }

  get size(): number {
    return this.live.size;
  }
}

/**
 * Subscribes to the core, seeds from live.snapshot (deltas arriving meanwhile wait for it) and
 * calls onTick for every tick after. Returns the unsubscribe function.
 */
export function followCore(
  core: CoreService,
  onTick: (tick: FollowedTick) => void,
  onError: (error: unknown) => void,
): () => void {
  const follower = new DeltaFollower();
  let waiting: LiveDelta[] | null = [];
  const handle = (delta: LiveDelta): void => {
    const tick = follower.follow(delta);
    if (tick) onTick(tick);
  };
  const unsubscribe = core.subscribe((name, payload) => {
    if (name !== 'live.onDelta') return;
    const delta = payload as LiveDelta;
    if (waiting) waiting.push(delta);
    else handle(delta);
  });
  core.handlers.live.snapshot({}).then(
    (state) => {
      const seeded = follower.seed(state);
      if (seeded) onTick(seeded);
      const queued = waiting ?? [];
      waiting = null;
      for (const delta of queued) handle(delta);
    },
    (error: unknown) => {
      // Without a seed the deltas still count from here on; only older connections are missed.
      const queued = waiting ?? [];
      waiting = null;
      for (const delta of queued) handle(delta);
      onError(error);
    },
  );
  return unsubscribe;
}
