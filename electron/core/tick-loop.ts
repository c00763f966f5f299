// Runs the tick function every interval, one tick at a time (a slow tick delays the next, never
// overlaps it), with pause, resume and a clean stop that waits for the tick in flight.
export class TickLoop<T> {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<T | null> | null = null;
  private lastStart = 0;
  private started = false;
  private isPaused = false;
  private stopped = false;

  constructor(
    private readonly tick: () => Promise<T | null>,
    private readonly intervalMs: () => number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get running(): boolean {
    return this.started && !this.stopped;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.schedule(0);
  }

  /** Runs one tick now (after the one in flight, if any). */
  async runOnce(): Promise<T | null> {
    if (this.stopped) return null;
    while (this.inFlight) await this.inFlight;
    this.lastStart = performance.now();
    const run = this.tick().catch((error: unknown) => {
      this.onError(error);
      return null;
    });
    this.inFlight = run;
    try {
      return await run;
    } finally {
      this.inFlight = null;
    }
  }

  pause(): void {
    this.isPaused = true;
    this.clear();
  }

  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    this.schedule(0);
  }

  /** The interval changed: the next tick is due one new interval after the last one started. */
  reschedule(): void {
    if (this.timer === null) return;
    this.clear();
    this.schedule(this.lastStart + this.intervalMs() - performance.now());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clear();
    while (this.inFlight) await this.inFlight;
  }

  private schedule(delayMs: number): void {
    if (!this.running || this.isPaused || this.timer !== null) return;
    // Leave at least a few ms between ticks so calls from the transports are served in between.
    this.timer = setTimeout(() => void this.loopTick(), Math.max(5, delayMs));
  }

  private async loopTick(): Promise<void> {
    this.timer = null;
    await this.runOnce();
    this.schedule(this.lastStart + this.intervalMs() - performance.now());
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
