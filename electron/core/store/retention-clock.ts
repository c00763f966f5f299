// The "now" retention measures age against. Within a run it advances no faster than the monotonic
// clock, so the wall clock jumping ahead (by error or by hand) never makes recent rows look old
// and deletes them; a restart trusts the wall clock again.
export class RetentionClock {
  private last: { now: number; monotonicMs: number } | null = null;

  now(tickAt: number, monotonicMs: number): number {
    const now =
      this.last === null
        ? tickAt
        : Math.min(tickAt, this.last.now + Math.max(0, monotonicMs - this.last.monotonicMs));
    this.last = { now, monotonicMs };
    return now;
  }
}
