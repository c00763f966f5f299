// When to look again for the owner of a socket that had none (step 4 of inode-owner-map.ts): after
// a delay that doubles at each miss, on a grid shared by every unowned socket of the host, so they
// are looked for together (one search, not one per socket).

/** Misses after which the delay stops doubling (32 x the grid). */
const MAX_BACKOFF_STEPS = 5;

interface Unowned {
  /** Monotonic ms of its next search. */
  retryAt: number;
  misses: number;
}

export class UnownedRetries {
  private readonly entries = new Map<number, Unowned>();

  constructor(private readonly gridMs: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Its next search is not due yet. */
  waiting(inode: number, now: number): boolean {
    const entry = this.entries.get(inode);
    return entry !== undefined && entry.retryAt > now;
  }

  /** Not found once more: the next search waits longer. */
  missed(inode: number, now: number): void {
    const misses = (this.entries.get(inode)?.misses ?? 0) + 1;
    const delay = this.gridMs * 2 ** Math.min(misses - 1, MAX_BACKOFF_STEPS);
    this.entries.set(inode, { retryAt: Math.ceil((now + delay) / this.gridMs) * this.gridMs, misses });
  }

  found(inode: number): void {
    this.entries.delete(inode);
  }

  /** Forgets the sockets that are not in `live`. */
  keepOnly(live: ReadonlySet<number>): void {
    for (const inode of this.entries.keys()) if (!live.has(inode)) this.entries.delete(inode);
  }
}
