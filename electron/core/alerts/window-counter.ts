// Counts per key over a sliding time window, in buckets of `bucketMs` (one second by default), with
// a bound on what it holds: at most `maxEntries` (bucket, key) counts, the oldest buckets dropped
// first when a burst of distinct keys would exceed it. Memory follows that bound, never the length
// of a run. A count leaves the window whole, with its bucket: the window is exact to one bucket.

interface Bucket {
  slot: number;
  counts: Map<string, number>;
}

export class WindowCounter {
  private readonly buckets: Bucket[] = [];
  private readonly totals = new Map<string, number>();
  private entries = 0;

  constructor(
    private readonly maxEntries = 100_000,
    readonly bucketMs = 1000,
  ) {}

  add(key: string, n: number, at: number): void {
    const slot = Math.floor(at / this.bucketMs);
    let last = this.buckets[this.buckets.length - 1];
    if (!last || last.slot < slot) {
      last = { slot, counts: new Map() };
      this.buckets.push(last);
    }
    const before = last.counts.get(key);
    if (before === undefined) this.entries++;
    last.counts.set(key, (before ?? 0) + n);
    this.totals.set(key, (this.totals.get(key) ?? 0) + n);
    while (this.entries > this.maxEntries && this.buckets.length > 1) this.dropOldest();
  }

  /** Forgets what was counted before `at - windowMs`. */
  expire(at: number, windowMs: number): void {
    const oldest = Math.floor((at - windowMs) / this.bucketMs);
    while (this.buckets.length > 0 && this.buckets[0]!.slot < oldest) this.dropOldest();
  }

  count(key: string): number {
    return this.totals.get(key) ?? 0;
  }

  keys(): IterableIterator<string> {
    return this.totals.keys();
  }

  /** (bucket, key) counts held: what the memory bound applies to. */
  get size(): number {
    return this.entries;
  }

  private dropOldest(): void {
    const bucket = this.buckets.shift()!;
    for (const [key, n] of bucket.counts) {
      const left = (this.totals.get(key) ?? 0) - n;
      if (left > 0) this.totals.set(key, left);
      else this.totals.delete(key);
    }
    this.entries -= bucket.counts.size;
  }
}
