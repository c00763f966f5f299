// What the event feed keeps of UDP and raw sockets between samples: the senders of unconnected
// UDP (a client, by the opener of its port) and every datagram socket's byte totals by inode.
// Neither protocol has a close tracepoint, so both go once quiet for UDP_KEEP_NS; both are capped.
import type { DatagramBytes, SocketOpener } from '../../../../../shared/model';

const MAX_SOCKETS = 16_384;
const UDP_KEEP_NS = 600e9;

interface Sender {
  opener: SocketOpener;
  lastNs: number;
}

interface Count extends DatagramBytes {
  lastNs: number;
}

export class DatagramSockets {
  private readonly senders = new Map<string, Sender>();
  private readonly counts = new Map<number, Count>();

  /** The UDP socket sk sent a datagram at ns; false when it is new and the cap is reached. */
  sent(sk: string, opener: SocketOpener, ns: number): boolean {
    if (!this.senders.has(sk) && this.senders.size >= MAX_SOCKETS) return false;
    this.senders.set(sk, { opener, lastNs: ns });
    return true;
  }

  /** A socket's totals from a byte line; false when it is new and the cap is reached. */
  counted(inode: number, sent: number, received: number, ns: number): boolean {
    const c = this.counts.get(inode);
    if (c) {
      c.sent = sent;
      c.received = received;
      c.lastNs = ns;
    } else if (this.counts.size >= MAX_SOCKETS) return false;
    else this.counts.set(inode, { inode, sent, received, lastNs: ns });
    return true;
  }

  /** The senders' openers (appended to `openers`) and every socket's totals, as of nowNs. */
  drain(nowNs: number, openers: SocketOpener[]): DatagramBytes[] {
    for (const [sk, sender] of this.senders) {
      if (sender.lastNs + UDP_KEEP_NS < nowNs) this.senders.delete(sk);
      else openers.push(sender.opener);
    }
    const bytes: DatagramBytes[] = [];
    for (const [inode, c] of this.counts) {
      // A socket quiet that long is likely gone: its row, if it still lives, keeps the last count
      // it was given.
      if (c.lastNs + UDP_KEEP_NS < nowNs) this.counts.delete(inode);
      else bytes.push({ inode, sent: c.sent, received: c.received });
    }
    return bytes;
  }
}
