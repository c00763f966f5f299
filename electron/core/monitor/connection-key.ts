// Stable keys for sockets across ticks: protocol, family and both endpoints, plus the inode where
// endpoints alone are not unique (listeners and unconnected sockets can share a port).
import type { SocketRow } from '../../../shared/model';
import { isListening } from './direction';

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
  return isListening(row) ? `${base} #${row.inode}` : base;
}

/**
 * Keys for every row of one snapshot, unique within it: a repeated key (a new connection reusing a
 * 4-tuple still in TIME_WAIT) gets the inode, then a counter, appended.
 */
export function assignKeys(rows: readonly SocketRow[]): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const row of rows) {
    let key = connectionKey(row);
    if (seen.has(key)) {
      const withInode = `${key} #${row.inode}`;
      key = withInode;
      for (let n = 2; seen.has(key); n++) key = `${withInode}~${n}`;
    }
    seen.add(key);
    keys.push(key);
  }
  return keys;
}
