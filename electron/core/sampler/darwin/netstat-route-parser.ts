// Parses macOS `netstat -rnl` (routing tables) into Routes. BSD shortens destinations: "127" is
// 127.0.0.0/8, "192.168.1" is 192.168.1.0/24, "224.0.0/4" keeps its length, a host route (flag H)
// is /32 or /128, and "link#10" as gateway means on-link. Columns are taken from each table's
// header, since macOS versions differ (Refs/Use/Mtu come and go).
import type { Family, Route } from '../../../../shared/model';

/** Dotted netmask of an IPv4 prefix length. */
export function prefixToNetmask(prefix: number): string {
  const bits = prefix <= 0 ? 0 : (0xffffffff << (32 - Math.min(prefix, 32))) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join('.');
}

function ipv4Destination(text: string, flags: string): { destination: string; prefixLength: number } | null {
  if (text === 'default') return { destination: '0.0.0.0', prefixLength: 0 };
  const [addressPart = '', prefixText] = text.split('/');
  const octets = addressPart.split('.');
  if (
    octets.length < 1 ||
    octets.length > 4 ||
    !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  ) {
    return null;
  }
  let prefixLength: number;
  if (prefixText !== undefined) {
    if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) return null;
    prefixLength = Number(prefixText);
  } else if (flags.includes('H')) prefixLength = 32;
  else prefixLength = octets.length * 8;
  while (octets.length < 4) octets.push('0');
  return { destination: octets.join('.'), prefixLength };
}

function ipv6Destination(text: string): { destination: string; prefixLength: number } | null {
  if (text === 'default') return { destination: '::', prefixLength: 0 };
  const [addressPart = '', prefixText] = text.split('/');
  // The zone repeats the Netif column: drop it from the destination.
  const address = addressPart.replace(/%.*$/, '').toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(address) || !address.includes(':')) return null;
  let prefixLength: number;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > 128) return null;
    prefixLength = Number(prefixText);
  } else prefixLength = 128; // netstat prints a length for every IPv6 network route
  return { destination: address, prefixLength };
}

function gatewayText(text: string, family: Family): string {
  if (/^link#\d+$/.test(text)) return family === 6 ? '::' : '0.0.0.0';
  return text;
}

function count(text: string | undefined): number {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : 0;
}

export interface NetstatRouteTable {
  routes: Route[];
  /** Rows under a table header that could not be read, and the first of them. */
  skipped: number;
  firstSkipped: string | null;
}

export function parseNetstatRoutes(text: string): NetstatRouteTable {
  const routes: Route[] = [];
  let skipped = 0;
  let firstSkipped: string | null = null;
  let family: Family | null = null;
  let columns: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === 'Internet:') {
      family = 4;
      columns = null;
      continue;
    }
    if (trimmed === 'Internet6:') {
      family = 6;
      columns = null;
      continue;
    }
    if (family === null || trimmed === '') continue;
    const tokens = trimmed.split(/\s+/);
    if (tokens[0] === 'Destination') {
      columns = tokens;
      continue;
    }
    if (columns === null) continue;
    const field = (name: string): string | undefined => {
      const index = columns?.indexOf(name) ?? -1;
      return index >= 0 ? tokens[index] : undefined;
    };
    const flags = field('Flags') ?? '';
    const destinationText = field('Destination') ?? '';
    const parsed = family === 4 ? ipv4Destination(destinationText, flags) : ipv6Destination(destinationText);
    const gateway = field('Gateway');
    const iface = field('Netif');
    if (!parsed || gateway === undefined || iface === undefined || !/^[A-Za-z]+$/.test(flags)) {
      skipped++;
      firstSkipped ??= trimmed;
      continue;
    }
    routes.push({
      family,
      destination: parsed.destination,
      prefixLength: parsed.prefixLength,
      gateway: gatewayText(gateway, family),
      genmask: family === 4 ? prefixToNetmask(parsed.prefixLength) : null,
      flags,
      metric: 0,
      ref: count(field('Refs')),
      use: count(field('Use')),
      iface,
    });
  }
  return { routes, skipped, firstSkipped };
}
