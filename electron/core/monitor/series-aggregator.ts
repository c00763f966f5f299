// Folds each tick into per-minute buckets (and their hour buckets): open and new connections per program, connections per
// state, SYN_RECV peaks, and interface byte/packet rates. Rates come from counter deltas over the
// monotonic clock, so a wall-clock jump never yields an absurd rate. Open counts are kept up to date
// from each tick's changes, so a tick costs what changed, not what is open. Memory is one bucket's keys.
import type { SeriesMetric } from '../../../shared/contract';
import type { InterfaceStats, LiveConnection } from '../../../shared/model';
import { HOUR_MS, MINUTE_MS, programSeriesKey, seriesAggregation, type SeriesRow } from './series-metrics';

export interface SeriesTick {
  /** Tick time (decides the bucket). */
  at: number;
  monotonicMs: number;
  opened: readonly LiveConnection[];
  closed: readonly LiveConnection[];
  changed: readonly { previous: LiveConnection; connection: LiveConnection }[];
  interfaces: readonly InterfaceStats[];
  /** Bytes moved this tick per program series key: [sent, received] (monitor.ts). */
  traffic?: ReadonlyMap<string, readonly [number, number]>;
}

interface Cell {
  total: number;
  weight: number;
}

interface Counters {
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
  monotonicMs: number;
}

const OTHER = '(other)';

export class SeriesAggregator {
  private bucket: number | null = null;
  private ticks = 0;
  private readonly cells = new Map<SeriesMetric, Map<string, Cell>>();
  private readonly lastCounters = new Map<string, Counters>();
  /** Open connections now, by program key and by state (kept from each tick's changes). */
  private readonly openByProgram = new Map<string, number>();
  private readonly openByState = new Map<string, number>();

  constructor(
    private readonly bucketMs: number = MINUTE_MS,
    /** Distinct series per metric and bucket; the rest are summed under "(other)". */
    private readonly maxKeys: number = 1000,
  ) {}

  /** Adds one tick; returns the rows of the bucket it completed, if it started a new one. */
  add(tick: SeriesTick): SeriesRow[] {
    const bucket = tick.at - (tick.at % this.bucketMs);
    const done = this.bucket !== null && bucket !== this.bucket ? this.flush() : [];
    this.bucket = bucket;
    this.ticks++;

    for (const c of tick.closed) this.count(c, -1);
    for (const { previous, connection } of tick.changed) {
      this.count(previous, -1);
      this.count(connection, 1);
    }
    for (const c of tick.opened) {
      this.count(c, 1);
      this.accumulate('new-by-program', programSeriesKey(c.programId, c.process), 1, 0);
    }
    for (const [key, n] of this.openByProgram) this.accumulate('connections-by-program', key, n, 0);
    for (const [key, n] of this.openByState) this.accumulate('connections-by-state', key, n, 0);
    const synRecv = this.openByState.get('SYN_RECV') ?? 0;
    const syn = this.cell('syn-recv', '');
    syn.total = Math.max(syn.total, synRecv);
    this.addInterfaces(tick);
    if (tick.traffic)
      for (const [key, [sent, received]] of tick.traffic) {
        if (sent > 0) this.accumulate('traffic-sent-by-program', key, sent, 0);
        if (received > 0) this.accumulate('traffic-received-by-program', key, received, 0);
      }
    return done;
  }

  /** Rows of the bucket in progress (at shutdown), and starts afresh. */
  flush(): SeriesRow[] {
    const rows: SeriesRow[] = [];
    if (this.bucket !== null) {
      for (const [metric, keys] of this.cells) {
        const aggregation = seriesAggregation[metric];
        for (const [key, cell] of keys) {
          // Gauges and peaks weigh by the ticks of the bucket, so a series absent for part of the
          // minute averages as zero there; rates carry the monotonic time they were measured over.
          const weight = aggregation === 'rate' ? cell.weight : this.ticks;
          if (aggregation === 'rate' && weight <= 0) continue;
          rows.push({ metric, key, bucket: this.bucket, bucketMs: this.bucketMs, total: cell.total, weight });
          // The hour bucket is kept up to date as minutes complete: long ranges and summaries read
          // 60 times fewer rows, and minute rows can simply go after a day.
          if (this.bucketMs < HOUR_MS) {
            const hour = this.bucket - (this.bucket % HOUR_MS);
            rows.push({ metric, key, bucket: hour, bucketMs: HOUR_MS, total: cell.total, weight });
          }
        }
      }
    }
    this.cells.clear();
    this.ticks = 0;
    this.bucket = null;
    return rows;
  }

  private count(c: LiveConnection, delta: number): void {
    bump(this.openByProgram, programSeriesKey(c.programId, c.process), delta);
    bump(this.openByState, c.state ?? (c.direction === 'listen' ? 'UNCONN' : 'NONE'), delta);
  }

  private addInterfaces(tick: SeriesTick): void {
    const seen = new Set<string>();
    for (const i of tick.interfaces) {
      seen.add(i.name);
      const now: Counters = {
        rxBytes: i.rxBytes,
        txBytes: i.txBytes,
        rxPackets: i.rxPackets,
        txPackets: i.txPackets,
        monotonicMs: tick.monotonicMs,
      };
      const before = this.lastCounters.get(i.name);
      this.lastCounters.set(i.name, now);
      if (!before) continue;
      const elapsed = now.monotonicMs - before.monotonicMs;
      if (!(elapsed > 0)) continue;
      // A counter going down is a reset (interface re-created, 32-bit wrap): that step is skipped.
      const step = (metric: SeriesMetric, key: string, a: number, b: number): void => {
        if (b >= a) this.accumulate(metric, key, b - a, elapsed);
      };
      step('interface-bytes', `${i.name} rx`, before.rxBytes, now.rxBytes);
      step('interface-bytes', `${i.name} tx`, before.txBytes, now.txBytes);
      step('interface-packets', `${i.name} rx`, before.rxPackets, now.rxPackets);
      step('interface-packets', `${i.name} tx`, before.txPackets, now.txPackets);
    }
    for (const name of this.lastCounters.keys()) if (!seen.has(name)) this.lastCounters.delete(name);
  }

  private accumulate(metric: SeriesMetric, key: string, total: number, weight: number): void {
    const cell = this.cell(metric, key);
    cell.total += total;
    cell.weight += weight;
  }

  private cell(metric: SeriesMetric, key: string): Cell {
    let keys = this.cells.get(metric);
    if (!keys) this.cells.set(metric, (keys = new Map()));
    let cell = keys.get(key);
    if (!cell) {
      if (keys.size >= this.maxKeys) key = OTHER;
      cell = keys.get(key);
      if (!cell) keys.set(key, (cell = { total: 0, weight: 0 }));
    }
    return cell;
  }
}

function bump(map: Map<string, number>, key: string, delta: number): void {
  const n = (map.get(key) ?? 0) + delta;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
