// Connections per state right now (from the live table), and SYN_RECV over the last hour (from the
// core's series) with the SYN flood threshold drawn across.
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Notice } from '../../components/notice';
import { SeriesChart, palette } from '../../components/series-chart';
import { countText } from '../../format/numbers';
import { useLiveSync, useLiveVersion } from '../../store/live-provider';
import { useSeries } from '../graphs/use-series';

export function StatesPanel() {
  const sync = useLiveSync();
  const version = useLiveVersion();
  const data = useMemo(
    () =>
      [...sync.table.stateCounts().entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([state, count]) => ({ state, count })),
    // The table's counts change with `version`.
    [sync, version],
  );
  return (
    <div className="panel">
      <h2>
        Connections per state <span className="muted">live</span>
      </h2>
      {data.length === 0 ? (
        <div className="chart chart-empty">No sockets on the live table yet.</div>
      ) : (
        <div className="chart" data-testid="chart-states">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="state" interval={0} tick={{ fontSize: 10 }} />
              <YAxis allowDecimals={false} width={56} />
              <Tooltip
                isAnimationActive={false}
                formatter={(v) => (typeof v === 'number' ? countText(v) : String(v))}
              />
              <Bar dataKey="count" name="connections" isAnimationActive={false}>
                {data.map((d, i) => (
                  <Cell
                    key={d.state}
                    fill={d.state === 'SYN_RECV' ? '#dc2626' : palette[i % palette.length]}
                  />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}

export function SynRecvPanel({ threshold }: { threshold: number | null }) {
  const series = useSeries('syn-recv', '1h');
  const sync = useLiveSync();
  useLiveVersion();
  const now = sync.table.stateCounts().get('SYN_RECV') ?? 0;
  return (
    <div className="panel">
      <h2>
        SYN_RECV <span className="muted">peak per minute, last hour · {countText(now)} now</span>
      </h2>
      {series.error ? (
        <Notice kind="error" title="Could not load SYN_RECV">
          {series.error}
        </Notice>
      ) : !series.data ? (
        <div className="chart muted">Loading…</div>
      ) : series.data.length === 0 ? (
        <div className="chart chart-empty">
          No SYN_RECV recorded in the last hour
          {threshold !== null ? ` (alert at ${countText(threshold)})` : ''}.
        </div>
      ) : (
        <SeriesChart
          points={series.data}
          kind="area"
          rangeMs={3_600_000}
          labelOf={() => 'SYN_RECV'}
          thresholds={threshold !== null ? [{ y: threshold, label: `SYN flood ≥ ${threshold}` }] : []}
          testId="chart-syn-recv"
        />
      )}
    </div>
  );
}
