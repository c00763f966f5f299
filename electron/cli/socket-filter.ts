// Which sockets a netstat listing shows, by net-tools' own rules: TCP sockets with no remote port
// count as "servers", UDP/raw ones with no remote address; -l shows only those, -a everything,
// neither only the others. No protocol switch means TCP and UDP; raw only with -w.
import type { SocketRow } from '../../shared/model';
import type { NetstatOptions } from './netstat-options';

function isServer(row: SocketRow): boolean {
  if (row.proto === 'tcp') return row.remotePort === 0;
  return row.remoteAddress === '0.0.0.0' || row.remoteAddress === '::';
}

export function filterSockets(rows: readonly SocketRow[], options: NetstatOptions): SocketRow[] {
  const anyProto = !options.tcp && !options.udp && !options.raw;
  const protos = {
    tcp: anyProto || options.tcp,
    udp: anyProto || options.udp,
    raw: options.raw,
  };
  return rows.filter((row) => {
    if (!protos[row.proto]) return false;
    if (options.family !== null && row.family !== options.family) return false;
    if (options.all) return true;
    return isServer(row) === options.listening;
  });
}

/** "(servers and established)" and friends: netstat's title for what is shown. */
export function listingTitle(options: NetstatOptions): string {
  if (options.all) return 'Active Internet connections (servers and established)';
  if (options.listening) return 'Active Internet connections (only servers)';
  return 'Active Internet connections (w/o servers)';
}
