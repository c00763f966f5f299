// The routing tables behind `netstat -r`: /proc/net/route (IPv4, words in host byte order, like
// /proc/net/tcp) and /proc/net/ipv6_route (IPv6, plain network order). Flag letters as net-tools.
import type { Route } from '../../../../shared/model';
import { ipv4FromWord, ipv6Text } from './proc-address';

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_HOST = 0x4;
const RTF_REINSTATE = 0x8;
const RTF_DYNAMIC = 0x10;
const RTF_MODIFIED = 0x20;
const RTF_REJECT = 0x200;
const RTF_DEFAULT = 0x10000;
const RTF_ALLONLINK = 0x20000;
const RTF_ADDRCONF = 0x40000;
const RTF_NONEXTHOP = 0x200000;
const RTF_EXPIRES = 0x400000;
const RTF_CACHE = 0x1000000;
const RTF_FLOW = 0x2000000;

function letters(flags: number, table: readonly [number, string][]): string {
  let text = '';
  for (const [bit, letter] of table) {
    if (!(flags & bit)) continue;
    // A reject route is "!" plus what follows, as net-tools prints it.
    text = bit === RTF_REJECT ? '!' : text + letter;
  }
  return text;
}

const V4_LETTERS: [number, string][] = [
  [RTF_UP, 'U'],
  [RTF_GATEWAY, 'G'],
  [RTF_REJECT, '!'],
  [RTF_HOST, 'H'],
  [RTF_REINSTATE, 'R'],
  [RTF_DYNAMIC, 'D'],
  [RTF_MODIFIED, 'M'],
];
const V6_LETTERS: [number, string][] = [
  [RTF_UP, 'U'],
  [RTF_REJECT, '!'],
  [RTF_GATEWAY, 'G'],
  [RTF_HOST, 'H'],
  [RTF_DEFAULT, 'D'],
  [RTF_ADDRCONF, 'A'],
  [RTF_CACHE, 'C'],
  [RTF_ALLONLINK, 'a'],
  [RTF_EXPIRES, 'e'],
  [RTF_MODIFIED, 'm'],
  [RTF_NONEXTHOP, 'n'],
  [RTF_FLOW, 'f'],
];

const HEX8 = /^[0-9A-Fa-f]{8}$/;
const DECIMAL = /^-?\d{1,10}$/;

function prefixLengthOfMask(mask: string): number {
  return mask
    .split('.')
    .reduce((bits, octet) => bits + Number(octet).toString(2).replace(/0/g, '').length, 0);
}

/** /proc/net/route: a header, then tab-separated Iface Destination Gateway Flags RefCnt Use Metric Mask ... */
export function parseIpv4Routes(text: string): Route[] {
  const routes: Route[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    const [iface, dest, gateway, flags, ref, use, metric, mask] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (![dest, gateway, mask].every((h) => HEX8.test(h)) || !/^[0-9A-Fa-f]{1,8}$/.test(flags)) continue;
    if (![ref, use, metric].every((d) => DECIMAL.test(d))) continue;
    const genmask = ipv4FromWord(parseInt(mask, 16));
    routes.push({
      family: 4,
      destination: ipv4FromWord(parseInt(dest, 16)),
      prefixLength: prefixLengthOfMask(genmask),
      gateway: ipv4FromWord(parseInt(gateway, 16)),
      genmask,
      flags: letters(parseInt(flags, 16), V4_LETTERS),
      metric: Number(metric),
      ref: Number(ref),
      use: Number(use),
      iface,
    });
  }
  return routes;
}

function ipv6FromHex(hex: string): string {
  const groups: number[] = [];
  for (let i = 0; i < 32; i += 4) groups.push(parseInt(hex.slice(i, i + 4), 16));
  return ipv6Text(groups);
}

const HEX32 = /^[0-9A-Fa-f]{32}$/;
const HEX2 = /^[0-9A-Fa-f]{2}$/;

/** /proc/net/ipv6_route: dest plen src plen nexthop metric refcnt use flags iface, all hex but the name. */
export function parseIpv6Routes(text: string): Route[] {
  const routes: Route[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [dest, plen, , , nexthop, metric, ref, use, flags, iface] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!HEX32.test(dest) || !HEX32.test(nexthop) || !HEX2.test(plen)) continue;
    if (![metric, ref, use, flags].every((h) => HEX8.test(h))) continue;
    routes.push({
      family: 6,
      destination: ipv6FromHex(dest),
      prefixLength: parseInt(plen, 16),
      gateway: ipv6FromHex(nexthop),
      genmask: null,
      flags: letters(parseInt(flags, 16), V6_LETTERS),
      // Metrics are u32; netstat prints the reject route's 0xffffffff as -1.
      metric: parseInt(metric, 16) | 0,
      ref: parseInt(ref, 16),
      use: parseInt(use, 16),
      iface,
    });
  }
  return routes;
}
