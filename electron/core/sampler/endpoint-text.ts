// Parses the "address:port" endpoints lsof and Windows netstat print: 10.0.0.1:443, [::1]:631,
// [fe80::1%en0]:80, *:5353, *:* . One place so both backends agree on wildcards and zones.
import { isIPv6 } from 'node:net';
import type { Family } from '../../../shared/model';

export interface Endpoint {
  /** Numeric address; wildcards become 0.0.0.0 or ::, an IPv6 zone (%en0, %9) is kept. */
  address: string;
  port: number;
}

export function wildcardAddress(family: Family): string {
  return family === 6 ? '::' : '0.0.0.0';
}

function parsePort(text: string): number | null {
  if (text === '*') return 0;
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/** A bare address as these tools print it; null when it is not one. */
export function normalizeAddress(text: string, family: Family): string | null {
  if (text === '*' || text === '') return wildcardAddress(family);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text;
  // IPv6, optionally with a zone; the zone may hold any interface name but never spaces or brackets.
  // isIPv6 refuses what a tool cut to its column width ("fe80::87e6:73b7:", netstat without -W).
  const v6 = /^([0-9a-fA-F:.]+)(%[^\s[\]]+)?$/.exec(text);
  if (v6?.[1] && isIPv6(v6[1])) return v6[1].toLowerCase() + (v6[2] ?? '');
  return null;
}

/** "host:port" or "[v6]:port"; null when the text is not an endpoint. */
export function parseColonEndpoint(text: string, family: Family): Endpoint | null {
  let host: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') return null;
    host = text.slice(1, close);
    portText = text.slice(close + 2);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) return null;
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
  }
  const port = parsePort(portText);
  const address = normalizeAddress(host, family);
  if (port === null || address === null) return null;
  return { address, port };
}

/**
 * The same address as another tool may print it: zone dropped, and the KAME-embedded scope of
 * macOS (fe80:4::1 is fe80::1 on interface 4) removed, so lsof and netstat rows can be matched.
 */
export function matchableAddress(address: string): string {
  const bare = address.toLowerCase().replace(/%.*$/, '');
  return bare.replace(/^fe80:[0-9a-f]{1,4}::/, 'fe80::');
}
