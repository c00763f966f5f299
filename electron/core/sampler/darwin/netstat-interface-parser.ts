// Parses macOS `netstat -ib` into InterfaceStats. Each interface has one <Link#N> row with the
// counters (the address rows repeat them with "-" for errors); a trailing "*" on the name means
// the interface is down. The Address column may be empty, so counters are read from the right.
import type { InterfaceStats } from '../../../../shared/model';

/** The columns after Address: Ipkts Ierrs Ibytes Opkts Oerrs Obytes Coll, and Drop with -d. */
type Counter = 'Ipkts' | 'Ierrs' | 'Ibytes' | 'Opkts' | 'Oerrs' | 'Obytes' | 'Coll' | 'Drop';

export function parseNetstatInterfaces(text: string): InterfaceStats[] {
  const out: InterfaceStats[] = [];
  const seen = new Set<string>();
  let header: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    const tokens = line.trim().split(/\s+/);
    if (tokens[0] === 'Name') {
      header = tokens;
      continue;
    }
    if (header === null || tokens.length < 3 || !/^<Link#\d+>$/.test(tokens[2] ?? '')) continue;
    // Counters are the header's columns after Address (Drop appears with -d): read them from the right.
    const after = header.slice(header.indexOf('Address') + 1);
    if (after.length === 0 || tokens.length < 3 + after.length) continue;
    const values = tokens.slice(tokens.length - after.length);
    const counter = (name: Counter): number | null => {
      const index = after.indexOf(name);
      if (index < 0) return 0;
      const text = values[index] ?? '';
      return /^\d+$/.test(text) ? Number(text) : null;
    };
    const counts = {
      rxPackets: counter('Ipkts'),
      rxErrors: counter('Ierrs'),
      rxBytes: counter('Ibytes'),
      txPackets: counter('Opkts'),
      txErrors: counter('Oerrs'),
      txBytes: counter('Obytes'),
      txCollisions: counter('Coll'),
      txDropped: counter('Drop'),
    };
    if (Object.values(counts).some((v) => v === null)) continue;
    const rawName = tokens[0] ?? '';
    const down = rawName.endsWith('*');
    const name = down ? rawName.slice(0, -1) : rawName;
    const mtu = /^\d+$/.test(tokens[1] ?? '') ? Number(tokens[1]) : null;
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    out.push({
      name,
      mtu,
      // netstat -i tells only up or down; "U" as in ifconfig, empty when down.
      flags: down ? '' : 'U',
      rxBytes: counts.rxBytes ?? 0,
      rxPackets: counts.rxPackets ?? 0,
      rxErrors: counts.rxErrors ?? 0,
      rxDropped: 0,
      rxOverruns: 0,
      rxFrame: 0,
      rxMulticast: 0,
      txBytes: counts.txBytes ?? 0,
      txPackets: counts.txPackets ?? 0,
      txErrors: counts.txErrors ?? 0,
      txDropped: counts.txDropped ?? 0,
      txOverruns: 0,
      txCarrier: 0,
      txCollisions: counts.txCollisions ?? 0,
    });
  }
  return out;
}
