// Host names come from whoever controls a DNS zone or a hosts file: only a well-formed name is
// passed on (letters, digits, '-' and '_', labels of 1..63, at most 253 in all), lowercased,
// trailing dot dropped. A name that reads as an address (`10.0.0.1`, `0x7f000001`: its last label
// all digits, or hex as inet_aton takes it) would show a false address, so it is no name either.
// Anything else is treated as "no name", never shown.

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
/** A top-level label is never all digits (RFC 3696 2); inet_aton reads these as numbers. */
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/;

export function validHostName(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (trimmed.length === 0 || trimmed.length > 253) return null;
  const lower = trimmed.toLowerCase();
  const labels = lower.split('.');
  if (NUMERIC_LABEL.test(labels[labels.length - 1]!)) return null;
  return labels.every((label) => LABEL.test(label)) ? lower : null;
}
