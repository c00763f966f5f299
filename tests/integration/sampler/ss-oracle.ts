// The independent oracle of the sampler tests: `ss -tanpH` / `ss -uanpH` output read with its own
// small regex (never netwatch's parser), normalized to netstat's state names and plain addresses.
import { execFileSync } from 'node:child_process';

export interface SsRow {
  proto: 'tcp' | 'udp';
  /** netstat's name (ss's ESTAB is ESTABLISHED, TIME-WAIT is TIME_WAIT); null for UNCONN. */
  state: string | null;
  recvQ: number;
  sendQ: number;
  /** Address without brackets or zone; '*' stays '*' (a dual-stack wildcard). */
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** Owning pids ss lists (a shared socket has several); empty when it shows none. */
  pids: number[];
}

const STATES: Record<string, string | null> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
  UNCONN: null,
};

const LINE = /^(\S+)\s+(\d+)\s+(\d+)\s+(\S+):(\d+|\*)\s+(\S+):(\d+|\*)\s*(.*)$/;

function address(text: string): string {
  return text.replace(/^\[/, '').replace(/\]$/, '').replace(/%.*$/, '').toLowerCase();
}

export function parseSs(text: string, proto: 'tcp' | 'udp'): SsRow[] {
  const rows: SsRow[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line.trim());
    if (m === null) continue;
    const state = STATES[m[1]!];
    if (state === undefined) throw new Error(`ss oracle: unknown state in ${line}`);
    rows.push({
      proto,
      state: proto === 'udp' && state !== 'ESTABLISHED' ? null : state,
      recvQ: Number(m[2]),
      sendQ: Number(m[3]),
      localAddress: address(m[4]!),
      localPort: m[5] === '*' ? 0 : Number(m[5]),
      remoteAddress: address(m[6]!),
      remotePort: m[7] === '*' ? 0 : Number(m[7]),
      pids: [...m[8]!.matchAll(/pid=(\d+)/g)].map((p) => Number(p[1])),
    });
  }
  return rows;
}

export function runSs(): SsRow[] {
  return [
    ...parseSs(execFileSync('ss', ['-tanpH'], { encoding: 'utf8', maxBuffer: 1 << 28 }), 'tcp'),
    ...parseSs(execFileSync('ss', ['-uanpH'], { encoding: 'utf8', maxBuffer: 1 << 28 }), 'udp'),
  ];
}

/** Does an address netwatch reports match ss's text for it? ('*' is a wildcard of either family.) */
export function sameAddress(netwatch: string, ss: string): boolean {
  if (ss === '*') return netwatch === '0.0.0.0' || netwatch === '::';
  return netwatch.toLowerCase() === ss;
}

/** A key that ignores queues and pids: what identifies a socket across the two tools. */
export function endpointKey(row: {
  proto: string;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}): string {
  const wild = (a: string): string => (a === '*' || a === '0.0.0.0' || a === '::' ? '*' : a.toLowerCase());
  return `${row.proto} ${wild(row.localAddress)}:${row.localPort} ${wild(row.remoteAddress)}:${row.remotePort}`;
}
