// Which way a socket faces: listen (a server socket), inbound (its local port is one a socket of
// the same protocol listens on), outbound otherwise.
import type { Direction, SocketRow } from '../../../shared/model';

const wildcard = new Set(['0.0.0.0', '::', '*', '']);

/** TCP in LISTEN; UDP and raw sockets that are bound but not connected to any peer. */
export function isUnconnected(row: SocketRow): boolean {
  if (row.proto === 'tcp') return row.state === 'LISTEN';
  return row.remotePort === 0 && wildcard.has(row.remoteAddress);
}

/** An unconnected socket, unless the event feed saw it send to destinations (a client, then). */
export function isListening(row: SocketRow): boolean {
  return isUnconnected(row) && row.sentTo !== true;
}

/** "tcp:22", "udp:53": the ports something listens on, by protocol (any family, any address). */
export function listeningPorts(rows: readonly SocketRow[]): Set<string> {
  const ports = new Set<string>();
  for (const row of rows) if (isListening(row)) ports.add(`${row.proto}:${row.localPort}`);
  return ports;
}

export function directionOf(row: SocketRow, ports: ReadonlySet<string>): Direction {
  if (isListening(row)) return 'listen';
  return ports.has(`${row.proto}:${row.localPort}`) ? 'inbound' : 'outbound';
}
