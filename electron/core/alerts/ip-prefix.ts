// Addresses and networks for ignore rules: IPv4 and IPv6 as 16 bytes (IPv4 as ::ffff:a.b.c.d, so a
// rule for 10.0.0.0/8 also covers the mapped form a dual-stack socket reports), with a prefix length.
import { isIPv4, isIPv6 } from 'node:net';

export interface IpPrefix {
  bytes: Uint8Array;
  /** Prefix length over the 16 bytes (an IPv4 /8 is 104). */
  bits: number;
  family: 4 | 6;
}

const MAPPED = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** The 16 bytes of an address (IPv4 mapped into IPv6), or null when it is not one. */
export function addressBytes(text: string): Uint8Array | null {
  if (isIPv4(text)) return Uint8Array.from([...MAPPED, ...text.split('.').map(Number)]);
  // A zone ("fe80::1%eth0") names an interface, not an address: not for rules.
  if (!isIPv6(text) || !/^[0-9a-fA-F:.]+$/.test(text)) return null;
  let head = text;
  let tail: number[] = [];
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    tail = v4[1]!.split('.').map(Number);
    head = text.slice(0, v4.index + 1) + '0:0';
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const groups = (part: string | undefined): number[] =>
    part ? part.split(':').map((g) => Number.parseInt(g, 16)) : [];
  const l = groups(left);
  const r = groups(right);
  const words = right === undefined ? l : [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  if (tail.length === 4) bytes.set(tail, 12);
  return bytes;
}

function isMapped(bytes: Uint8Array): boolean {
  return MAPPED.every((b, i) => bytes[i] === b);
}

/** Whether the first `bits` bits of two 16-byte addresses agree. */
function samePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  const whole = bits >> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== b[i]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (a[whole]! & mask) === (b[whole]! & mask);
}

export type PrefixParse = { ok: true; prefix: IpPrefix; text: string } | { ok: false; message: string };

/**
 * "10.0.0.0/8", "2001:db8::/32" or a single address; `text` is its normal form. Refuses a prefix
 * length out of range and a network with host bits set (naming the network that was likely meant).
 */
export function parsePrefix(input: string): PrefixParse {
  const slash = input.indexOf('/');
  const address = slash < 0 ? input : input.slice(0, slash);
  const bytes = addressBytes(address);
  if (!bytes) return { ok: false, message: `${JSON.stringify(input)} is not an IP address or CIDR network` };
  const family = isIPv4(address) ? 4 : 6;
  const max = family === 4 ? 32 : 128;
  let length = max;
  if (slash >= 0) {
    const lengthText = input.slice(slash + 1);
    length = /^\d{1,3}$/.test(lengthText) ? Number(lengthText) : NaN;
    if (!(length >= 0 && length <= max)) {
      return { ok: false, message: `${JSON.stringify(input)}: the prefix length must be 0 to ${max}` };
    }
  }
  const bits = family === 4 ? 96 + length : length;
  const network = new Uint8Array(16);
  network.set(bytes.subarray(0, bits >> 3));
  if (bits & 7) network[bits >> 3] = bytes[bits >> 3]! & ((0xff << (8 - (bits & 7))) & 0xff);
  const networkText = formatAddress(network, family);
  if (!samePrefix(network, bytes, 128)) {
    return {
      ok: false,
      message: `${JSON.stringify(input)} has host bits set; the network is ${networkText}/${length}`,
    };
  }
  return {
    ok: true,
    prefix: { bytes: network, bits, family },
    text: length === max ? networkText : `${networkText}/${length}`,
  };
}

/** Whether an address (as the sampler reports it) lies in the prefix. */
export function prefixContains(prefix: IpPrefix, address: string): boolean {
  const bytes = addressBytes(address);
  return bytes !== null && samePrefix(prefix.bytes, bytes, prefix.bits);
}

function formatAddress(bytes: Uint8Array, family: 4 | 6): string {
  if (isMapped(bytes)) {
    const dotted = Array.from(bytes.subarray(12)).join('.');
    return family === 4 ? dotted : `::ffff:${dotted}`;
  }
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((bytes[i]! << 8) | bytes[i + 1]!);
  // The longest run of zero words (two or more) becomes "::", as RFC 5952 asks.
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}
