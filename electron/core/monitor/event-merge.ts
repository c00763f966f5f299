// Merges what the kernel event feed adds to a snapshot, so one connection is one row whatever saw
// it: a polled socket takes the program that opened it (a TIME_WAIT remnant has no owner, a
// descriptor kept across exec has a later holder, shown as such and never blamed), and a flow the
// poll never saw becomes a row of its own, opened and closed with its own times.
import type { DatagramBytes, Flow, FlowOwner, SocketOpener, SocketRow } from '../../../shared/model';
import { connectionKey } from './connection-key';
import { isUnconnected } from './direction';
import { ownedRow } from './owned-row';

/** Both ports in a small integer (as snapshot-diff's): the openers' index, no string per row. */
const portsOf = (localPort: number, remotePort: number): number => ((localPort & 0x7fff) << 15) ^ remotePort;

/**
 * Whether `o` opened the socket of `row`: the same endpoints, or for a datagram client (remote
 * '*', which sends to many) an unconnected socket of the same port.
 */
function opened(o: SocketOpener, row: SocketRow): boolean {
  if (o.localPort !== row.localPort || o.proto !== row.proto || o.family !== row.family) return false;
  const unconnected = row.proto !== 'tcp' && isUnconnected(row);
  if (o.remoteAddress === '*') return unconnected;
  return (
    !unconnected &&
    o.remotePort === row.remotePort &&
    o.remoteAddress === row.remoteAddress &&
    o.localAddress === row.localAddress
  );
}

/** The openers by ports; several on one number are kept in feed order (the later one wins). */
function indexOpeners(openers: readonly SocketOpener[]): Map<number, SocketOpener | SocketOpener[]> {
  const byPorts = new Map<number, SocketOpener | SocketOpener[]>();
  for (const o of openers) {
    const key = portsOf(o.localPort, o.remotePort);
    const there = byPorts.get(key);
    if (there === undefined) byPorts.set(key, o);
    else if (Array.isArray(there)) there.push(o);
    else byPorts.set(key, [there, o]);
  }
  return byPorts;
}

function openerOf(
  byPorts: Map<number, SocketOpener | SocketOpener[]>,
  row: SocketRow,
): SocketOpener | undefined {
  const there = byPorts.get(portsOf(row.localPort, row.remotePort));
  if (there === undefined) return undefined;
  if (!Array.isArray(there)) return opened(there, row) ? there : undefined;
  for (let i = there.length - 1; i >= 0; i--) if (opened(there[i]!, row)) return there[i];
  return undefined;
}

/** Whether the poll's owner is not the opener: none (TIME_WAIT), another process, or another image. */
function ownedElsewhere(row: SocketRow, o: FlowOwner): boolean {
  if (row.pid === null) return true;
  if (row.pid !== o.pid || row.processStart !== o.processStart) return true;
  return o.exe !== null && row.exe !== o.exe;
}

/** The row with its opener's owner; the poll's owner, if another, is shown as its holder. */
function withOwner(row: SocketRow, opener: SocketOpener, sentTo: boolean): SocketRow {
  const o = opener.owner;
  const samePid = row.pid === o.pid;
  const heldBy = row.pid === null ? null : `${row.process ?? row.exe ?? 'a process'} (pid ${row.pid})`;
  const owned = ownedRow(row, {
    pid: o.pid,
    process: o.process,
    exe: o.exe ?? (samePid ? row.exe : null),
    cmdline: o.cmdline ?? (samePid ? row.cmdline : null),
    processStart: o.processStart,
  });
  owned.uid = row.uid ?? o.uid;
  owned.askedHost = opener.askedHost ?? row.askedHost ?? null;
  owned.heldBy = heldBy === null || (samePid && row.exe === o.exe) ? null : heldBy;
  owned.sentTo = sentTo || row.sentTo === true;
  return owned;
}

/** The rows with the connect-time owners applied; the same array when the feed changes nothing. */
export function applyOpeners(rows: SocketRow[], openers: readonly SocketOpener[] | undefined): SocketRow[] {
  if (!openers || openers.length === 0) return rows;
  const byPorts = indexOpeners(openers);
  let out: SocketRow[] | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.proto === 'tcp' && row.state === 'LISTEN') continue;
    const o = openerOf(byPorts, row);
    if (!o) continue;
    const client = o.remoteAddress === '*';
    if (!client && !ownedElsewhere(row, o.owner)) continue;
    const owned =
      client && !ownedElsewhere(row, o.owner) ? { ...row, sentTo: true } : withOwner(row, o, client);
    out ??= rows.slice();
    out[i] = owned;
  }
  return out ?? rows;
}

/**
 * The polled UDP and raw rows with the event feed's byte totals of their inode (the same socket,
 * so the same row); the same array when none applies. Rows the feed has no count for stay unknown.
 */
export function applyDatagramBytes(
  rows: SocketRow[],
  counts: readonly DatagramBytes[] | undefined,
): SocketRow[] {
  if (!counts || counts.length === 0) return rows;
  const byInode = new Map<number, DatagramBytes>();
  for (const c of counts) byInode.set(c.inode, c);
  let out: SocketRow[] | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.proto === 'tcp' || row.inode === 0) continue;
    const c = byInode.get(row.inode);
    if (!c) continue;
    out ??= rows.slice();
    out[i] = { ...row, bytesSent: c.sent, bytesReceived: c.received };
  }
  return out ?? rows;
}

/** A flow as a socket row: the owner it had, the state it ended in. */
export function flowRow(flow: Flow, listener: SocketRow | undefined): SocketRow {
  const o = flow.owner;
  return {
    proto: flow.proto,
    family: flow.family,
    localAddress: flow.localAddress,
    localPort: flow.localPort,
    remoteAddress: flow.remoteAddress,
    remotePort: flow.remotePort,
    state: flow.endState,
    recvQ: 0,
    sendQ: 0,
    uid: o?.uid ?? listener?.uid ?? null,
    user: o === null ? (listener?.user ?? null) : null,
    inode: 0,
    pid: o?.pid ?? listener?.pid ?? null,
    process: o?.process ?? listener?.process ?? null,
    exe: o?.exe ?? listener?.exe ?? null,
    cmdline: o?.cmdline ?? listener?.cmdline ?? null,
    processStart: o?.processStart ?? listener?.processStart ?? null,
    askedHost: flow.askedHost ?? null,
    bytesSent: flow.bytesSent,
    bytesReceived: flow.bytesReceived,
  };
}

/**
 * The flows no polled socket stands for (by endpoint key, in this snapshot or the last), once each
 * per tick; an inbound one takes its owner from the socket listening on its port.
 */
export function unseenFlows(
  flows: readonly Flow[] | undefined,
  seenKey: (key: string) => boolean,
  listenerOf: (proto: string, port: number) => SocketRow | undefined,
): { row: SocketRow; flow: Flow; key: string }[] {
  if (!flows || flows.length === 0) return [];
  const out: { row: SocketRow; flow: Flow; key: string }[] = [];
  const taken = new Set<string>();
  for (const flow of flows) {
    // The key needs no owner: the listener is looked up only for a flow that becomes a row.
    const ownRow = flowRow(flow, undefined);
    const key = connectionKey(ownRow);
    if (taken.has(key) || seenKey(key)) continue;
    taken.add(key);
    const listener = flow.direction === 'inbound' ? listenerOf(flow.proto, flow.localPort) : undefined;
    out.push({ row: listener ? flowRow(flow, listener) : ownRow, flow, key });
  }
  return out;
}
