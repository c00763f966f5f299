// "Who is hammering this machine?", as `netstat -ntu | awk '{print $5}' | sort | uniq -c | sort -rn`
// answers it: the remote addresses of the sockets open now, most connections first, with how many
// are established (what a flood threshold counts) and half-open (SYN_RECV). Listening and
// unconnected sockets have no remote (port 0) and are not counted.
import type { RemoteCount } from '../../../shared/contract';
import type { LiveConnection, SocketRow } from '../../../shared/model';

type Counted = Pick<SocketRow, 'remoteAddress' | 'remotePort' | 'state'> &
  Partial<Pick<LiveConnection, 'remoteHost' | 'hostSource'>>;

export function countRemotes(sockets: Iterable<Counted>, limit: number): RemoteCount[] {
  const byAddress = new Map<string, RemoteCount>();
  for (const s of sockets) {
    if (s.remotePort === 0) continue;
    let entry = byAddress.get(s.remoteAddress);
    if (!entry) {
      entry = {
        address: s.remoteAddress,
        host: null,
        hostSource: null,
        count: 0,
        established: 0,
        synRecv: 0,
      };
      byAddress.set(s.remoteAddress, entry);
    }
    entry.count++;
    if (s.state === 'ESTABLISHED') entry.established++;
    else if (s.state === 'SYN_RECV') entry.synRecv++;
    // a name some program asked for says more than the address's reverse DNS
    if (s.remoteHost && (entry.host === null || (s.hostSource === 'asked' && entry.hostSource !== 'asked'))) {
      entry.host = s.remoteHost;
      entry.hostSource = s.hostSource ?? 'reverse';
    }
  }
  return [...byAddress.values()]
    .sort((a, b) => b.count - a.count || b.established - a.established || a.address.localeCompare(b.address))
    .slice(0, limit);
}
