// The sampler's TCP table from one sock_diag dump (the addon's tcpSockets) instead of reading
// /proc/net/tcp and tcp6: each of those walks the kernel's whole established hash (262,144
// buckets on a machine with a few GB, nearly all empty: 4 ms a read at desktop scale), and the
// dump walks it once for both families and brings the byte counters along. The rows are those the
// /proc parser gives for the same sockets, the counters one reading of them.
import type { ProcNetRow } from '../proc-net-parser';
import { ipv4TextOf, ipv6TextOf } from '../proc-address';
import { stateName, TCP_LISTEN } from '../socket-states';
import { TcpByteTable } from './byte-table';

/** Numbers per socket in tcpSockets() (sock-diag.c, push_row). */
export const TCP_DUMP_ROW = 19;

export interface TcpDump {
  /** Sockets in the dump (rows appended). */
  sockets: number;
  counters: TcpByteTable;
}

/** Appends the dump's sockets to `into` as /proc rows; its counters as one reading at readAtMs. */
export function appendTcpDump(records: Float64Array, into: ProcNetRow[], readAtMs: number): TcpDump {
  const sockets = Math.floor(records.length / TCP_DUMP_ROW);
  const triples = new Float64Array(sockets * 3);
  let counted = 0;
  const words = [0, 0, 0, 0];
  const addressAt = (family: 4 | 6, at: number): string => {
    if (family === 4) return ipv4TextOf(records[at]!);
    for (let w = 0; w < 4; w++) words[w] = records[at + w]!;
    return ipv6TextOf(words);
  };
  for (let s = 0, at = 0; s < sockets; s++, at += TCP_DUMP_ROW) {
    const family = records[at] === 6 ? 6 : 4;
    const stateCode = records[at + 1]!;
    const inode = records[at + 15]!;
    into.push({
      proto: 'tcp',
      family,
      localAddress: addressAt(family, at + 4),
      localPort: records[at + 2]!,
      remoteAddress: addressAt(family, at + 8),
      remotePort: records[at + 3]!,
      stateCode,
      state: stateName('tcp', stateCode),
      recvQ: records[at + 12]!,
      sendQ: records[at + 13]!,
      uid: records[at + 14]!,
      inode,
    });
    // A listener's counters are 0 and mean nothing (the reading by tcpBytes skips listeners too).
    if (records[at + 16] === 1 && inode !== 0 && stateCode !== TCP_LISTEN) {
      triples[counted++] = inode;
      triples[counted++] = records[at + 17]!;
      triples[counted++] = records[at + 18]!;
    }
  }
  return { sockets, counters: new TcpByteTable(triples.subarray(0, counted), readAtMs) };
}
