// Parses Windows `netstat -s` into ProtocolStats. Sections are a title then "Name = value" lines,
// or for ICMP a small table with Received/Sent columns. Titles are translated on localized
// Windows, but protocol names are not: the group is chosen from the ones a title mentions
// (ICMPv6 -> Icmp6, "TCP ... IPv6" -> Tcp6, ...). Counter names are kept as written (translated
// where Windows translates them); table counters get the column's title: "Messages Received".
import type { ProtocolStats } from '../../../../shared/model';

export function groupForTitle(title: string): string {
  const t = title.toUpperCase();
  const v6 = t.includes('IPV6');
  if (t.includes('ICMPV6')) return 'Icmp6';
  if (t.includes('ICMP')) return 'Icmp';
  if (/\bTCP\b/.test(t)) return v6 ? 'Tcp6' : 'Tcp';
  if (/\bUDP\b/.test(t)) return v6 ? 'Udp6' : 'Udp';
  if (v6) return 'Ip6';
  if (t.includes('IPV4') || /\bIP\b/.test(t)) return 'Ip';
  return title.trim();
}

function put(group: Record<string, number>, key: string, value: number): void {
  if (key !== '__proto__' && !Object.hasOwn(group, key)) group[key] = value;
}

export interface WindowsNetstatStatistics {
  stats: ProtocolStats;
  /** Lines with "=" or numbers that read as neither a counter nor a title, and the first of them. */
  unread: number;
  firstUnread: string | null;
}

export function readWindowsNetstatStatistics(text: string): WindowsNetstatStatistics {
  const stats: ProtocolStats = {};
  let unread = 0;
  let firstUnread: string | null = null;
  let group: Record<string, number> | null = null;
  let columns: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const pair = /^(.*?)\s*=\s*(\d+)$/.exec(trimmed);
    if (pair?.[1] && group) {
      put(group, pair[1], Number(pair[2]));
      continue;
    }
    const row = /^(\D*?)\s+(\d+)(?:\s+(\d+))?$/.exec(trimmed);
    if (row?.[1] && group) {
      const values = [row[2], row[3]].filter((v): v is string => v !== undefined);
      values.forEach((v, i) =>
        put(
          group as Record<string, number>,
          columns[i] ? `${row[1]} ${columns[i]}` : (row[1] as string),
          Number(v),
        ),
      );
      continue;
    }
    // A cut or unknown row: titles carry neither "=" nor numbers (other than IPv4/ICMPv6 ...).
    if (trimmed.includes('=') || (/\d/.test(trimmed) && !/IPv[46]|ICMPv[46]/i.test(trimmed))) {
      unread++;
      firstUnread ??= trimmed;
      continue;
    }
    if (group && columns.length === 0 && /^\S+\s+\S+$/.test(trimmed) && Object.keys(group).length === 0) {
      columns = trimmed.split(/\s+/); // the Received/Sent header of a table
      continue;
    }
    const name = groupForTitle(trimmed);
    group = stats[name] ?? {};
    stats[name] = group;
    columns = [];
  }
  return { stats, unread, firstUnread };
}
