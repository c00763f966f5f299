// Parses BSD `netstat -i` / `-ib` (macOS, FreeBSD) into link rows. Each interface has one
// <Link#N> row with its counters (the address rows repeat them with "-" for errors). N, the
// interface index, is the key: macOS cuts names to the column (utun10 and utun11 both print as
// "utun1", vmnet1 and vmnet8 as "vmnet"), so names are only what netstat printed; the full ones
// come from interface-names.ts. A trailing "*" on the name means the interface is down.
import type { InterfaceStats } from '../../../../shared/model';

/** Counter columns netstat may print after Address; Idrop is FreeBSD's, Drop comes with -d. */
const COUNTERS = {
  Ipkts: 'rxPackets',
  Ierrs: 'rxErrors',
  Idrop: 'rxDropped',
  Ibytes: 'rxBytes',
  Opkts: 'txPackets',
  Oerrs: 'txErrors',
  Obytes: 'txBytes',
  Coll: 'txCollisions',
  Drop: 'txDropped',
} as const;

type CounterField = (typeof COUNTERS)[keyof typeof COUNTERS];

export interface LinkRow {
  /** The N of <Link#N>: unique, whatever the name column shows. */
  index: number;
  /** The name as printed, possibly cut short. */
  printedName: string;
  mtu: number | null;
  up: boolean;
  counters: Record<CounterField, number>;
}

export interface NetstatInterfaceTable {
  links: LinkRow[];
  /** Link rows that could not be read, and the first of them. */
  skipped: number;
  firstSkipped: string | null;
  /** Link rows that ended early: the counters they lack read as 0. */
  short: number;
  firstShort: string | null;
}

function emptyCounters(): Record<CounterField, number> {
  return {
    rxPackets: 0,
    rxErrors: 0,
    rxDropped: 0,
    rxBytes: 0,
    txPackets: 0,
    txErrors: 0,
    txBytes: 0,
    txCollisions: 0,
    txDropped: 0,
  };
}

function isCounterColumn(name: string): name is keyof typeof COUNTERS {
  return Object.hasOwn(COUNTERS, name);
}

export function parseNetstatInterfaceTable(text: string): NetstatInterfaceTable {
  const table: NetstatInterfaceTable = {
    links: [],
    skipped: 0,
    firstSkipped: null,
    short: 0,
    firstShort: null,
  };
  const seen = new Set<number>();
  let columns: string[] | null = null;
  const skip = (line: string): void => {
    table.skipped++;
    table.firstSkipped ??= line.trim();
  };
  for (const line of text.split(/\r?\n/)) {
    const tokens = line.trim().split(/\s+/);
    if (tokens[0] === 'Name') {
      const address = tokens.indexOf('Address');
      columns = address < 0 ? null : tokens.slice(address + 1);
      continue;
    }
    const link = /^<Link#(\d+)>$/.exec(tokens[2] ?? '');
    if (!link) continue;
    if (columns === null) {
      skip(line);
      continue;
    }
    // Counters are read from the left: the Address (a MAC, FreeBSD's own name, or nothing) is
    // never all digits, and a counter always is, so a missing trailing value shifts nothing.
    const rest = tokens.slice(3);
    if (rest.length > 0 && !/^\d+$/.test(rest[0] ?? '')) rest.shift();
    const rawName = tokens[0] ?? '';
    const index = Number(link[1]);
    if (
      rest.length === 0 ||
      rest.length > columns.length ||
      !rest.every((v) => /^\d+$/.test(v) && Number.isSafeInteger(Number(v))) ||
      rawName === '' ||
      seen.has(index)
    ) {
      skip(line);
      continue;
    }
    if (rest.length < columns.length) {
      table.short++;
      table.firstShort ??= line.trim();
    }
    const counters = emptyCounters();
    rest.forEach((value, i) => {
      const column = columns?.[i] ?? '';
      if (isCounterColumn(column)) counters[COUNTERS[column]] = Number(value);
    });
    seen.add(index);
    const up = !rawName.endsWith('*');
    table.links.push({
      index,
      printedName: up ? rawName : rawName.slice(0, -1),
      mtu: /^\d+$/.test(tokens[1] ?? '') ? Number(tokens[1]) : null,
      up,
      counters,
    });
  }
  return table;
}

/** One link row as InterfaceStats, under the name it was given. */
export function linkStats(link: LinkRow, name: string): InterfaceStats {
  const c = link.counters;
  return {
    name,
    mtu: link.mtu,
    // netstat -i tells only up or down; "U" as in ifconfig, empty when down.
    flags: link.up ? 'U' : '',
    rxBytes: c.rxBytes,
    rxPackets: c.rxPackets,
    rxErrors: c.rxErrors,
    rxDropped: c.rxDropped,
    rxOverruns: 0,
    rxFrame: 0,
    rxMulticast: 0,
    txBytes: c.txBytes,
    txPackets: c.txPackets,
    txErrors: c.txErrors,
    txDropped: c.txDropped,
    txOverruns: 0,
    txCarrier: 0,
    txCollisions: c.txCollisions,
  };
}

/** The first <Link#N> index in `netstat -I NAME` output, or null. */
export function linkIndexOf(text: string): number | null {
  const first = parseNetstatInterfaceTable(text).links[0];
  return first ? first.index : null;
}
