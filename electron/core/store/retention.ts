// Keeps the file bounded: closed connections older than the cutoff are deleted in batches (each its
// own short transaction, so the writer is never held long), minute buckets past a day go (their hour
// buckets stay), old buckets go, acknowledged alerts last raised before the cutoff go (unread ones
// stay, whatever their age), and freed pages are handed back to the file system bit by bit.
// Bounded by size as well: past the size limit the oldest closed connections go first, in small
// batches, whatever their age (trimToSize).
import type Database from 'better-sqlite3';
import { HOUR_MS, MINUTE_MS, seriesAggregation } from '../monitor/series-metrics';
import type { RetentionOptions, RetentionResult } from './store';

const seriesMetrics = Object.keys(seriesAggregation);

export class Retention {
  private readonly deleteConnections: Database.Statement<[number, number, number]>;
  private readonly deleteMinutes: Database.Statement<[string, number, number]>;
  private readonly deleteSeries: Database.Statement<[string, number, number]>;
  private readonly deleteAlerts: Database.Statement<[number, number]>;
  private readonly deleteOldestClosed: Database.Statement<[number]>;

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
    this.deleteOldestClosed = db.prepare(`
      DELETE FROM connections WHERE id IN (
        SELECT id FROM connections WHERE closed_at IS NOT NULL ORDER BY first_seen LIMIT ?)`);
    this.deleteAlerts = db.prepare(`
      DELETE FROM alerts WHERE id IN (
        SELECT id FROM alerts WHERE acknowledged_at IS NOT NULL AND last_at < ? LIMIT ?)`);
  }

  run(options: RetentionOptions): RetentionResult {
    const batchSize = options.batchSize ?? 5000;
    let batches = options.maxBatches ?? Number.POSITIVE_INFINITY;
    let more = false;
    /** Repeats one batch delete until a batch comes back short or the batches run out. */
    const drain = (deleteBatch: () => number): number => {
      let deleted = 0;
      while (batches > 0) {
        batches--;
        const n = deleteBatch();
        deleted += n;
        if (n < batchSize) return deleted;
        if (batches === 0) more = true;
      }
      return deleted;
    };
    const result: RetentionResult = {
      cutoff: options.cutoff,
      deletedConnections: drain(
        () => this.deleteConnections.run(options.cutoff, options.cutoff, batchSize).changes,
      ),
      rolledUpSeries: 0,
      deletedSeries: 0,
      deletedAlerts: 0,
      more: false,
    };
    // Minutes go by whole hours, so an hour that has minutes has all it had (series-queries.ts).
    const minutesBefore = options.rollupBefore - (options.rollupBefore % HOUR_MS);
    for (const metric of seriesMetrics) {
      result.rolledUpSeries += drain(() => this.deleteMinutes.run(metric, minutesBefore, batchSize).changes);
      result.deletedSeries += drain(() => this.deleteSeries.run(metric, options.cutoff, batchSize).changes);
    }
    result.deletedAlerts = drain(() => this.deleteAlerts.run(options.cutoff, batchSize).changes);
    result.more = more;
    const deleted =
      result.deletedConnections + result.rolledUpSeries + result.deletedSeries + result.deletedAlerts;
    if (deleted > 0) {
      // auto_vacuum = INCREMENTAL: give back a bounded number of free pages per run.
      this.db.pragma('incremental_vacuum(2000)');
    }
    return result;
  }

  /**
   * Bytes the history holds: pages in use (free pages are reused before the file grows, and
   * handed back by incremental vacuum) plus the write-ahead log not yet checkpointed.
   */
  usedBytes(walBytes: number): number {
    const pages = Number(this.db.pragma('page_count', { simple: true }));
    const free = Number(this.db.pragma('freelist_count', { simple: true }));
    return (pages - free) * Number(this.db.pragma('page_size', { simple: true })) + walBytes;
  }

  /**
   * Past `highBytes`, deletes the oldest closed connections in batches until the history is under
   * `lowBytes` (a margin, so that it does not start again at the next tick) or the batches run
   * out (`more`: call again). Open connections are never deleted.
   */
  trimToSize(options: TrimOptions): TrimResult {
    const used = (): number => this.usedBytes(options.walBytes());
    const result: TrimResult = { deletedConnections: 0, more: false, usedBytes: used() };
    if (result.usedBytes <= options.highBytes && !options.continuing) return result;
    const batchSize = options.batchSize ?? 1000;
    for (let batch = 0; batch < (options.maxBatches ?? 4); batch++) {
      if (result.usedBytes <= options.lowBytes) return result;
      const n = this.deleteOldestClosed.run(batchSize).changes;
      result.deletedConnections += n;
      // Deleting frees pages to the freelist; handing them back shrinks the file (auto_vacuum).
      this.db.pragma('incremental_vacuum(2000)');
      result.usedBytes = used();
      if (n < batchSize) return result; // nothing closed left to give
    }
    result.more = result.usedBytes > options.lowBytes;
    return result;
  }
}

export interface TrimOptions {
  /** Start trimming past this many bytes... */
  highBytes: number;
  /** ...and stop under this many. */
  lowBytes: number;
  /** The -wal file's size now (it counts: it is disk the history takes). */
  walBytes: () => number;
  /** A previous call ran out of batches: carry on even if under highBytes. */
  continuing?: boolean;
  batchSize?: number;
  maxBatches?: number;
}

export interface TrimResult {
  deletedConnections: number;
  more: boolean;
  usedBytes: number;
}
