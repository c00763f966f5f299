// Per-program traffic now, as nethogs shows it: two readings of the sockets' byte counters, the
// bytes each socket moved between them, summed per process. A socket the first reading did not
// have counts what it carried since it opened (it opened in between); one whose count went back
// (another socket under the inode) counts from its new value. Unknown counts are left out, and a
// program with only unknown counts shows null, never 0.
import type { SocketRow } from '../../../shared/model';

export interface ProgramRate {
  pid: number | null;
  process: string | null;
  exe: string | null;
  user: string | null;
  /** Sockets with counts now. */
  sockets: number;
  sendRate: number | null;
  receiveRate: number | null;
  /** Totals of its open sockets since each opened. */
  bytesSent: number | null;
  bytesReceived: number | null;
}

function ownerKey(s: SocketRow): string {
  return s.pid === null ? `uid:${s.uid ?? '?'}` : `pid:${s.pid}:${s.processStart ?? ''}`;
}

function moved(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined) return null;
  if (before === null || before === undefined || now < before) return now;
  return now - before;
}

const add = (a: number | null, b: number | null): number | null => (b === null ? a : (a ?? 0) + b);

export function programRates(
  before: readonly SocketRow[],
  after: readonly SocketRow[],
  intervalMs: number,
): ProgramRate[] {
  const previous = new Map<number, SocketRow>();
  for (const s of before) if (s.inode !== 0 && s.proto === 'tcp') previous.set(s.inode, s);
  const rows = new Map<string, ProgramRate & { sent: number | null; received: number | null }>();
  for (const s of after) {
    if (s.state === 'LISTEN') continue;
    if ((s.bytesSent ?? null) === null && (s.bytesReceived ?? null) === null) continue;
    const key = ownerKey(s);
    let row = rows.get(key);
    if (!row) {
      row = {
        pid: s.pid,
        process: s.process,
        exe: s.exe,
        user: s.user,
        sockets: 0,
        sendRate: null,
        receiveRate: null,
        bytesSent: null,
        bytesReceived: null,
        sent: null,
        received: null,
      };
      rows.set(key, row);
    }
    const was = s.inode === 0 ? undefined : previous.get(s.inode);
    row.sockets++;
    row.sent = add(row.sent, moved(s.bytesSent, was?.bytesSent));
    row.received = add(row.received, moved(s.bytesReceived, was?.bytesReceived));
    row.bytesSent = add(row.bytesSent, s.bytesSent ?? null);
    row.bytesReceived = add(row.bytesReceived, s.bytesReceived ?? null);
  }
  const seconds = intervalMs / 1000;
  const out: ProgramRate[] = [];
  for (const { sent, received, ...row } of rows.values()) {
    row.sendRate = sent === null || seconds <= 0 ? null : sent / seconds;
    row.receiveRate = received === null || seconds <= 0 ? null : received / seconds;
    out.push(row);
  }
  const rate = (r: ProgramRate): number => (r.sendRate ?? 0) + (r.receiveRate ?? 0);
  return out.sort((a, b) => rate(b) - rate(a) || (b.bytesSent ?? 0) - (a.bytesSent ?? 0));
}
