// Diffs a snapshot against the connections alive after the previous tick: which opened, which
// changed (state, queues, owner, program, host name), which closed. A connection lives from the
// first tick that sees it to the first that misses it; its direction is fixed when it opens.
import type { LiveConnection, SocketRow } from '../../../shared/model';
import type { ChangedConnection, ClosedConnection, TrackedConnection } from './changes';
import { assignKeys } from './connection-key';
import { directionOf, listeningPorts } from './direction';

/** Per-row facts the diff needs from around it: the program, the names of hosts and ports. */
export interface RowContext {
  programOf(row: SocketRow): number | null;
  /** Called for every row's connection after programOf(), with the connection as it now is. */
  seen?(connection: LiveConnection): void;
  hostOf(address: string): string | null;
  serviceOf(proto: SocketRow['proto'], port: number): string | null;
  nextRowId(): number;
}

export interface DiffResult {
  live: Map<string, TrackedConnection>;
  opened: TrackedConnection[];
  changed: ChangedConnection[];
  closed: ClosedConnection[];
}

export function diffSnapshot(
  previous: ReadonlyMap<string, TrackedConnection>,
  rows: readonly SocketRow[],
  at: number,
  ctx: RowContext,
): DiffResult {
  const ports = listeningPorts(rows);
  const keys = assignKeys(rows);
  const live = new Map<string, TrackedConnection>();
  const opened: TrackedConnection[] = [];
  const changed: ChangedConnection[] = [];

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const key = keys[i]!;
    const programId = ctx.programOf(row);
    const remoteHost = ctx.hostOf(row.remoteAddress);
    const before = previous.get(key);
    if (!before) {
      const direction = directionOf(row, ports);
      const servicePort = direction === 'outbound' ? row.remotePort : row.localPort;
      const connection: LiveConnection = {
        ...row,
        key,
        direction,
        firstSeen: at,
        remoteHost,
        service: ctx.serviceOf(row.proto, servicePort),
        programId,
      };
      const tracked = { rowId: ctx.nextRowId(), connection };
      live.set(key, tracked);
      opened.push(tracked);
      ctx.seen?.(connection);
      continue;
    }
    const old = before.connection;
    const persistent =
      old.state !== row.state ||
      old.pid !== row.pid ||
      old.processStart !== row.processStart ||
      old.uid !== row.uid ||
      old.user !== row.user ||
      old.process !== row.process ||
      old.exe !== row.exe ||
      old.programId !== programId ||
      (remoteHost !== null && old.remoteHost !== remoteHost);
    if (!persistent && old.recvQ === row.recvQ && old.sendQ === row.sendQ && old.cmdline === row.cmdline) {
      live.set(key, before);
      ctx.seen?.(old);
      continue;
    }
    const connection: LiveConnection = {
      ...row,
      key,
      direction: old.direction,
      firstSeen: old.firstSeen,
      remoteHost: remoteHost ?? old.remoteHost,
      service: old.service,
      programId,
    };
    const tracked = { rowId: before.rowId, connection };
    live.set(key, tracked);
    changed.push({ ...tracked, previousState: old.state, previousProgramId: old.programId, persistent });
    ctx.seen?.(connection);
  }

  const closed: ClosedConnection[] = [];
  for (const [key, tracked] of previous) {
    if (!live.has(key)) closed.push({ ...tracked, closedAt: at });
  }
  return { live, opened, changed, closed };
}
