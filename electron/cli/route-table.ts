// `netwatch -r`: the routing tables laid out as `route -n` (IPv4) and `netstat -rn -6` (IPv6)
// print them, the layouts whose columns are exactly what /proc/net/route and ipv6_route hold.
import type { Route } from '../../shared/model';
import { padLeft, padRight, terminalText } from '../../shared/terminal-text';

export function formatRouteTables(routes: readonly Route[], numeric: boolean, family: 4 | 6 | null): string {
  const out: string[] = [];
  if (family !== 6) {
    out.push('Kernel IP routing table');
    out.push('Destination     Gateway         Genmask         Flags Metric Ref    Use Iface');
    for (const r of routes.filter((route) => route.family === 4)) {
      const destination =
        !numeric && r.destination === '0.0.0.0' && r.prefixLength === 0 ? 'default' : r.destination;
      out.push(
        [
          padRight(destination, 15),
          padRight(r.gateway, 15),
          padRight(r.genmask ?? '', 15),
          padRight(r.flags, 5),
          padRight(String(r.metric), 6),
          padRight(String(r.ref), 2),
          padLeft(String(r.use), 7),
          terminalText(r.iface),
        ].join(' '),
      );
    }
  }
  if (family !== 4) {
    if (out.length > 0) out.push('');
    out.push('Kernel IPv6 routing table');
    out.push('Destination                    Next Hop                   Flag Met Ref  Use If');
    for (const r of routes.filter((route) => route.family === 6)) {
      out.push(
        [
          padRight(`${r.destination}/${r.prefixLength}`, 30),
          padRight(r.gateway, 26),
          padRight(r.flags, 4),
          padRight(String(r.metric), 3),
          padRight(String(r.ref), 1),
          padLeft(String(r.use), 6),
          terminalText(r.iface),
        ].join(' '),
      );
    }
  }
  return out.join('\n') + '\n';
}
