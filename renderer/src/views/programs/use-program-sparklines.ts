// Each program's connection count over the last hour, one point a minute, for the Programs table's
// sparklines: from the core's per-minute series, refreshed every minute.
import type { SeriesPoint } from '../../../../shared/model';
import { useQuery } from '../../api/use-query';

const HOUR = 3_600_000;
const MINUTE = 60_000;

export function sparklinesByProgram(points: readonly SeriesPoint[]): Map<string, number[]> {
  const keys = new Set<string>();
  for (const p of points) for (const k of Object.keys(p.values)) keys.add(k);
  const out = new Map<string, number[]>();
  for (const key of keys)
    out.set(
      key,
      points.map((p) => p.values[key] ?? 0),
    );
  return out;
}

export function useProgramSparklines(): Map<string, number[]> {
  const query = useQuery(
    async (api) => {
      const to = Date.now();
      const points = await api.series.query({
        metric: 'connections-by-program',
        from: to - HOUR,
        to,
        bucketMs: MINUTE,
        limitSeries: 50,
      });
      return sparklinesByProgram(points);
    },
    [],
    { refreshMs: MINUTE },
  );
  return query.data ?? new Map();
}
