// Stable keys for sockets across ticks: protocol, family and both endpoints, plus the inode where
// endpoints alone are not unique (listeners and unconnected sockets can share a port). A key taken
// twice in one snapshot is made unique by snapshot-diff.ts.
import type { SocketRow } from '../../../shared/model';
import { isUnconnected } from './direction';

function endpoint(family: number, address: string, port: number): string {
  return family === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * The key of one socket. A TCP connection keeps its key when it enters TIME_WAIT (where the kernel
 * reports inode 0), so one lifecycle is one row; listeners and unconnected sockets carry their inode.
 */
export function connectionKey(row: SocketRow): string {
  const base = `${row.proto}${row.family} ${endpoint(row.family, row.localAddress, row.localPort)}>${endpoint(
    row.family,
    row.remoteAddress,
    row.remotePort,
  )}`;
  return isUnconnected(row) ? `${base} #${row.inode}` : base;
}
