// Byte counts and rates as a person reads them (1.5 KiB, 3.2 MiB/s), the same in the CLI, the
// UI and the report; an unknown count is a dash, never 0.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n) || n < 0) return '–';
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${UNITS[u]}`;
}

export function formatRate(bytesPerSecond: number | null | undefined): string {
  const text = formatBytes(
    bytesPerSecond === null || bytesPerSecond === undefined ? null : Math.round(bytesPerSecond),
  );
  return text === '–' ? text : `${text}/s`;
}
