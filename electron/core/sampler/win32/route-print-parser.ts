// Parses Windows `route print` into Routes: the Interface List (index -> name), then per family the
// Active Routes table (the Persistent Routes one repeats configuration, not the live table). The
// titles are translated on localized Windows, so tables are found by the "IPv4"/"IPv6" in their
// heading and the ===== rules around them; a gateway that is not an address ("On-link",
// "Auf Verbindung") means on-link. An IPv6 row whose destination is long wraps its gateway onto
// the next line.
import type { Family, Route } from '../../../../shared/model';

const DOTTED = /^\d{1,3}(\.\d{1,3}){3}$/;
/**
 * " 12...00 1d 09 56 1c 08 ......Marvell Yukon", "  1.........Software Loopback Interface 1", and
 * as Windows 7 prints them: " 20...00 00 00 00 00 00 00 e0 Microsoft 6to4 Adapter" (no dots after
 * the address) and "  8 ...00 12 3f ......Name" (a space before the dots). The address is
 * lower-case hex pairs, so a name that starts with a capital is never taken for part of it.
 */
const INTERFACE_LINE = /^\s*(\d+)\s*\.{3}((?:[0-9a-f]{2}[ -]?)*)\.*\s*(\S.*)$/;

function maskToPrefix(mask: string): number | null {
  const bits = mask
    .split('.')
    .map((o) => Number(o).toString(2).padStart(8, '0'))
    .join('');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') < 0 ? 32 : bits.indexOf('0')) : null;
}

function flagsFor(onLink: boolean, prefixLength: number, family: Family): string {
  return `U${onLink ? '' : 'G'}${prefixLength === (family === 4 ? 32 : 128) ? 'H' : ''}`;
}

export interface RoutePrintTable {
  routes: Route[];
  /** Lines that look like routes (a dotted destination, "If Metric" numbers) but could not be read. */
  skipped: number;
  firstSkipped: string | null;
}

export function parseRoutePrint(text: string): RoutePrintTable {
  const routes: Route[] = [];
  let skipped = 0;
  let firstSkipped: string | null = null;
  const skip = (line: string): void => {
    skipped++;
    firstSkipped ??= line;
  };
  const interfaceNames = new Map<string, string>();
  let family: Family | null = null;
  let rules = 0;
  let pending6: { iface: string; metric: number; destination: string; prefixLength: number } | null = null;

  const push6 = (gatewayText: string): void => {
    if (!pending6) return;
    const onLink = !gatewayText.includes(':');
    routes.push({
      family: 6,
      destination: pending6.destination,
      prefixLength: pending6.prefixLength,
      gateway: onLink ? '::' : gatewayText.toLowerCase(),
      genmask: null,
      flags: flagsFor(onLink, pending6.prefixLength, 6),
      metric: pending6.metric,
      ref: 0,
      use: 0,
      iface: interfaceNames.get(pending6.iface) ?? pending6.iface,
    });
    pending6 = null;
  };

  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    const iface = INTERFACE_LINE.exec(line);
    if (family === null && iface?.[1] && iface[3]) {
      interfaceNames.set(iface[1], iface[3].trim());
      continue;
    }
    if (/^=+$/.test(trimmed)) {
      if (family !== null) rules++;
      continue;
    }
    // A heading: "IPv4 Route Table", "IPv6-Routentabelle", ...
    if (/IPv4/.test(trimmed) && !/\d+\.\d+/.test(trimmed)) {
      family = 4;
      rules = 0;
      continue;
    }
    if (/IPv6/.test(trimmed) && !/[0-9a-f]:/.test(trimmed)) {
      push6('');
      family = 6;
      rules = 0;
      continue;
    }
    if (family === null || rules !== 1 || trimmed === '') continue;
    const tokens = trimmed.split(/\s+/);
    if (family === 4) {
      const [destination = '', mask = ''] = tokens;
      const ifaceAddress = tokens.at(-2) ?? '';
      const metricText = tokens.at(-1) ?? '';
      const gatewayText = tokens.slice(2, -2).join(' ');
      const prefixLength = DOTTED.test(mask) ? maskToPrefix(mask) : null;
      if (
        !DOTTED.test(destination) ||
        prefixLength === null ||
        !DOTTED.test(ifaceAddress) ||
        !/^\d+$/.test(metricText) ||
        gatewayText === ''
      ) {
        // Headings are translated; a line that starts like a route and fails is reported.
        if (/^\d{1,3}\./.test(destination)) skip(trimmed);
        continue;
      }
      const onLink = !DOTTED.test(gatewayText);
      routes.push({
        family: 4,
        destination,
        prefixLength,
        gateway: onLink ? '0.0.0.0' : gatewayText,
        genmask: mask,
        flags: flagsFor(onLink, prefixLength, 4),
        metric: Number(metricText),
        ref: 0,
        use: 0,
        iface: ifaceAddress,
      });
      continue;
    }
    const row = /^(\d+)\s+(\d+)\s+([0-9a-fA-F:.%]+)\/(\d{1,3})(?:\s+(.+))?$/.exec(trimmed);
    if (row) {
      push6('');
      const prefixLength = Number(row[4]);
      if (prefixLength > 128) {
        skip(trimmed);
        continue;
      }
      pending6 = {
        iface: row[1] ?? '',
        metric: Number(row[2]),
        destination: (row[3] ?? '').toLowerCase(),
        prefixLength,
      };
      if (row[5]) push6(row[5].trim());
    } else if (pending6) {
      push6(trimmed); // the wrapped gateway of the row above
    } else if (/^\d+\s+\d+\s/.test(trimmed)) {
      skip(trimmed);
    }
  }
  push6('');
  return { routes, skipped, firstSkipped };
}
