// A tiny line of recent values, for a table cell: no axes, the last value emphasised.
import { memo } from 'react';

interface SparklineProps {
  values: readonly number[];
  width?: number;
  height?: number;
  label?: string;
}

export const Sparkline = memo(function Sparkline({ values, width = 80, height = 16, label }: SparklineProps) {
  if (values.length < 2) return <span className="absent">—</span>;
  const max = Math.max(1, ...values);
  const step = width / (values.length - 1);
  const y = (v: number) => (height - 1 - (v / max) * (height - 2)).toFixed(1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v)}`).join(' ');
  const lastX = ((values.length - 1) * step).toFixed(1);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.25" />
      <circle cx={lastX} cy={y(values[values.length - 1]!)} r="1.8" fill="currentColor" />
    </svg>
  );
});
