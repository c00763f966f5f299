// Decodes the hex addresses of /proc/net/* into the text inet_ntop (and so ss) prints. The kernel
// prints each 32-bit word as %08X of the word in host byte order: little-endian here, so
// 0100007F is 127.0.0.1 and the IPv6 words are byte-swapped one by one.
import os from 'node:os';

const littleEndian = os.endianness() === 'LE';

/** Bytes of one %08X word, in memory (network) order. */
function wordBytes(word: number, little: boolean): [number, number, number, number] {
  return little
    ? [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24]
    : [word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff];
}

/** 8 hex digits as printed by the kernel -> dotted quad. */
export function ipv4FromWord(word: number, little = littleEndian): string {
  const b = wordBytes(word, little);
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** Four kernel words -> the eight 16-bit groups of the address. */
export function ipv6Groups(words: readonly number[], little = littleEndian): number[] {
  const groups: number[] = [];
  for (const word of words) {
    const b = wordBytes(word, little);
    groups.push((b[0] << 8) | b[1], (b[2] << 8) | b[3]);
  }
  return groups;
}

/**
 * RFC 5952 text as glibc's inet_ntop writes it: the longest run of two or more zero groups
 * becomes ::, and ::a.b.c.d / ::ffff:a.b.c.d keep their embedded IPv4 (v4-mapped kept as such).
 */
export function ipv6Text(groups: readonly number[]): string {
  let bestBase = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestBase = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestLength < 2) bestBase = -1;
  const g6 = groups[6] ?? 0;
  const g7 = groups[7] ?? 0;
  const embedded = `${g6 >>> 8}.${g6 & 0xff}.${g7 >>> 8}.${g7 & 0xff}`;
  if (bestBase === 0 && (bestLength === 6 || (bestLength === 5 && groups[5] === 0xffff))) {
    return bestLength === 6 ? `::${embedded}` : `::ffff:${embedded}`;
  }
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestBase) {
      text += '::';
      i += bestLength - 1;
      continue;
    }
    if (text !== '' && !text.endsWith(':')) text += ':';
    text += (groups[i] ?? 0).toString(16);
  }
  return text;
}

// Address text by value: a machine has few distinct addresses and thousands of sockets.
const ipv4Cache = new Map<number, string>();
const ipv6Cache = new Map<string, string>();
const ADDRESS_CACHE_LIMIT = 8192;

/** ipv4FromWord, remembered. */
export function ipv4TextOf(word: number): string {
  let text = ipv4Cache.get(word);
  if (text === undefined) {
    if (ipv4Cache.size >= ADDRESS_CACHE_LIMIT) ipv4Cache.clear();
    text = ipv4FromWord(word);
    ipv4Cache.set(word, text);
  }
  return text;
}

/** The text of four kernel words of an IPv6 address, remembered. */
export function ipv6TextOf(words: readonly number[]): string {
  const key = `${words[0]},${words[1]},${words[2]},${words[3]}`;
  let text = ipv6Cache.get(key);
  if (text === undefined) {
    if (ipv6Cache.size >= ADDRESS_CACHE_LIMIT) ipv6Cache.clear();
    text = ipv6Text(ipv6Groups(words));
    ipv6Cache.set(key, text);
  }
  return text;
}
