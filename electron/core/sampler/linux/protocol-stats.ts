// Protocol counters behind `netstat -s`: /proc/net/snmp and /proc/net/netstat hold pairs of lines
// ("Tcp: names..." then "Tcp: values..."); /proc/net/snmp6 holds "Ip6InReceives  4" lines, grouped
// here by their prefix (Ip6, Icmp6, Udp6, UdpLite6) so both read the same way.
import type { ProtocolStats } from '../../../../shared/model';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const VALUE = /^-?\d{1,20}$/;

/** Adds the counters of a snmp/netstat style text to `into`; lines that do not pair up are skipped. */
export function parsePairedCounters(text: string, into: ProtocolStats = {}): ProtocolStats {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = lines[i]!;
    const values = lines[i + 1]!;
    const colon = header.indexOf(':');
    const group = header.slice(0, colon);
    if (colon < 1 || !NAME.test(group) || !values.startsWith(group + ':')) continue;
    const names = header
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    const numbers = values
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (
      names.length !== numbers.length ||
      !names.every((n) => NAME.test(n)) ||
      !numbers.every((v) => VALUE.test(v))
    ) {
      continue;
    }
    const counters = (into[group] ??= {});
    names.forEach((name, k) => (counters[name] = Number(numbers[k])));
    i++;
  }
  return into;
}

/** snmp6: "Name value" per line; the group is the leading word up to and including its '6'. */
export function parseSnmp6(text: string, into: ProtocolStats = {}): ProtocolStats {
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+6)([A-Za-z0-9_]+)\s+(-?\d{1,20})\s*$/.exec(line);
    if (match === null) continue;
    const [, group, name, value] = match as unknown as [string, string, string, string];
    (into[group] ??= {})[name] = Number(value);
  }
  return into;
}
