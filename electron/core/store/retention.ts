// Keeps the file bounded: closed connections older than the cutoff are deleted in batches (each its
// own short transaction, so the writer is never held long), minute buckets past a day are rolled up
// into hour buckets, old buckets go, and freed pages are handed back to the file system bit by bit.
import type Database from 'better-sqlite3';
import { HOUR_MS, MINUTE_MS, seriesAggregation, type SeriesAggregation } from '../monitor/series-metrics';
import type { SeriesMetric } from '../../../shared/contract';
import type { RetentionOptions, RetentionResult } from './store';

interface MinuteRow {
  metric: SeriesMetric;
  bucket: number;
  key: string;
  total: number;
  weight: number;
}

export class Retention {
  private readonly deleteConnections: Database.Statement<[number, number, number]>;
  private readonly oldestMinute: Database.Statement<[number], { bucket: number | null }>;
  private readonly minuteRows: Database.Statement<[number, number], MinuteRow>;
  private readonly deleteMinutes: Database.Statement<[number, number]>;
  private readonly upsertHour: Database.Statement<[Record<string, string | number>]>;
  private readonly deleteSeries: Database.Statement<[number, number]>;

  constructor(private readonly db: Database.Database) {
    // Rows still open are kept whatever their age; closed ones once both ends are past the cutoff.
    this.deleteConnections = db.prepare(`
      DELETE FROM connections WHERE id IN (
        SELECT id FROM connections
        WHERE first_seen < ? AND closed_at IS NOT NULL AND closed_at < ?
        ORDER BY first_seen LIMIT ?)`);
    this.oldestMinute = db.prepare(
      `SELECT min(bucket) AS bucket FROM series WHERE bucket_ms = ${MINUTE_MS} AND bucket < ?`,
    );
    this.minuteRows = db.prepare(
      `SELECT metric, bucket, key, total, weight FROM series WHERE bucket_ms = ${MINUTE_MS} AND bucket >= ? AND bucket < ?`,
    );
    this.deleteMinutes = db.prepare(
      `DELETE FROM series WHERE bucket_ms = ${MINUTE_MS} AND bucket >= ? AND bucket < ?`,
    );
    this.upsertHour = db.prepare(`
      INSERT INTO series (metric, bucket, bucket_ms, key, total, weight) VALUES (:metric, :bucket, :bucket_ms, :key, :total, :weight)
      ON CONFLICT (metric, bucket, bucket_ms, key) DO UPDATE SET
        total = CASE WHEN :aggregation = 'max' THEN max(total, excluded.total) ELSE total + excluded.total END,
        weight = weight + excluded.weight`);
    this.deleteSeries = db.prepare(`
      DELETE FROM series WHERE (metric, bucket, bucket_ms, key) IN (
        SELECT metric, bucket, bucket_ms, key FROM series WHERE bucket < ? LIMIT ?)`);
  }

  run(options: RetentionOptions): RetentionResult {
    const batchSize = options.batchSize ?? 5000;
    let batches = options.maxBatches ?? Number.POSITIVE_INFINITY;
    const result: RetentionResult = {
      cutoff: options.cutoff,
      deletedConnections: 0,
      rolledUpSeries: 0,
      deletedSeries: 0,
      more: false,
    };
    while (batches > 0) {
      batches--;
      const n = this.deleteConnections.run(options.cutoff, options.cutoff, batchSize).changes;
      result.deletedConnections += n;
      if (n < batchSize) break;
      if (batches === 0) result.more = true;
    }
    // Only whole hours that ended before rollupBefore are rolled up.
    const rollupEnd = options.rollupBefore - (options.rollupBefore % HOUR_MS);
    while (batches > 0) {
      const oldest = this.oldestMinute.get(rollupEnd)?.bucket ?? null;
      if (oldest === null) break;
      batches--;
      const hour = oldest - (oldest % HOUR_MS);
      result.rolledUpSeries += this.rollUpHour(hour);
      if (batches === 0) result.more = this.oldestMinute.get(rollupEnd)?.bucket != null;
    }
    while (batches > 0) {
      batches--;
      const n = this.deleteSeries.run(options.cutoff, batchSize).changes;
      result.deletedSeries += n;
      if (n < batchSize) break;
      if (batches === 0) result.more = true;
    }
    if (result.deletedConnections + result.deletedSeries + result.rolledUpSeries > 0) {
      // auto_vacuum = INCREMENTAL: give back a bounded number of free pages per run.
      this.db.pragma('incremental_vacuum(2000)');
    }
    return result;
  }

  /** Folds the minute rows of one hour into hour rows, in one transaction; returns rows folded. */
  private rollUpHour(hour: number): number {
    const end = hour + HOUR_MS;
    return this.db.transaction(() => {
      const rows = this.minuteRows.all(hour, end);
      // Gauges weigh by all ticks of the hour (a key absent for a minute averages as zero there).
      const ticks = new Map<string, Map<number, number>>();
      const cells = new Map<string, { metric: SeriesMetric; key: string; total: number; weight: number }>();
      for (const r of rows) {
        const perBucket = ticks.get(r.metric) ?? new Map<number, number>();
        perBucket.set(r.bucket, Math.max(perBucket.get(r.bucket) ?? 0, r.weight));
        ticks.set(r.metric, perBucket);
        const id = `${r.metric}\0${r.key}`;
        const cell = cells.get(id) ?? { metric: r.metric, key: r.key, total: 0, weight: 0 };
        const aggregation: SeriesAggregation = seriesAggregation[r.metric] ?? 'sum';
        cell.total = aggregation === 'max' ? Math.max(cell.total, r.total) : cell.total + r.total;
        cell.weight += r.weight;
        cells.set(id, cell);
      }
      for (const cell of cells.values()) {
        const aggregation: SeriesAggregation = seriesAggregation[cell.metric] ?? 'sum';
        let weight = cell.weight;
        if (aggregation !== 'rate') {
          weight = 0;
          for (const w of ticks.get(cell.metric)?.values() ?? []) weight += w;
        }
        this.upsertHour.run({
          metric: cell.metric,
          bucket: hour,
          bucket_ms: HOUR_MS,
          key: cell.key,
          total: cell.total,
          weight,
          aggregation,
        });
      }
      this.deleteMinutes.run(hour, end);
      return rows.length;
    })();
  }
}
