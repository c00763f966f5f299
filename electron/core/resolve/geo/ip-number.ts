// Addresses as numbers for range tables: IPv4 as an unsigned 32-bit integer, IPv6 as a 128-bit
// bigint. A v4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 address: that is who is talking.
import net from 'node:net';

export type IpNumber = { family: 4; value: number } | { family: 6; value: bigint };

export function ipv4Number(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** The eight 16-bit groups of an IPv6 text (with :: and an embedded dotted quad); null if malformed. */
function ipv6Groups(text: string): number[] | null {
  if (!net.isIPv6(text)) return null;
  let hex = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4Number(tail);
    if (v4 === null) return null;
    hex = `${text.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const [left = '', right] = hex.split('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const l = parse(left);
  const r = right === undefined ? [] : parse(right);
  const fill = 8 - l.length - r.length;
  if (fill < 0 || (right === undefined && fill !== 0)) return null;
  return [...l, ...new Array<number>(fill).fill(0), ...r];
}

export function ipNumber(text: string): IpNumber | null {
  const v4 = ipv4Number(text);
  if (v4 !== null) return { family: 4, value: v4 };
  const groups = ipv6Groups(text);
  if (groups === null) return null;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return { family: 4, value: (groups[6] ?? 0) * 65536 + (groups[7] ?? 0) };
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return { family: 6, value };
}
