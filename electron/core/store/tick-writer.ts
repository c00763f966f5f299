// Writes ticks through the store, riding out a full disk or a busy/failing file: a tick that
// cannot be written waits in a bounded queue (oldest dropped first, then the live state is
// reconciled), the failure is reported once, and writing resumes by itself when it can.
import type { TickWrite, TrackedConnection } from '../monitor/changes';
import type { KnownProgram, Store } from './store';
import { describeSqliteError } from './sqlite-errors';

export interface TickWriterOptions {
  /** Ticks kept at most while writes fail. */
  maxPendingTicks?: number;
  /** Connection rows (opened + changed + closed) kept at most while writes fail. */
  maxPendingRows?: number;
  /** A person-readable change of health: failing (message) or recovered (null). */
  onHealth?: (message: string | null) => void;
}

/** What reconcile needs when dropped ticks left the rows behind the live state. */
export interface LiveSource {
  live(): Iterable<TrackedConnection>;
  programs(): Iterable<KnownProgram>;
}

function rowsOf(tick: TickWrite): number {
  return tick.opened.length + tick.changed.length + tick.closed.length + tick.series.length + 1;
}

export class TickWriter {
  private readonly queue: TickWrite[] = [];
  private queuedRows = 0;
  private droppedTicks = 0;
  private lastWrittenAt = 0;
  private failure: string | null = null;
  private readonly maxPendingTicks: number;
  private readonly maxPendingRows: number;

  constructor(
    private readonly store: Store,
    private readonly source: LiveSource,
    private readonly options: TickWriterOptions = {},
  ) {
    this.maxPendingTicks = options.maxPendingTicks ?? 600;
    this.maxPendingRows = options.maxPendingRows ?? 250_000;
  }

  /** Writes this tick (after any queued ones); false when it had to wait in the queue. */
  write(tick: TickWrite): boolean {
    this.queue.push(tick);
    this.queuedRows += rowsOf(tick);
    this.bound();
    return this.drain() && this.queue.length === 0;
  }

  /** Tries the queue again (a tick, or shutdown); true when nothing is left waiting. */
  drain(): boolean {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      try {
        this.store.writeTick(head);
      } catch (error) {
        this.fail(error);
        return false;
      }
      this.queue.shift();
      this.queuedRows -= rowsOf(head);
      this.lastWrittenAt = head.at;
    }
    if (this.droppedTicks > 0) {
      try {
        this.store.reconcile(this.source.live(), this.source.programs(), this.lastWrittenAt);
      } catch (error) {
        this.fail(error);
        return false;
      }
    }
    this.droppedTicks = 0;
    if (this.failure !== null) {
      this.failure = null;
      this.options.onHealth?.(null);
    }
    return true;
  }

  get pendingTicks(): number {
    return this.queue.length;
  }

  /** Ticks dropped from the queue since writing last succeeded (their changes are reconciled). */
  get dropped(): number {
    return this.droppedTicks;
  }

  /** The current failure's message, or null while writes succeed. */
  get message(): string | null {
    return this.failure;
  }

  private bound(): void {
    while (
      this.queue.length > 1 &&
      (this.queue.length > this.maxPendingTicks || this.queuedRows > this.maxPendingRows)
    ) {
      const dropped = this.queue.shift()!;
      this.queuedRows -= rowsOf(dropped);
      this.droppedTicks++;
    }
  }

  private fail(error: unknown): void {
    const message = describeSqliteError(error, 'writing to the history database');
    if (message !== this.failure) {
      this.failure = message;
      this.options.onHealth?.(message);
    }
  }
}
