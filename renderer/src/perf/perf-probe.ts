// Performance marks for the UI benchmark, off unless the page was opened with ?perf=1: the time
// from a delta's arrival to the Live table updated and painted, and when rows were first shown.
// Bounded.

const MAX_SAMPLES = 5000;

export interface PerfReport {
  firstRowsMs: number | null;
  /** From a delta's arrival to the table's DOM updated: the renderer's work for the tick. */
  deltaToCommitMs: number[];
  /** From a delta's arrival to that frame painted: the work plus the wait for the next frame. */
  deltaToPaintMs: number[];
}

function enabledByUrl(): boolean {
  try {
    return new URLSearchParams(globalThis.location?.search ?? '').get('perf') === '1';
  } catch {
    return false;
  }
}

class PerfProbe {
  readonly enabled = enabledByUrl();
  private arrivedAt: number | null = null;
  private report: PerfReport = { firstRowsMs: null, deltaToCommitMs: [], deltaToPaintMs: [] };

  constructor() {
    if (this.enabled)
      (globalThis as { __netwatchPerf?: () => PerfReport }).__netwatchPerf = () => this.take();
  }

  deltaArrived(tick: number): void {
    if (!this.enabled) return;
    // Several deltas before one paint count from the first of them.
    this.arrivedAt ??= performance.now();
    performance.mark('nw:delta', { detail: tick });
  }

  /** Called after the Live table committed; measures when the frame is actually painted. */
  tableCommitted(rowCount: number): void {
    if (!this.enabled) return;
    const arrivedAt = this.arrivedAt;
    this.arrivedAt = null;
    const first = this.report.firstRowsMs === null && rowCount > 0;
    if (arrivedAt === null && !first) return;
    if (arrivedAt !== null && this.report.deltaToCommitMs.length < MAX_SAMPLES) {
      this.report.deltaToCommitMs.push(performance.now() - arrivedAt);
    }
    afterPaint(() => {
      const now = performance.now();
      if (first && this.report.firstRowsMs === null) this.report.firstRowsMs = now;
      if (arrivedAt !== null && this.report.deltaToPaintMs.length < MAX_SAMPLES) {
        this.report.deltaToPaintMs.push(now - arrivedAt);
      }
    });
    performance.clearMarks('nw:delta');
  }

  /** Hands the samples over and starts a new batch (firstRowsMs stays). */
  private take(): PerfReport {
    const out = this.report;
    this.report = { firstRowsMs: out.firstRowsMs, deltaToCommitMs: [], deltaToPaintMs: [] };
    return out;
  }
}

/** Runs after the next frame is painted: a rAF fires before paint, a message posted in it after. */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => fn();
    channel.port2.postMessage(null);
  });
}

export const perfProbe = new PerfProbe();
