// One metric over a time range, from the core's per-minute series, refreshed as time moves on;
// and the names by which series keys ("#12", "comm:curl") are shown.
import { useCallback } from 'react';
import type { SeriesMetric } from '../../../../shared/contract';
import type { SeriesPoint } from '../../../../shared/model';
import { useQuery, type QueryResult } from '../../api/use-query';

export const ranges = [
  { id: '1h', label: 'Last hour', ms: 3_600_000, bucketMs: 60_000 },
  { id: '6h', label: '6 hours', ms: 6 * 3_600_000, bucketMs: 5 * 60_000 },
  { id: '24h', label: '24 hours', ms: 86_400_000, bucketMs: 15 * 60_000 },
  { id: '7d', label: '7 days', ms: 7 * 86_400_000, bucketMs: 3_600_000 },
  { id: '30d', label: '30 days', ms: 30 * 86_400_000, bucketMs: 4 * 3_600_000 },
] as const;
export type RangeId = (typeof ranges)[number]['id'];

export function rangeOf(id: RangeId) {
  return ranges.find((r) => r.id === id) ?? ranges[0];
}

export function useSeries(
  metric: SeriesMetric,
  range: RangeId,
  limitSeries?: number,
): QueryResult<SeriesPoint[]> {
  const r = rangeOf(range);
  return useQuery(
    (api) => {
      const to = Date.now();
      return api.series.query({
        metric,
        from: to - r.ms,
        to,
        bucketMs: r.bucketMs,
        ...(limitSeries ? { limitSeries } : {}),
      });
    },
    [metric, range, limitSeries],
    { refreshMs: Math.max(15_000, r.bucketMs) },
  );
}

/** Shows a raw series key ("#12", "comm:curl") by name; the core usually labels them already. */
export function useProgramLabels(): (key: string) => string {
  const programs = useQuery((api) => api.programs.list({}), [], { refreshMs: 60_000 });
  const data = programs.data;
  return useCallback(
    (key: string) => {
      const id = /^#(\d+)$/.exec(key);
      if (id) return data?.find((p) => p.id === Number(id[1]))?.name ?? key;
      if (key.startsWith('comm:')) return key.slice(5);
      if (key === '(unattributed)') return 'no owner visible';
      return key;
    },
    [data],
  );
}
