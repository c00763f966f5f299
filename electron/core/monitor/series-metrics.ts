// The per-minute series netwatch keeps, and how each one is combined when buckets are merged
// (a restart resuming a minute, a roll-up to hours, a query with a coarser bucket).
import type { SeriesMetric } from '../../../shared/contract';

/**
 * How a metric's buckets combine. Each row keeps a `total` and a `weight`:
 * - mean: gauges sampled every tick; total = sum of samples, weight = ticks. value = total / weight
 * - sum: counters of events; value = total (weight = ticks, informative only)
 * - max: peaks; value = total (the max), weight = ticks
 * - rate: per-second rates from OS counters; total = counter delta, weight = monotonic ms elapsed;
 *   value = total / weight * 1000
 */
export type SeriesAggregation = 'mean' | 'sum' | 'max' | 'rate';

export const seriesAggregation: Record<SeriesMetric, SeriesAggregation> = {
  'connections-by-program': 'mean',
  'new-by-program': 'sum',
  'connections-by-state': 'mean',
  'interface-bytes': 'rate',
  'interface-packets': 'rate',
  'syn-recv': 'max',
  'traffic-sent-by-program': 'sum',
  'traffic-received-by-program': 'sum',
};

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** One stored bucket of one series. */
export interface SeriesRow {
  metric: SeriesMetric;
  /**
   * Which series of the metric: "#<programId>" or "comm:<name>" or "(unattributed)" for
   * by-program metrics, the state name, "<iface> rx"/"<iface> tx", or "" for syn-recv.
   */
  key: string;
  /** Bucket start, ms since the epoch (a multiple of bucketMs). */
  bucket: number;
  bucketMs: number;
  total: number;
  weight: number;
}

/** The value a row (or rows merged by summing totals and weights) stands for. */
export function seriesValue(aggregation: SeriesAggregation, total: number, weight: number): number {
  switch (aggregation) {
    case 'mean':
      return weight > 0 ? total / weight : 0;
    case 'rate':
      return weight > 0 ? (total / weight) * 1000 : 0;
    case 'sum':
    case 'max':
      return total;
  }
}

/** Series key of a program-attributed metric. */
const programKeys = new Map<number, string>();

export function programSeriesKey(programId: number | null, process: string | null): string {
  if (programId !== null) {
    let key = programKeys.get(programId);
    if (key === undefined) {
      key = `#${programId}`;
      // Bounded: a cache of small strings, cleared if programs ever number in the tens of thousands.
      if (programKeys.size > 50_000) programKeys.clear();
      programKeys.set(programId, key);
    }
    return key;
  }
  if (process) return `comm:${process}`;
  return '(unattributed)';
}
