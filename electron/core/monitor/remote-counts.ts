// "Who is hammering this machine?", as `netstat -ntu | awk '{print $5}' | sort | uniq -c | sort -rn`
// answers it: the remote addresses of the sockets open now, most connections first, with how many
// are established (what a flood threshold is about). Listening and unconnected sockets have no
// remote and are not counted.
import type { RemoteCount } from '../../../shared/contract';
import type { LiveConnection } from '../../../shared/model';

export function countRemotes(connections: Iterable<LiveConnection>, limit: number): RemoteCount[] {
  const byAddress = new Map<string, RemoteCount>();
  for (const c of connections) {
    if (c.direction === 'listen') continue;
    let entry = byAddress.get(c.remoteAddress);
    if (!entry)
      byAddress.set(
        c.remoteAddress,
        (entry = { address: c.remoteAddress, host: null, count: 0, established: 0 }),
      );
    entry.count++;
    if (c.state === 'ESTABLISHED') entry.established++;
    entry.host ??= c.remoteHost;
  }
  return [...byAddress.values()]
    .sort((a, b) => b.count - a.count || b.established - a.established || a.address.localeCompare(b.address))
    .slice(0, limit);
}
