// The TCP rows between two full reads of /proc/net/tcp{,6} while kernel events are on: the last
// read's rows with the state changes the feed logged since (events/tcp-change-log.ts) applied in
// order, and byte counts of the last counter reading plus what the feed counted since. A full read
// costs what the kernel takes to print every socket (about 50 ms of CPU at 20,000 sockets); this
// costs what changed. What events cannot tell (queue sizes, a socket still in SYN_SENT) waits for
// the next full read; where a change is ambiguous, needsRead asks for one.
import type { ProcNetRow } from './proc-net-parser';
import type { TcpChange, TcpChangeLog } from './events/tcp-change-log';
import { endStateOf } from './events/tcp-state-names';
import { stateName, TCP_LISTEN } from './socket-states';

/** What a counter reading gives per inode (tcp-bytes/byte-table.ts). */
export interface TcpCounterReading {
  sentOf(inode: number): number | null;
  receivedOf(inode: number): number | null;
}

interface Counted {
  /** At the last full read: the larger of the counter reading and what was shown before. */
  sent: number;
  received: number;
  /** The feed's totals for the inode at that moment: what it counts beyond them is added. */
  feedSent: number;
  feedReceived: number;
}

const CLOSE = 7;
const TIME_WAIT = 6;
const ESTABLISHED = 1;
const FIN_WAIT2 = 5;
const LAST_ACK = 9;
/** How long the kernel keeps a TIME_WAIT remnant (TCP_TIMEWAIT_LEN, fixed): it goes without an event. */
const TIME_WAIT_NS = 60e9;

function anyAddress(family: 4 | 6): string {
  return family === 4 ? '0.0.0.0' : '::';
}

function endpointKey(
  r: Pick<ProcNetRow, 'family' | 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>,
): string {
  return `${r.family} ${r.localAddress} ${r.localPort} ${r.remoteAddress} ${r.remotePort}`;
}

const MAPPED = '::ffff:';

/**
 * The keys the other end of a loopback connection can have: the same family reversed, and the
 * other family where one end is an IPv6 socket with v4-mapped addresses.
 */
function otherEndKeys(c: TcpChange): string[] {
  const reversed = {
    localAddress: c.remoteAddress,
    localPort: c.remotePort,
    remoteAddress: c.localAddress,
    remotePort: c.localPort,
  };
  const keys = [endpointKey({ family: c.family, ...reversed })];
  if (c.family === 4)
    keys.push(
      endpointKey({
        ...reversed,
        family: 6,
        localAddress: MAPPED + reversed.localAddress,
        remoteAddress: MAPPED + reversed.remoteAddress,
      }),
    );
  else if (c.localAddress.startsWith(MAPPED) && c.remoteAddress.startsWith(MAPPED))
    keys.push(
      endpointKey({
        ...reversed,
        family: 4,
        localAddress: reversed.localAddress.slice(MAPPED.length),
        remoteAddress: reversed.remoteAddress.slice(MAPPED.length),
      }),
    );
  return keys;
}

/** Listeners can share their endpoints (SO_REUSEPORT): their inode tells them apart. */
function rowKey(r: ProcNetRow): string {
  return r.stateCode === TCP_LISTEN ? `${endpointKey(r)} #${r.inode}` : endpointKey(r);
}

export class EventPatchedTcp {
  private readonly byKey = new Map<string, ProcNetRow>();
  /** The key of each socket a change named (listeners and sockets still waiting for an inode). */
  private readonly keyOfSk = new Map<string, string>();
  /** Passive sockets seen before accept() gave them an inode: their byte lines will name it. */
  private readonly awaitingInode = new Map<string, string>();
  private counts = new Map<number, Counted>();
  private counting = false;
  /** TIME_WAIT remnants the events made, oldest first, and when the kernel lets each go. */
  private timeWaits: { key: string; row: ProcNetRow; untilNs: number }[] = [];
  private timeWaitsFrom = 0;
  /** A change could not be placed for sure: the next sample must read the tables. */
  needsRead = false;

  constructor(private readonly log: Pick<TcpChangeLog, 'totalsOf' | 'inodeOf'>) {}

  /** A full read: its TCP rows are the table now, and `reading` (null: counters off) its counts. */
  reset(rows: readonly ProcNetRow[], reading: TcpCounterReading | null): void {
    this.byKey.clear();
    this.keyOfSk.clear();
    this.awaitingInode.clear();
    this.timeWaits = [];
    this.timeWaitsFrom = 0;
    this.needsRead = false;
    const counts = new Map<number, Counted>();
    for (const row of rows) {
      if (row.proto !== 'tcp') continue;
      this.byKey.set(rowKey(row), row);
      if (reading === null || row.inode === 0) continue;
      const sent = reading.sentOf(row.inode);
      const received = reading.receivedOf(row.inode);
      if (sent === null || received === null) continue;
      // Never below what was shown (sentOf/receivedOf, one lookup each here: 20,000 rows a read):
      // the feed counts bytes written, the reading bytes acknowledged.
      const shown = this.counting ? this.counts.get(row.inode) : undefined;
      const feed = this.log.totalsOf(row.inode);
      const feedSent = feed?.sent ?? 0;
      const feedReceived = feed?.received ?? 0;
      counts.set(row.inode, {
        sent:
          shown === undefined ? sent : Math.max(sent, shown.sent + Math.max(0, feedSent - shown.feedSent)),
        received:
          shown === undefined
            ? received
            : Math.max(received, shown.received + Math.max(0, feedReceived - shown.feedReceived)),
        feedSent,
        feedReceived,
      });
    }
    this.counts = counts;
    this.counting = reading !== null;
  }

  /**
   * The changes since the last reset or apply, in order; then the remnants that have outlived
   * TIME_WAIT by nowNs (the feed's clock). Those of the last full read stay until the next one.
   */
  apply(changes: readonly TcpChange[], nowNs: number): void {
    for (const c of changes) this.applyOne(c);
    this.expireTimeWaits(nowNs);
    for (const [sk, key] of this.awaitingInode) {
      const inode = this.log.inodeOf(sk);
      const row = this.byKey.get(key);
      if (row === undefined || row.inode !== 0) this.awaitingInode.delete(sk);
      else if (inode !== undefined) {
        this.awaitingInode.delete(sk);
        this.byKey.set(key, { ...row, inode });
        this.startCounting(inode);
      }
    }
  }

  rows(): ProcNetRow[] {
    return Array.from(this.byKey.values());
  }

  /** Bytes sent: the last reading's, plus what the feed counted since; null when not known. */
  sentOf(inode: number): number | null {
    const c = this.counts.get(inode);
    if (c === undefined) return null;
    const feed = this.log.totalsOf(inode)?.sent ?? 0;
    return c.sent + Math.max(0, feed - c.feedSent);
  }

  receivedOf(inode: number): number | null {
    const c = this.counts.get(inode);
    if (c === undefined) return null;
    const feed = this.log.totalsOf(inode)?.received ?? 0;
    return c.received + Math.max(0, feed - c.feedReceived);
  }

  private applyOne(c: TcpChange): void {
    if (c.newState === CLOSE) {
      this.close(c);
      return;
    }
    const listening = c.newState === TCP_LISTEN;
    const row: ProcNetRow = {
      proto: 'tcp',
      family: c.family,
      localAddress: c.localAddress,
      localPort: c.localPort,
      remoteAddress: listening ? anyAddress(c.family) : c.remoteAddress,
      remotePort: listening ? 0 : c.remotePort,
      stateCode: c.newState,
      state: stateName('tcp', c.newState),
      recvQ: 0,
      sendQ: 0,
      uid: c.uid,
      inode: c.inode,
    };
    const key = rowKey(row);
    const before = this.byKey.get(key);
    if (before !== undefined) {
      row.recvQ = before.recvQ;
      row.sendQ = before.sendQ;
    } else if (c.inode !== 0) this.startCounting(c.inode); // born since the last read: counted from 0
    this.byKey.set(key, row);
    if (listening) this.keyOfSk.set(c.sk, key);
    // Its FIN is on the way: the other end, if it is a remnant waiting in FIN_WAIT2, moves on.
    if (c.newState === LAST_ACK) this.finReached(c);
    if (c.inode === 0 && (c.newState === ESTABLISHED || c.newState === 3)) this.awaitingInode.set(c.sk, key);
  }

  private close(c: TcpChange): void {
    this.awaitingInode.delete(c.sk);
    if (c.oldState === TCP_LISTEN) {
      const key = this.keyOfSk.get(c.sk) ?? this.onlyListenerAt(c);
      this.keyOfSk.delete(c.sk);
      if (key === null) this.needsRead = true;
      else this.byKey.delete(key);
      return;
    }
    const key = endpointKey(c);
    const before = this.byKey.get(key);
    this.byKey.delete(key);
    if (endStateOf(c.oldState) !== 'TIME_WAIT') return;
    // The kernel hands the connection to a remnant with no inode, owner uid 0 and no queues. A
    // socket closed by its program (an orphan: no inode) in FIN_WAIT2 is one still waiting for
    // the other end's FIN, and /proc shows it so until then.
    const waiting =
      c.oldState === FIN_WAIT2 &&
      before?.inode === 0 &&
      before.stateCode === FIN_WAIT2 &&
      !otherEndKeys(c).some((k) => this.byKey.get(k)?.stateCode === LAST_ACK);
    const remnant: ProcNetRow = {
      proto: 'tcp',
      family: c.family,
      localAddress: c.localAddress,
      localPort: c.localPort,
      remoteAddress: c.remoteAddress,
      remotePort: c.remotePort,
      stateCode: waiting ? FIN_WAIT2 : TIME_WAIT,
      state: stateName('tcp', waiting ? FIN_WAIT2 : TIME_WAIT),
      recvQ: 0,
      sendQ: 0,
      uid: 0,
      inode: 0,
    };
    this.byKey.set(key, remnant);
    if (!waiting) this.timeWaits.push({ key, row: remnant, untilNs: c.ns + TIME_WAIT_NS });
  }

  private expireTimeWaits(nowNs: number): void {
    const queue = this.timeWaits;
    let i = this.timeWaitsFrom;
    for (; i < queue.length && queue[i]!.untilNs <= nowNs; i++) {
      const { key, row } = queue[i]!;
      // Only the remnant itself: a new connection may have taken its endpoints since.
      if (this.byKey.get(key) === row) this.byKey.delete(key);
    }
    if (i > 1024 && i * 2 > queue.length) {
      this.timeWaits = queue.slice(i);
      i = 0;
    }
    this.timeWaitsFrom = i;
  }

  /** The end facing `c` got its FIN: a remnant there waiting in FIN_WAIT2 is in TIME_WAIT now. */
  private finReached(c: TcpChange): void {
    for (const key of otherEndKeys(c)) {
      const other = this.byKey.get(key);
      if (other !== undefined && other.inode === 0 && other.stateCode === FIN_WAIT2) {
        const remnant = { ...other, stateCode: TIME_WAIT, state: stateName('tcp', TIME_WAIT) };
        this.byKey.set(key, remnant);
        this.timeWaits.push({ key, row: remnant, untilNs: c.ns + TIME_WAIT_NS });
      }
    }
  }

  /** The key of the one listener on these endpoints, null when none or several (SO_REUSEPORT). */
  private onlyListenerAt(c: TcpChange): string | null {
    const prefix = `${endpointKey({ ...c, remoteAddress: anyAddress(c.family), remotePort: 0 })} #`;
    let found: string | null = null;
    for (const key of this.byKey.keys()) {
      if (!key.startsWith(prefix)) continue;
      if (found !== null) return null;
      found = key;
    }
    return found;
  }

  private startCounting(inode: number): void {
    if (this.counting && !this.counts.has(inode))
      this.counts.set(inode, { sent: 0, received: 0, feedSent: 0, feedReceived: 0 });
  }
}
