// Reads of the per-minute / per-hour series: points for a graph in the bucket size asked for, and
// the per-program summary of a range (new and open connections), both from the series table so
// they cost the same whatever the connection churn was.
import type Database from 'better-sqlite3';
import type { SeriesPoint } from '../../../shared/model';
import { HOUR_MS, MINUTE_MS, seriesAggregation, seriesValue } from '../monitor/series-metrics';
import type { ProgramSummaryRow, SeriesQuery } from './store';

interface SeriesRowDb {
  bucket: number;
  bucket_ms: number;
  key: string;
  total: number;
  weight: number;
}

/** Points a graph gets at most when no bucket size is asked for. */
const TARGET_POINTS = 240;
const MAX_POINTS = 5000;

export class SeriesQueries {
  private readonly rows: Database.Statement<[string, number, number, number], SeriesRowDb>;
  private readonly firstMinute: Database.Statement<[string, number], { bucket: number | null }>;
  private readonly names: Database.Statement<[], { id: number; name: string }>;
  private readonly summaryRows: Database.Statement<
    [number, number],
    { metric: string; key: string; total: number; peak: number }
  >;
  private readonly summaryTicks: Database.Statement<[number, number], { ticks: number | null }>;
  private readonly trafficRows: Database.Statement<
    [number, number],
    { metric: string; key: string; total: number }
  >;

  constructor(db: Database.Database) {
    this.rows = db.prepare(
      'SELECT bucket, bucket_ms, key, total, weight FROM series WHERE metric = ? AND bucket >= ? AND bucket < ? AND bucket_ms = ?',
    );
    this.firstMinute = db.prepare(
      `SELECT min(bucket) AS bucket FROM series WHERE metric = ? AND bucket >= ? AND bucket_ms = ${MINUTE_MS}`,
    );
    this.names = db.prepare('SELECT id, name FROM programs');
    this.summaryRows = db.prepare(`
      SELECT metric, key, sum(total) AS total, max(total / weight) AS peak FROM series
      WHERE metric IN ('new-by-program', 'connections-by-program') AND bucket >= ? AND bucket < ?
        AND bucket_ms = ${HOUR_MS}
      GROUP BY metric, key`);
    this.summaryTicks = db.prepare(`
      SELECT sum(w) AS ticks FROM (
        SELECT max(weight) AS w FROM series
        WHERE metric = 'connections-by-program' AND bucket >= ? AND bucket < ? AND bucket_ms = ${HOUR_MS}
        GROUP BY bucket)`);
    this.trafficRows = db.prepare(`
      SELECT metric, key, sum(total) AS total FROM series
      WHERE metric IN ('traffic-sent-by-program', 'traffic-received-by-program') AND bucket >= ? AND bucket < ?
        AND bucket_ms = ${HOUR_MS}
      GROUP BY metric, key`);
  }

  /**
   * Bytes sent and received per series key over whole hours from the hour of `from` (hour rows
   * are kept up to date as each minute completes, so the minute in progress is not in yet).
   */
  traffic(from: number, to: number): Map<string, { sent: number; received: number }> {
    const out = new Map<string, { sent: number; received: number }>();
    for (const r of this.trafficRows.all(from - (from % HOUR_MS), to)) {
      let row = out.get(r.key);
      if (!row) out.set(r.key, (row = { sent: 0, received: 0 }));
      if (r.metric === 'traffic-sent-by-program') row.sent = r.total;
      else row.received = r.total;
    }
    return out;
  }

  series(q: SeriesQuery): SeriesPoint[] {
    const span = Math.max(0, q.to - q.from);
    let bucketMs = q.bucketMs ?? Math.max(MINUTE_MS, Math.ceil(span / TARGET_POINTS / MINUTE_MS) * MINUTE_MS);
    if (span / bucketMs > MAX_POINTS) bucketMs = Math.ceil(span / MAX_POINTS / MINUTE_MS) * MINUTE_MS;
    const aggregation = seriesAggregation[q.metric];
    const rows = this.storedRows(q.metric, q.from, q.to, bucketMs % HOUR_MS === 0);

    // Gauges divide by the ticks of each output bucket: the most any key had in a stored bucket.
    const ticksPerStored = new Map<string, number>();
    const cells = new Map<number, Map<string, { total: number; weight: number }>>();
    const ranking = new Map<string, number>();
    const canonical = this.programKeyOfProcess(rows);
    for (const r of rows) {
      const out = Math.max(r.bucket, q.from) - (Math.max(r.bucket, q.from) % bucketMs);
      let keys = cells.get(out);
      if (!keys) cells.set(out, (keys = new Map()));
      const key = canonical.get(r.key) ?? r.key;
      const cell = keys.get(key) ?? { total: 0, weight: 0 };
      if (aggregation === 'max') cell.total = Math.max(cell.total, r.total);
      else cell.total += r.total;
      cell.weight += r.weight;
      keys.set(key, cell);
      const stored = `${out}:${r.bucket}:${r.bucket_ms}`;
      ticksPerStored.set(stored, Math.max(ticksPerStored.get(stored) ?? 0, r.weight));
    }
    const ticksPerOut = new Map<number, number>();
    for (const [stored, w] of ticksPerStored) {
      const out = Number(stored.slice(0, stored.indexOf(':')));
      ticksPerOut.set(out, (ticksPerOut.get(out) ?? 0) + w);
    }
    const value = (out: number, cell: { total: number; weight: number }): number =>
      aggregation === 'mean'
        ? seriesValue('mean', cell.total, ticksPerOut.get(out) ?? cell.weight)
        : seriesValue(aggregation, cell.total, cell.weight);
    for (const [out, keys] of cells) {
      for (const [key, cell] of keys) ranking.set(key, (ranking.get(key) ?? 0) + value(out, cell));
    }
    const limit = Math.min(q.limitSeries ?? 50, 50);
    const kept = [...ranking.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([key]) => key);
    const labels = this.labels(kept);
    return [...cells.keys()]
      .sort((a, b) => a - b)
      .map((t) => {
        const keys = cells.get(t)!;
        const values: Record<string, number> = {};
        for (const key of kept) {
          const cell = keys.get(key);
          values[labels.get(key)!] = cell ? round(value(t, cell)) : 0;
        }
        return { t, values };
      });
  }

  /**
   * The stored buckets of [from, to), each moment counted once: hour buckets where minutes are
   * gone (past a day) or not asked for, minute buckets from the hour of the first one on. Minutes
   * are written with their hour and rolled up by whole hours, so an hour that has any minutes has
   * all it ever had.
   */
  private storedRows(metric: string, from: number, to: number, hoursOnly: boolean): SeriesRowDb[] {
    const fromHour = from - (from % HOUR_MS);
    if (hoursOnly) return this.rows.all(metric, fromHour, to, HOUR_MS);
    const first = this.firstMinute.get(metric, fromHour)?.bucket ?? null;
    if (first === null) return this.rows.all(metric, fromHour, to, HOUR_MS);
    const split = first - (first % HOUR_MS);
    return [
      ...this.rows.all(metric, fromHour, Math.min(split, to), HOUR_MS),
      ...this.rows.all(metric, Math.max(from, split), to, MINUTE_MS),
    ];
  }

  /** Per program over whole hours from the hour of `from` (hour buckets: a few thousand rows a day). */
  summary(from: number, to: number): ProgramSummaryRow[] {
    from -= from % HOUR_MS;
    const ticks = this.summaryTicks.get(from, to)?.ticks ?? 0;
    const byKey = new Map<string, ProgramSummaryRow>();
    for (const r of this.summaryRows.all(from, to)) {
      let row = byKey.get(r.key);
      if (!row) {
        const id = r.key.startsWith('#') ? Number(r.key.slice(1)) : null;
        row = { programId: id, key: r.key, name: r.key, newConnections: 0, meanOpen: 0, peakOpen: 0 };
        byKey.set(r.key, row);
      }
      if (r.metric === 'new-by-program') row.newConnections = r.total;
      else {
        row.meanOpen = ticks > 0 ? round(r.total / ticks) : 0;
        row.peakOpen = round(r.peak);
      }
    }
    const labels = this.labels([...byKey.keys()]);
    const out = [...byKey.values()].map((r) => ({ ...r, name: labels.get(r.key) ?? r.key }));
    return out.sort((a, b) => b.newConnections - a.newConnections || b.meanOpen - a.meanOpen);
  }

  /**
   * "comm:<name>" keys that stand for a program also in the rows: a new process's sockets are
   * counted by process name for the tick or two its binary is being hashed. Where exactly one
   * program of the rows has that name (comm is the name cut to 15 bytes), they are one series.
   */
  private programKeyOfProcess(rows: readonly SeriesRowDb[]): Map<string, string> {
    const comms = new Set<string>();
    const ids = new Set<number>();
    for (const r of rows) {
      if (r.key.startsWith('comm:')) comms.add(r.key.slice(5));
      else if (r.key.startsWith('#')) ids.add(Number(r.key.slice(1)));
    }
    const out = new Map<string, string>();
    if (comms.size === 0 || ids.size === 0) return out;
    const byComm = new Map<string, string | null>();
    for (const p of this.names.all()) {
      if (!ids.has(p.id)) continue;
      const comm = Buffer.from(p.name).subarray(0, 15).toString();
      byComm.set(comm, byComm.has(comm) ? null : `#${p.id}`);
    }
    for (const comm of comms) {
      const key = byComm.get(comm);
      if (key) out.set(`comm:${comm}`, key);
    }
    return out;
  }

  /** Display names of series keys: program names (with the id when two share one), process names. */
  private labels(keys: readonly string[]): Map<string, string> {
    const names = new Map<number, string>();
    if (keys.some((k) => k.startsWith('#'))) for (const p of this.names.all()) names.set(p.id, p.name);
    const base = keys.map((key): [string, string] => {
      if (key.startsWith('#')) return [key, names.get(Number(key.slice(1))) ?? key];
      if (key.startsWith('comm:')) return [key, key.slice(5)];
      return [key, key === '' ? 'SYN_RECV' : key];
    });
    const count = new Map<string, number>();
    for (const [, label] of base) count.set(label, (count.get(label) ?? 0) + 1);
    return new Map(
      base.map(([key, label]) => [key, (count.get(label) ?? 0) > 1 ? `${label} (${key})` : label]),
    );
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
