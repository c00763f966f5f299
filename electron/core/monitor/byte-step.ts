// A connection's byte counters from one reading to the next: totals, rates, and the bytes moved
// since the last reading (what the per-program traffic series adds up). A count the kernel stops
// giving (TIME_WAIT) keeps its last total; a count that goes backwards (another socket under the
// same key) restarts from the new value: a rate is never negative, a delta never below zero.
import type { SocketRow } from '../../../shared/model';

export interface ByteFacts {
  bytesSent: number | null;
  bytesReceived: number | null;
  sendRate: number | null;
  receiveRate: number | null;
}

export const NO_BYTES: ByteFacts = {
  bytesSent: null,
  bytesReceived: null,
  sendRate: null,
  receiveRate: null,
};

/** What a connection carried before this reading (LiveConnection's optional fields). */
export type ByteHistory = { [K in keyof ByteFacts]?: ByteFacts[K] };

/** One counter's step; the result is written to the stepper's fields (no allocation per socket). */
export class ByteStepper {
  /** Ms between this reading and the previous; null when no new reading came with this sample. */
  intervalMs: number | null = null;
  /** Whether bytes a socket carried before it was first read count as moved now (not on the first reading). */
  countInitial = false;
  readonly facts: ByteFacts = { ...NO_BYTES };
  sentDelta = 0;
  receivedDelta = 0;
  private total: number | null = null;
  private rate: number | null = null;
  private delta = 0;

  /** Sets facts and deltas for `row` given the connection's facts before (null: new). */
  step(before: ByteHistory | null, row: Pick<SocketRow, 'bytesSent' | 'bytesReceived'>): ByteFacts {
    this.counter(before?.bytesSent ?? null, before?.sendRate ?? null, row.bytesSent ?? null);
    this.facts.bytesSent = this.total;
    this.facts.sendRate = this.rate;
    this.sentDelta = this.delta;
    this.counter(before?.bytesReceived ?? null, before?.receiveRate ?? null, row.bytesReceived ?? null);
    this.facts.bytesReceived = this.total;
    this.facts.receiveRate = this.rate;
    this.receivedDelta = this.delta;
    return this.facts;
  }

  private counter(oldTotal: number | null, oldRate: number | null, now: number | null): void {
    this.delta = 0;
    if (now === null) {
      this.total = oldTotal;
      this.rate = null;
      return;
    }
    this.total = now;
    if (oldTotal === null) {
      // First reading of this socket: what it moved before counts only where an earlier reading
      // would have seen it had it existed (so a restart does not book a day's traffic into one minute).
      this.rate = null;
      this.delta = this.countInitial ? now : 0;
      return;
    }
    if (now < oldTotal) {
      this.rate = null;
      this.delta = now;
      return;
    }
    this.delta = now - oldTotal;
    if (this.intervalMs === null) this.rate = oldRate;
    else this.rate = this.intervalMs > 0 ? (this.delta * 1000) / this.intervalMs : oldRate;
  }
}

export function sameBytes(a: ByteHistory, b: ByteFacts): boolean {
  return (
    (a.bytesSent ?? null) === b.bytesSent &&
    (a.bytesReceived ?? null) === b.bytesReceived &&
    (a.sendRate ?? null) === b.sendRate &&
    (a.receiveRate ?? null) === b.receiveRate
  );
}
