// One reading of the kernel's TCP byte counters (tcp_info bytes_acked / bytes_received) by socket
// inode, from the sock_diag addon's triples or from `ss -tineH` text, and when it was taken.

export class TcpByteTable {
  private readonly at = new Map<number, number>();

  /** triples: inode, bytes sent (acked), bytes received, repeated; readAtMs: monotonic ms. */
  constructor(
    private readonly triples: Float64Array,
    readonly readAtMs: number,
  ) {
    for (let i = 0; i + 2 < triples.length; i += 3) this.at.set(triples[i]!, i);
  }

  get size(): number {
    return this.at.size;
  }

  /** Bytes the peer acknowledged; null when this reading has no such socket. */
  sentOf(inode: number): number | null {
    const i = this.at.get(inode);
    return i === undefined ? null : this.triples[i + 1]!;
  }

  receivedOf(inode: number): number | null {
    const i = this.at.get(inode);
    return i === undefined ? null : this.triples[i + 2]!;
  }
}

const INODE = /\bino:(\d+)/;
const ACKED = /\bbytes_acked:(\d+)/;
const RECEIVED = /\bbytes_received:(\d+)/;

/**
 * `ss -tineH`: a socket line (with ino:N) then, indented, its tcp_info line. ss leaves a counter
 * out when it is 0, so an info line without one means 0; a socket without an info line is skipped.
 */
export function parseSsTcpInfo(text: string): Float64Array {
  const out: number[] = [];
  let inode: number | null = null;
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    if (line[0] !== ' ' && line[0] !== '\t') {
      const m = INODE.exec(line);
      inode = m ? Number(m[1]) : null;
      if (inode === 0) inode = null;
      continue;
    }
    if (inode === null) continue;
    const acked = ACKED.exec(line);
    const received = RECEIVED.exec(line);
    out.push(inode, acked ? Number(acked[1]) : 0, received ? Number(received[1]) : 0);
    inode = null;
  }
  return Float64Array.from(out);
}
