// The TCP state changes and byte totals of one network namespace since the sampler last took them:
// what lets it keep its TCP table between two full reads of /proc (event-patched-tcp.ts). Bounded:
// past its caps, or at a line that lacks what a row needs, the log says it is incomplete, and the
// sampler reads the tables again instead of trusting it.
import type { KernelEvent, TcpEndpoints } from './event-line-parser';

/** One socket's move to a new state, with what its polled row would show. */
export interface TcpChange extends TcpEndpoints {
  sk: string;
  /** When it happened: the feed's monotonic clock (bpftrace's nsecs), ns. */
  ns: number;
  oldState: number;
  newState: number;
  /** 0 while the socket has none (before accept(), after close()). */
  inode: number;
  uid: number;
}

export interface TcpByteTotals {
  sent: number;
  received: number;
}

export interface TcpChanges {
  changes: TcpChange[];
  /** False when something was left out since the last take: the table must be read again. */
  complete: boolean;
}

const CLOSE = 7;
const MAX_CHANGES = 50_000;
const MAX_SOCKETS = 65_536;

export class TcpChangeLog {
  private changes: TcpChange[] = [];
  private complete = true;
  /** Totals by inode of the TCP sockets that moved bytes since the feed started. */
  private readonly totals = new Map<number, TcpByteTotals>();
  private readonly inodeOfSk = new Map<string, number>();

  /** netns: the namespace's inode whose sockets count; null: none (the log is never complete). */
  constructor(private readonly netns: number | null) {}

  /** A parsed line of the feed; only TCP state and byte lines concern the log. */
  add(e: KernelEvent): void {
    switch (e.kind) {
      case 'accept':
      case 'established':
        if (e.netns === undefined || e.inode === undefined || e.uid === undefined) this.complete = false;
        else if (e.netns === this.netns)
          this.push(e, e.sk, e.ns, 0, e.kind === 'accept' ? 3 : 1, e.inode, e.uid);
        return;
      case 'state':
        if (e.netns === this.netns) this.push(e, e.sk, e.ns, e.oldState, e.newState, e.inode, e.uid);
        return;
      case 'close': {
        const inode = this.inodeOfSk.get(e.sk);
        if (inode !== undefined) {
          this.inodeOfSk.delete(e.sk);
          this.totals.delete(inode);
        }
        if (e.netns === undefined || e.family === undefined) this.complete = false;
        else if (e.netns === this.netns) this.push(e as TcpEndpoints, e.sk, e.ns, e.oldState, CLOSE, 0, 0);
        return;
      }
      case 'bytes': {
        if (e.protocol !== 6) return;
        const known = this.totals.get(e.inode);
        if (known) {
          known.sent = e.sent;
          known.received = e.received;
        } else if (this.totals.size >= MAX_SOCKETS) this.complete = false;
        else {
          this.totals.set(e.inode, { sent: e.sent, received: e.received });
          this.inodeOfSk.set(e.sk, e.inode);
        }
        return;
      }
      case 'lost':
        this.complete = false;
        return;
      default:
        return;
    }
  }

  /** The feed found a line that never came (a close it learnt of from the sk's reuse). */
  missed(): void {
    this.complete = false;
  }

  /** The changes since the last take, in the order they happened. */
  take(): TcpChanges {
    const taken = { changes: this.changes, complete: this.complete && this.netns !== null };
    this.changes = [];
    this.complete = true;
    return taken;
  }

  /** The bytes an inode's socket moved since the feed started, as far as its lines told. */
  totalsOf(inode: number): TcpByteTotals | undefined {
    return this.totals.get(inode);
  }

  /** The inode a socket's byte lines named (a passive socket's state lines precede its accept()). */
  inodeOf(sk: string): number | undefined {
    return this.inodeOfSk.get(sk);
  }

  /**
   * One change, built field by field: a line or two for every state a socket passes through, and
   * a spread of its endpoints into a wider object was a slow copy each time.
   */
  private push(
    e: TcpEndpoints,
    sk: string,
    ns: number,
    oldState: number,
    newState: number,
    inode: number,
    uid: number,
  ): void {
    if (this.changes.length >= MAX_CHANGES) {
      this.complete = false;
      return;
    }
    this.changes.push({
      family: e.family,
      localAddress: e.localAddress,
      localPort: e.localPort,
      remoteAddress: e.remoteAddress,
      remotePort: e.remotePort,
      sk,
      ns,
      oldState,
      newState,
      inode,
      uid,
    });
  }
}
