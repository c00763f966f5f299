// Diffs a snapshot against the connections alive after the previous tick: which opened, which
// changed (state, queues, owner, program, host name), which closed. A connection lives from the
// first tick that sees it to the first that misses it; its direction is fixed when it opens.
// Most sockets are the same from tick to tick: they are found by inode, without building a key,
// and the live set is updated in place (a stamp per key says which tick last saw it), so a tick
// allocates for what changed, not for every socket. Sockets without an inode (TIME_WAIT, a
// desktop has as many as it has connections) are found by their ports, also without a key.
import type { LiveConnection, SocketRow } from '../../../shared/model';
import type { ChangedConnection, ClosedConnection, TrackedConnection } from './changes';
import { connectionKey } from './connection-key';
import { directionOf, listeningPorts } from './direction';
import { liveConnection, NO_GEO, type GeoFields } from './live-connection';
import { ByteStepper, sameBytes } from './byte-step';
import { ownedRow } from './owned-row';
import { connectionHost, keptHost, type ConnectionHost } from '../resolve/asked-names/connection-host';

/** The host a connection showed after the last tick. */
function hostOf(c: LiveConnection): ConnectionHost | null {
  return c.remoteHost === null ? null : { host: c.remoteHost, source: c.hostSource ?? 'reverse' };
}

/** Per-row facts the diff needs from around it: the program, the names of hosts and ports. */
export interface RowContext {
  programOf(row: SocketRow): number | null;
  /** Called for every row's connection after programOf(), with the connection as it now is. */
  seen?(connection: LiveConnection): void;
  /** Reverse DNS (cached; null when not known yet): the fallback of the name the program asked for. */
  hostOf(address: string): string | null;
  /** Fixed per address, so asked once, when the connection opens. */
  geoOf?(address: string): GeoFields;
  serviceOf(proto: SocketRow['proto'], port: number): string | null;
  nextRowId(): number;
  /** Byte counters: the reading's interval; absent, counts are taken as they come (no rates). */
  bytes?: ByteStepper;
  /** Bytes a connection moved since the last reading (called only when some moved). */
  moved?(connection: LiveConnection, sent: number, received: number): void;
}

/**
 * The connections alive after a tick, by key and by socket inode (0: none). The next diff
 * updates it in place and hands it back: hold on to the arrays of a DiffResult, not its maps.
 */
export interface LiveSet {
  live: Map<string, TrackedConnection>;
  byInode: Map<number, string>;
  /** Local and remote port -> the key of a connection seen without an inode (endpoints checked on use). */
  byPorts: Map<number, string>;
  /** Key -> the diff (a count) that last saw it. */
  seen: Map<string, number>;
  diffs: number;
}

export interface DiffResult extends LiveSet {
  opened: TrackedConnection[];
  changed: ChangedConnection[];
  closed: ClosedConnection[];
}

export function emptyLiveSet(): LiveSet {
  return { live: new Map(), byInode: new Map(), byPorts: new Map(), seen: new Map(), diffs: 0 };
}

/** Both ports in a small integer (no heap number each call); a collision only costs the key path. */
const portsOf = (row: SocketRow): number => ((row.localPort & 0x7fff) << 15) ^ row.remotePort;

function sameEndpoints(a: SocketRow, b: SocketRow): boolean {
  return (
    a.localPort === b.localPort &&
    a.remotePort === b.remotePort &&
    a.remoteAddress === b.remoteAddress &&
    a.localAddress === b.localAddress &&
    a.proto === b.proto &&
    a.family === b.family &&
    (a.state === 'LISTEN') === (b.state === 'LISTEN')
  );
}

/** The remnant with the owner of the connection it continues (the polled row is left as it is). */
function inheritOwner(row: SocketRow, from: LiveConnection): SocketRow {
  const owned = ownedRow(row, from);
  owned.heldBy = from.heldBy;
  return owned;
}

export function diffSnapshot(
  previous: LiveSet,
  rows: readonly SocketRow[],
  at: number,
  ctx: RowContext,
): DiffResult {
  const { live, byInode, byPorts, seen } = previous;
  const diff = ++previous.diffs;
  const opened: TrackedConnection[] = [];
  const changed: ChangedConnection[] = [];
  let ports: Set<string> | null = null;
  const stepper = ctx.bytes ?? new ByteStepper();
  const moved = (connection: LiveConnection): void => {
    if (ctx.moved && (stepper.sentDelta > 0 || stepper.receivedDelta > 0))
      ctx.moved(connection, stepper.sentDelta, stepper.receivedDelta);
  };
  /** Taken by a row of this snapshot already. */
  const taken = (key: string): boolean => seen.get(key) === diff;

  const visit = (row: SocketRow, key: string, before: TrackedConnection | undefined): void => {
    // A connection its program let go of (TIME_WAIT, or an orphan still closing: inode 0, and no
    // owner in /proc) is still that program's connection: it keeps the owner it had.
    const heir =
      before !== undefined &&
      row.inode === 0 &&
      row.pid === null &&
      before.connection.pid !== null &&
      row.state !== 'SYN_RECV';
    /** Whose the connection is: the polled row's owner, or the one it had (no copy unless it changed). */
    const who: SocketRow = heir ? before.connection : row;
    const programId = ctx.programOf(who);
    // reverse DNS only while no asked name is there (asked for in the background otherwise)
    const reverse =
      row.askedHost || before?.connection.hostSource === 'asked' ? null : ctx.hostOf(row.remoteAddress);
    seen.set(key, diff);
    if (row.inode !== 0) {
      if (byInode.get(row.inode) !== key) byInode.set(row.inode, key);
    } else if (byPorts.get(portsOf(row)) !== key) byPorts.set(portsOf(row), key);
    const bytes = stepper.step(before ? before.connection : null, row);
    if (!before) {
      ports ??= listeningPorts(rows);
      const direction = directionOf(row, ports);
      const servicePort = direction === 'outbound' ? row.remotePort : row.localPort;
      const connection = liveConnection(row, {
        key,
        direction,
        firstSeen: at,
        host: connectionHost(row.askedHost, reverse),
        service: ctx.serviceOf(row.proto, servicePort),
        programId,
        geo: ctx.geoOf?.(row.remoteAddress) ?? NO_GEO,
        bytes,
      });
      const tracked = { rowId: ctx.nextRowId(), connection };
      live.set(key, tracked);
      opened.push(tracked);
      ctx.seen?.(connection);
      moved(connection);
      return;
    }
    const old = before.connection;
    // What keptHost() would give, compared without building it (every socket, every tick).
    const shown = row.askedHost ? row.askedHost : reverse === null ? old.remoteHost : reverse;
    const shownSource = row.askedHost
      ? 'asked'
      : reverse === null
        ? old.remoteHost === null
          ? null
          : (old.hostSource ?? 'reverse')
        : 'reverse';
    // The socket of this key went TIME_WAIT (inode 0): its old inode no longer leads here.
    if (old.inode !== 0 && old.inode !== row.inode && byInode.get(old.inode) === key)
      byInode.delete(old.inode);
    const persistent =
      old.state !== row.state ||
      old.pid !== who.pid ||
      old.processStart !== who.processStart ||
      old.uid !== row.uid ||
      old.user !== row.user ||
      old.process !== who.process ||
      old.exe !== who.exe ||
      old.programId !== programId ||
      shown !== old.remoteHost ||
      shownSource !== (old.hostSource ?? null);
    if (
      !persistent &&
      old.recvQ === row.recvQ &&
      old.sendQ === row.sendQ &&
      old.cmdline === who.cmdline &&
      sameBytes(old, bytes)
    ) {
      ctx.seen?.(old);
      return;
    }
    const connection = liveConnection(heir ? inheritOwner(row, old) : row, {
      key,
      direction: old.direction,
      firstSeen: old.firstSeen,
      host: keptHost(hostOf(old), connectionHost(row.askedHost, reverse)),
      service: old.service,
      programId,
      geo: { country: old.country ?? null, asn: old.asn ?? null, asOrg: old.asOrg ?? null },
      bytes,
    });
    const tracked = { rowId: before.rowId, connection };
    live.set(key, tracked);
    changed.push({
      ...tracked,
      previous: old,
      previousState: old.state,
      previousProgramId: old.programId,
      persistent,
    });
    ctx.seen?.(connection);
    moved(connection);
  };

  // Until a key is taken in this diff, live.get(key) is what the previous tick left there.
  const before = (key: string): TrackedConnection | undefined => (taken(key) ? undefined : live.get(key));

  // Pass 1: sockets still there under the same inode (or none, as before) and endpoints keep
  // their key as is.
  const rest: SocketRow[] = [];
  for (const row of rows) {
    const key = row.inode !== 0 ? byInode.get(row.inode) : byPorts.get(portsOf(row));
    const held = key === undefined ? undefined : before(key);
    if (
      held &&
      held.connection.inode === row.inode &&
      sameEndpoints(held.connection, row) &&
      // a new SYN_RECV on the 4-tuple of a TIME_WAIT remnant is a new connection (pass 2)
      (row.inode !== 0 || held.connection.state !== 'TIME_WAIT' || row.state === 'TIME_WAIT')
    )
      visit(row, key!, held);
    else rest.push(row);
  }
  // Pass 2: the others by their endpoint key; a key taken in this snapshot, or held by another
  // socket (another inode, or a TIME_WAIT remnant of the same 4-tuple), gets the inode, then a count.
  for (const row of rest) {
    let key = connectionKey(row);
    const holder = before(key)?.connection;
    const other =
      holder !== undefined &&
      ((holder.inode !== 0 && row.inode !== 0 && holder.inode !== row.inode) ||
        (holder.state === 'TIME_WAIT' && row.state !== 'TIME_WAIT'));
    if (taken(key) || other) {
      const withInode = `${key} #${row.inode}`;
      key = withInode;
      for (let n = 2; taken(key); n++) key = `${withInode}~${n}`;
    }
    visit(row, key, before(key));
  }

  const closed: ClosedConnection[] = [];
  // Each row took one key of live: any more keys are connections this snapshot did not see.
  if (live.size > rows.length) {
    for (const [key, stamp] of seen) {
      if (stamp === diff) continue;
      const tracked = live.get(key);
      seen.delete(key);
      live.delete(key);
      if (!tracked) continue;
      closed.push({ ...tracked, closedAt: at });
      const { inode } = tracked.connection;
      if (inode !== 0 && byInode.get(inode) === key) byInode.delete(inode);
      const ports = portsOf(tracked.connection);
      if (byPorts.get(ports) === key) byPorts.delete(ports);
    }
  }
  return { live, byInode, byPorts, seen, diffs: diff, opened, changed, closed };
}
