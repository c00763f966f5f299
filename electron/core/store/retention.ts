// Keeps the file bounded: closed connections older than the cutoff are deleted in batches (each its
// own short transaction, so the writer is never held long), minute buckets past a day go (their hour
// buckets stay), old buckets go, and freed pages are handed back to the file system bit by bit.
import type Database from 'better-sqlite3';
import { HOUR_MS, MINUTE_MS, seriesAggregation } from '../monitor/series-metrics';

const seriesMetrics = Object.keys(seriesAggregation);
import type { RetentionOptions, RetentionResult } from './store';

export class Retention {
  private readonly deleteConnections: Database.Statement<[number, number, number]>;
  private readonly deleteMinutes: Database.Statement<[string, number, number]>;
  private readonly deleteSeries: Database.Statement<[string, number, number]>;

  constructor(private readonly db: Database.Database) {
    // Rows still open are kept whatever their age; closed ones once both ends are past the cutoff.
    this.deleteConnections = db.prepare(`
      DELETE FROM connections WHERE id IN (
        SELECT id FROM connections
        WHERE first_seen < ? AND closed_at IS NOT NULL AND closed_at < ?
        ORDER BY first_seen LIMIT ?)`);
    // Hour buckets are written alongside minute ones (series-aggregator.ts): rolling up past a day
    // is dropping the minutes.
    // Per metric, so each delete walks the primary key (metric, bucket, ...) instead of the table.
    this.deleteMinutes = db.prepare(`
      DELETE FROM series WHERE (metric, bucket, bucket_ms, key) IN (
        SELECT metric, bucket, bucket_ms, key FROM series
        WHERE metric = ? AND bucket < ? AND bucket_ms = ${MINUTE_MS} LIMIT ?)`);
    this.deleteSeries = db.prepare(`
      DELETE FROM series WHERE (metric, bucket, bucket_ms, key) IN (
        SELECT metric, bucket, bucket_ms, key FROM series WHERE metric = ? AND bucket < ? LIMIT ?)`);
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
    // Minutes go by whole hours, so the oldest minute left always starts an hour (series-queries.ts).
    const minutesBefore = options.rollupBefore - (options.rollupBefore % HOUR_MS);
    for (const metric of seriesMetrics) {
      while (batches > 0) {
        batches--;
        const n = this.deleteMinutes.run(metric, minutesBefore, batchSize).changes;
        result.rolledUpSeries += n;
        if (n < batchSize) break;
        if (batches === 0) result.more = true;
      }
      while (batches > 0) {
        batches--;
        const n = this.deleteSeries.run(metric, options.cutoff, batchSize).changes;
        result.deletedSeries += n;
        if (n < batchSize) break;
        if (batches === 0) result.more = true;
      }
    }
    if (result.deletedConnections + result.deletedSeries + result.rolledUpSeries > 0) {
      // auto_vacuum = INCREMENTAL: give back a bounded number of free pages per run.
      this.db.pragma('incremental_vacuum(2000)');
    }
    return result;
  }
}
