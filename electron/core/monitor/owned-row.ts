// A socket row with another owner: the program that opened it (event-merge.ts) or the one its
// live connection had before its program let go of it (snapshot-diff.ts). Built field by field in
// the sampler's order, its own optional fields after: under churn hundreds of rows a tick are
// made so, and a spread copy of another shape was the slow part (6-13 ms a tick at 1,300-2,000).
import type { SocketRow } from '../../../shared/model';

/** Who a row is owned by. */
export interface RowOwner {
  pid: number | null;
  process: string | null;
  exe: string | null;
  cmdline: string | null;
  processStart: number | null;
}

/** `row` owned by `owner`; the rest as the row has it (callers set what they show otherwise). */
export function ownedRow(row: SocketRow, owner: RowOwner): SocketRow {
  const owned: SocketRow = {
    proto: row.proto,
    family: row.family,
    localAddress: row.localAddress,
    localPort: row.localPort,
    remoteAddress: row.remoteAddress,
    remotePort: row.remotePort,
    state: row.state,
    recvQ: row.recvQ,
    sendQ: row.sendQ,
    uid: row.uid,
    user: row.user,
    inode: row.inode,
    pid: owner.pid,
    process: owner.process,
    exe: owner.exe,
    cmdline: owner.cmdline,
    processStart: owner.processStart,
    bytesSent: row.bytesSent,
    bytesReceived: row.bytesReceived,
    askedHost: row.askedHost,
  };
  if (row.netns !== undefined) owned.netns = row.netns;
  if (row.unit !== undefined) owned.unit = row.unit;
  owned.heldBy = row.heldBy;
  owned.sentTo = row.sentTo;
  return owned;
}
