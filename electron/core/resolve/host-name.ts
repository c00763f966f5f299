// Host names come from whoever controls a DNS zone or a hosts file: only a well-formed name is
// passed on (letters, digits, '-' and '_', labels of 1..63, at most 253 in all), lowercased,
// trailing dot dropped. Anything else is treated as "no name", never shown.

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

export function validHostName(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (trimmed.length === 0 || trimmed.length > 253) return null;
  const lower = trimmed.toLowerCase();
  return lower.split('.').every((label) => LABEL.test(label)) ? lower : null;
}
