// A time-series chart over the core's SeriesPoint[]: stacked areas, lines or bars, the biggest
// series named and the rest folded into "other", values on hover, optional threshold lines.
// Series names come from data: they are shown as visible text and never used as property paths.
import { memo, useMemo } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SeriesPoint } from '../../../shared/model';
import { visibleText } from '../text/visible-text';

export const palette = [
  '#2563eb',
  '#16a34a',
  '#d97706',
  '#9333ea',
  '#dc2626',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#7c3aed',
  '#ea580c',
];
const OTHER_COLOR = '#94a3b8';

export interface Threshold {
  y: number;
  label: string;
}

interface SeriesChartProps {
  points: readonly SeriesPoint[];
  kind: 'area' | 'line' | 'bar';
  /** Display name of a series key (program id -> name, ...). */
  labelOf?(key: string): string;
  format?(value: number): string;
  /** At most this many series are drawn by name; the rest are summed as "other". */
  maxSeries?: number;
  thresholds?: readonly Threshold[];
  /** Multiplies every value (e.g. a per-bucket count to a per-minute rate). */
  scale?: number;
  height?: number;
  rangeMs: number;
  testId?: string;
}

interface Shaped {
  data: Record<string, number>[];
  series: { id: string; name: string; color: string }[];
}

function shape(
  points: readonly SeriesPoint[],
  maxSeries: number,
  labelOf: (k: string) => string,
  scale: number,
): Shaped {
  const totals = new Map<string, number>();
  for (const p of points)
    for (const [k, v] of Object.entries(p.values)) totals.set(k, (totals.get(k) ?? 0) + v);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const named = ranked.slice(0, maxSeries);
  const folded = ranked.length > maxSeries;
  const index = new Map(named.map((k, i) => [k, `s${i}`]));
  const data = points.map((p) => {
    const row: Record<string, number> = { t: p.t };
    for (const id of index.values()) row[id] = 0;
    if (folded) row.other = 0;
    for (const [k, v] of Object.entries(p.values)) {
      const id = index.get(k) ?? 'other';
      row[id] = (row[id] ?? 0) + v * scale;
    }
    return row;
  });
  const series = named.map((k, i) => ({
    id: `s${i}`,
    name: visibleText(labelOf(k) || '(none)'),
    color: palette[i % palette.length]!,
  }));
  if (folded) series.push({ id: 'other', name: 'other', color: OTHER_COLOR });
  return { data, series };
}

function tickFormatter(rangeMs: number): (t: number) => string {
  const long = rangeMs > 36 * 3_600_000;
  const f = new Intl.DateTimeFormat(
    undefined,
    long ? { month: 'short', day: 'numeric', hour: '2-digit' } : { hour: '2-digit', minute: '2-digit' },
  );
  return (t) => f.format(t);
}
const tooltipTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export const SeriesChart = memo(function SeriesChart(props: SeriesChartProps) {
  const { points, kind, maxSeries = 8, scale = 1, height = 220, rangeMs } = props;
  const labelOf = props.labelOf ?? ((k: string) => k);
  const format = props.format ?? ((v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1)));
  const shaped = useMemo(() => shape(points, maxSeries, labelOf, scale), [points, maxSeries, labelOf, scale]);
  const xTick = useMemo(() => tickFormatter(rangeMs), [rangeMs]);

  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} />,
    <XAxis
      key="x"
      dataKey="t"
      type="number"
      scale="time"
      domain={['dataMin', 'dataMax']}
      tickFormatter={xTick}
      minTickGap={40}
    />,
    <YAxis key="y" width={64} tickFormatter={(v: number) => format(v)} allowDecimals={false} />,
    <Tooltip
      key="tip"
      labelFormatter={(t) => (typeof t === 'number' ? tooltipTime.format(t) : '')}
      formatter={(value) => (typeof value === 'number' ? format(value) : String(value))}
      isAnimationActive={false}
    />,
    <Legend key="legend" iconSize={10} wrapperStyle={{ fontSize: 12 }} />,
    ...(props.thresholds ?? []).map((th) => (
      <ReferenceLine
        key={`th-${th.label}`}
        y={th.y}
        stroke="#dc2626"
        strokeDasharray="6 4"
        ifOverflow="extendDomain"
        label={{ value: th.label, position: 'insideTopRight', fill: '#dc2626', fontSize: 11 }}
      />
    )),
  ];

  const marks = shaped.series.map((s) =>
    kind === 'area' ? (
      <Area
        key={s.id}
        dataKey={s.id}
        name={s.name}
        stackId="1"
        stroke={s.color}
        fill={s.color}
        fillOpacity={0.35}
        isAnimationActive={false}
        dot={false}
      />
    ) : kind === 'bar' ? (
      <Bar key={s.id} dataKey={s.id} name={s.name} stackId="1" fill={s.color} isAnimationActive={false} />
    ) : (
      <Line
        key={s.id}
        dataKey={s.id}
        name={s.name}
        stroke={s.color}
        strokeWidth={1.5}
        dot={false}
        isAnimationActive={false}
      />
    ),
  );

  const Chart = kind === 'area' ? AreaChart : kind === 'bar' ? BarChart : LineChart;
  return (
    <div className="chart" style={{ height }} data-testid={props.testId}>
      <ResponsiveContainer width="100%" height="100%">
        <Chart data={shaped.data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          {axes}
          {marks}
        </Chart>
      </ResponsiveContainer>
    </div>
  );
});
