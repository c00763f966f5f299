// Addresses no geolocation database should answer for: the special-purpose ranges of the IANA
// registries (RFC 6890 and successors). They are labelled by what they are, never given a country.
import type { IpNumber } from './ip-number';
import { ipNumber } from './ip-number';

export type SpecialScope =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'multicast'
  | 'documentation'
  | 'benchmarking'
  | 'broadcast'
  | 'reserved';

export const SPECIAL_SCOPES: readonly SpecialScope[] = [
  'unspecified',
  'loopback',
  'private',
  'cgnat',
  'link-local',
  'multicast',
  'documentation',
  'benchmarking',
  'broadcast',
  'reserved',
];

type Range4 = [base: string, bits: number, scope: SpecialScope];
type Range6 = Range4;

const V4: readonly Range4[] = [
  ['255.255.255.255', 32, 'broadcast'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V6: readonly Range6[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
  ['2001:2::', 48, 'benchmarking'],
  ['100::', 64, 'reserved'],
];

const v4Ranges = V4.map(([base, bits, scope]) => {
  const n = ipNumber(base);
  const start = n?.family === 4 ? n.value : 0;
  return { start, end: start + 2 ** (32 - bits) - 1, scope };
});

const v6Ranges = V6.map(([base, bits, scope]) => {
  const n = ipNumber(base);
  const start = n?.family === 6 ? n.value : 0n;
  return { start, end: start + (1n << BigInt(128 - bits)) - 1n, scope };
});

/** The special scope of an address, or null for a public (routable, geolocatable) one. */
export function specialScope(address: IpNumber): SpecialScope | null {
  if (address.family === 4) {
    const v = address.value;
    return v4Ranges.find((r) => v >= r.start && v <= r.end)?.scope ?? null;
  }
  const v = address.value;
  return v6Ranges.find((r) => v >= r.start && v <= r.end)?.scope ?? null;
}
