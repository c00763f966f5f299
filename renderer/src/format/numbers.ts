// Numbers, sizes, rates and times as a table shows them: short, aligned, unambiguous.

const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

export function bytesText(n: number): string {
  if (!Number.isFinite(n)) return '—';
  let value = n;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function rateText(bytesPerSecond: number): string {
  return `${bytesText(bytesPerSecond)}/s`;
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function countText(n: number): string {
  return Number.isInteger(n) ? integer.format(n) : decimal.format(n);
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateClock = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Today: the time; otherwise date and time. */
export function timeText(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  return sameDay ? clock.format(ms) : dateClock.format(ms);
}

export function fullTimeText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  return new Date(ms).toISOString();
}

/** "4 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "5 s ago", "3 min ago". */
export function agoText(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined) return '—';
  return `${durationText(Math.max(0, now - ms))} ago`;
}
