// `netwatch -s`: every counter group the kernel keeps (Ip, Tcp, Udp, TcpExt, Ip6, ...), one
// "Name: value" per line. netstat turns some of them into prose; plain names keep every counter.
import type { ProtocolStats } from '../../shared/model';
import { terminalText } from '../../shared/terminal-text';

export function formatProtocolStats(stats: ProtocolStats): string {
  const out: string[] = [];
  for (const [group, counters] of Object.entries(stats)) {
    out.push(`${terminalText(group)}:`);
    for (const [name, value] of Object.entries(counters)) out.push(`    ${terminalText(name)}: ${value}`);
  }
  return out.join('\n') + '\n';
}
