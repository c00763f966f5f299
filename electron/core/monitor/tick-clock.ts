// Tick times that never run backwards. The wall clock is used as is while it moves forward (a
// suspend or an NTP step forward are real); when it is set back, time keeps moving at half the
// monotonic rate until the wall clock catches up, so no duration is ever negative and a slow
// NTP slew can never make netwatch's time drift ahead of the wall clock.
export class TickClock {
  private lastAt: number | null;
  private lastMono: number | null = null;

  /** `floor`: the last tick time any earlier run wrote; the first tick is not earlier. */
  constructor(floor: number | null = null) {
    this.lastAt = floor;
  }

  next(wall: number, monotonic: number): { at: number; elapsedMs: number } {
    const elapsedMs = this.lastMono === null ? 0 : Math.max(0, monotonic - this.lastMono);
    const earliest = this.lastAt === null ? wall : this.lastAt + Math.floor(elapsedMs / 2);
    const at = Math.max(Math.round(wall), earliest);
    this.lastAt = at;
    this.lastMono = monotonic;
    return { at, elapsedMs };
  }
}
