// Parses the lines netwatch-events.bt prints into typed events. Every line is checked field by
// field: a line that does not fit (a truncated write, a bpftrace message) yields null, never a throw.
import net from 'node:net';

/** The task that caused an event: pid, its parent, uid and start_boottime (ns after boot). */
export interface EventTask {
  pid: number;
  ppid: number;
  uid: number;
  startNs: number;
  comm: string;
}

/** Both ends of a TCP socket as the state tracepoint gives them. */
export interface TcpEndpoints {
  family: 4 | 6;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

/** What a polled row has of a TCP socket besides its endpoints (lines of older programs lack it). */
export interface TcpSocketFacts {
  /** 0 while the socket has none (a passive one before accept(), an orphan after close()). */
  inode: number;
  uid: number;
  /** The network namespace's inode (as /proc/<pid>/ns/net names it). */
  netns: number;
}

export type KernelEvent =
  | { kind: 'hello' }
  | { kind: 'lost'; count: number }
  | ({ kind: 'connect'; ns: number; sk: string; family: 4 | 6; remoteAddress: string; remotePort: number } & {
      task: EventTask;
    })
  | ({
      kind: 'accept' | 'established';
      ns: number;
      sk: string;
    } & TcpEndpoints &
      Partial<TcpSocketFacts>)
  | ({ kind: 'close'; ns: number; sk: string; oldState: number; sent: number; received: number } & Partial<
      TcpEndpoints & Pick<TcpSocketFacts, 'netns'>
    >)
  | ({ kind: 'state'; ns: number; sk: string; oldState: number; newState: number } & TcpEndpoints &
      TcpSocketFacts)
  | {
      kind: 'datagram';
      ns: number;
      sk: string;
      family: 4 | 6;
      protocol: number;
      localPort: number;
      remoteAddress: string;
      remotePort: number;
      bytes: number;
      task: EventTask;
    }
  | { kind: 'bytes'; ns: number; sk: string; inode: number; protocol: number; sent: number; received: number }
  | { kind: 'exec'; ns: number; pid: number; ppid: number; uid: number; startNs: number; path: string }
  | { kind: 'exit'; ns: number; pid: number };

const UINT = /^\d{1,20}$/;

function uint(text: string | undefined, max = Number.MAX_SAFE_INTEGER): number | null {
  if (text === undefined || !UINT.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

function family(text: string | undefined): 4 | 6 | null {
  return text === '4' ? 4 : text === '6' ? 6 : null;
}

function address(text: string | undefined, fam: 4 | 6): string | null {
  if (text === undefined) return null;
  return net.isIP(text) === fam ? text : null;
}

/** The fields after the first n, joined back: the free-text field may hold spaces. */
function rest(fields: string[], n: number): string | null {
  return fields.length > n ? fields.slice(n).join(' ') : null;
}

function task(fields: string[], at: number, commAt: number): EventTask | null {
  const pid = uint(fields[at]);
  const ppid = uint(fields[at + 1]);
  const uid = uint(fields[at + 2], 0xffffffff);
  const startNs = uint(fields[at + 3]);
  const comm = rest(fields, commAt);
  if (pid === null || ppid === null || uid === null || startNs === null || comm === null) return null;
  return { pid, ppid, uid, startNs, comm };
}

/** fam saddr sport daddr dport at f[at]..f[at+4]. */
function endpoints(f: string[], at: number): TcpEndpoints | null {
  const fam = family(f[at]);
  if (fam === null) return null;
  const localAddress = address(f[at + 1], fam);
  const localPort = uint(f[at + 2], 65535);
  const remoteAddress = address(f[at + 3], fam);
  const remotePort = uint(f[at + 4], 65535);
  if (localAddress === null || localPort === null || remoteAddress === null || remotePort === null)
    return null;
  return { family: fam, localAddress, localPort, remoteAddress, remotePort };
}

/** inode uid netns at f[at]..f[at+2]. */
function socketFacts(f: string[], at: number): TcpSocketFacts | null {
  const inode = uint(f[at]);
  const uid = uint(f[at + 1], 0xffffffff);
  const netns = uint(f[at + 2], 0xffffffff);
  return inode === null || uid === null || netns === null ? null : { inode, uid, netns };
}

const LOST = /^Lost (\d{1,15}) events$/;

export function parseEventLine(line: string): KernelEvent | null {
  if (line === 'H') return { kind: 'hello' };
  const lost = LOST.exec(line);
  if (lost) return { kind: 'lost', count: Number(lost[1]) };
  const f = line.split(' ');
  const ns = uint(f[1]);
  if (ns === null) return null;
  switch (f[0]) {
    case 'O': {
      const t = task(f, 2, 10);
      const sk = f[6];
      const fam = family(f[7]);
      if (!t || sk === undefined || !UINT.test(sk) || fam === null) return null;
      const remoteAddress = address(f[8], fam);
      const remotePort = uint(f[9], 65535);
      if (remoteAddress === null || remotePort === null) return null;
      return { kind: 'connect', ns, sk, family: fam, remoteAddress, remotePort, task: t };
    }
    case 'A':
    case 'T': {
      const sk = f[2];
      if ((f.length !== 8 && f.length !== 11) || sk === undefined || !UINT.test(sk)) return null;
      const ends = endpoints(f, 3);
      const facts = f.length === 11 ? socketFacts(f, 8) : {};
      if (ends === null || facts === null) return null;
      const kind = f[0] === 'A' ? 'accept' : 'established';
      return { kind, ns, sk, ...ends, ...facts };
    }
    case 'C': {
      const sk = f[2];
      const oldState = uint(f[3], 255);
      const sent = uint(f[4]);
      const received = uint(f[5]);
      if (
        (f.length !== 6 && f.length !== 12) ||
        sk === undefined ||
        !UINT.test(sk) ||
        oldState === null ||
        sent === null ||
        received === null
      )
        return null;
      if (f.length === 6) return { kind: 'close', ns, sk, oldState, sent, received };
      const ends = endpoints(f, 6);
      const netns = uint(f[11], 0xffffffff);
      if (ends === null || netns === null) return null;
      return { kind: 'close', ns, sk, oldState, sent, received, ...ends, netns };
    }
    case 'S': {
      const sk = f[2];
      const oldState = uint(f[3], 255);
      const newState = uint(f[4], 255);
      if (f.length !== 13 || sk === undefined || !UINT.test(sk) || oldState === null || newState === null)
        return null;
      const ends = endpoints(f, 5);
      const facts = socketFacts(f, 10);
      if (ends === null || facts === null) return null;
      return { kind: 'state', ns, sk, oldState, newState, ...ends, ...facts };
    }
    case 'U': {
      const t = task(f, 2, 13);
      const sk = f[6];
      const fam = family(f[7]);
      if (!t || sk === undefined || !UINT.test(sk) || fam === null) return null;
      const protocol = uint(f[8], 255);
      const localPort = uint(f[9], 65535);
      const remoteAddress = address(f[10], fam);
      const remotePort = uint(f[11], 65535);
      const bytes = uint(f[12]);
      if (
        protocol === null ||
        localPort === null ||
        remoteAddress === null ||
        remotePort === null ||
        bytes === null
      )
        return null;
      return {
        kind: 'datagram',
        ns,
        sk,
        family: fam,
        protocol,
        localPort,
        remoteAddress,
        remotePort,
        bytes,
        task: t,
      };
    }
    case 'B': {
      const sk = f[2];
      const inode = uint(f[3]);
      const protocol = uint(f[4], 255);
      const sent = uint(f[5]);
      const received = uint(f[6]);
      if (f.length !== 7 || sk === undefined || !UINT.test(sk) || inode === null || inode === 0) return null;
      if (protocol === null || sent === null || received === null) return null;
      return { kind: 'bytes', ns, sk, inode, protocol, sent, received };
    }
    case 'X': {
      const pid = uint(f[2]);
      const ppid = uint(f[3]);
      const uid = uint(f[4], 0xffffffff);
      const startNs = uint(f[5]);
      const path = rest(f, 6);
      if (pid === null || ppid === null || uid === null || startNs === null || path === null || path === '')
        return null;
      return { kind: 'exec', ns, pid, ppid, uid, startNs, path };
    }
    case 'E': {
      const pid = uint(f[2]);
      if (f.length !== 3 || pid === null) return null;
      return { kind: 'exit', ns, pid };
    }
    default:
      return null;
  }
}
