// Which sockets lack an owner the UI should mention ("N sockets without a program: run as root").
// TIME_WAIT and SYN_RECV belong to the kernel, not to a process, on every OS: never counted.
import type { SocketRow } from '../../../shared/model';

const KERNEL_OWNED = new Set(['TIME_WAIT', 'SYN_RECV']);

export function isUnattributed(row: SocketRow): boolean {
  return row.pid === null && !(row.state !== null && KERNEL_OWNED.has(row.state));
}

export function countUnattributed(sockets: readonly SocketRow[]): number {
  let count = 0;
  for (const row of sockets) if (isUnattributed(row)) count++;
  return count;
}
