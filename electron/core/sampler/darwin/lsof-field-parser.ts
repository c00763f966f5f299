// Parses `lsof -F` field output into sockets with their owning process. lsof prints the process
// fields once (a line per field: p, R, c, u, L) followed by the fields of each of its files (f, t,
// d, P, n, then T lines such as TST=LISTEN, TQR=0, TQS=0). Fields it was not asked for are ignored.
import type { Family } from '../../../../shared/model';
import { type Endpoint, parseColonEndpoint, wildcardAddress } from '../endpoint-text';
import { netstatStateName, UNKNOWN_STATE } from './bsd-tcp-state';

export interface LsofProcess {
  pid: number;
  /** c: the command name as the kernel keeps it (p_comm), escapes decoded. */
  command: string | null;
  /** R: parent pid. */
  ppid: number | null;
  /** u: user id. */
  uid: number | null;
  /** L: login name. */
  login: string | null;
}

export interface LsofSocket {
  process: LsofProcess;
  fd: string;
  proto: 'tcp' | 'udp';
  family: Family;
  /** d: the kernel's socket address on macOS (device number on Linux); identifies a shared socket. */
  device: string | null;
  local: Endpoint;
  /** null when not connected (a listener, an unconnected UDP socket). */
  remote: Endpoint | null;
  state: string | null;
  recvQ: number;
  sendQ: number;
}

export interface LsofParseResult {
  sockets: LsofSocket[];
  /** Network files that could not be understood (kept out, counted so a caller can say so). */
  skipped: number;
  /** The first one of them, as lsof printed its name field. */
  firstSkipped: string | null;
  /** TST= words no table knows; those sockets say UNKNOWN. */
  unknownStates: Set<string>;
}

interface FileFields {
  fd: string;
  type?: string;
  device?: string;
  protocol?: string;
  name?: string;
  tcp: Map<string, string>;
}

/**
 * lsof writes bytes it will not print as \xNN (and a few C escapes). Runs of \xNN are decoded back
 * to their bytes and read as UTF-8, so "Caf\xc3\xa9" becomes "Café"; undecodable bytes become U+FFFD.
 */
export function decodeLsofEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/(?:\\x[0-9a-fA-F]{2})+|\\[tnrbf]/g, (run) => {
    if (!run.startsWith('\\x'))
      return { '\\t': '\t', '\\n': '\n', '\\r': '\r', '\\b': '\b', '\\f': '\f' }[run] ?? run;
    const bytes = Buffer.from(run.replace(/\\x/g, ''), 'hex');
    return bytes.toString('utf8');
  });
}

function toInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

function toSocket(owner: LsofProcess, file: FileFields, unknownStates: Set<string>): LsofSocket | null {
  const proto = file.protocol === 'TCP' ? 'tcp' : file.protocol === 'UDP' ? 'udp' : null;
  const family: Family | null = file.type === 'IPv4' ? 4 : file.type === 'IPv6' ? 6 : null;
  if (proto === null || family === null || file.name === undefined) return null;
  const arrow = file.name.indexOf('->');
  const localText = arrow < 0 ? file.name : file.name.slice(0, arrow);
  const local = parseColonEndpoint(localText, family);
  if (local === null) return null;
  let remote: Endpoint | null = null;
  if (arrow >= 0) {
    remote = parseColonEndpoint(file.name.slice(arrow + 2), family);
    if (remote === null) return null;
  }
  const tst = file.tcp.get('ST');
  let state: string | null = null;
  if (proto === 'tcp' && tst) {
    state = netstatStateName(tst);
    if (state === null) {
      unknownStates.add(tst);
      state = UNKNOWN_STATE;
    }
  }
  return {
    process: owner,
    fd: file.fd,
    proto,
    family,
    device: file.device ?? null,
    local,
    remote,
    state,
    recvQ: toInt(file.tcp.get('QR')) ?? 0,
    sendQ: toInt(file.tcp.get('QS')) ?? 0,
  };
}

export function parseLsofFields(text: string): LsofParseResult {
  const sockets: LsofSocket[] = [];
  const unknownStates = new Set<string>();
  let skipped = 0;
  let firstSkipped: string | null = null;
  let owner: LsofProcess | null = null;
  let file: FileFields | null = null;

  const flush = (): void => {
    if (owner && file) {
      const socket = toSocket(owner, file, unknownStates);
      if (socket) sockets.push(socket);
      else {
        skipped++;
        firstSkipped ??= file.name ?? `fd ${file.fd} without a name`;
      }
    }
    file = null;
  };

  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.length === 0) continue;
    const id = line[0];
    const value = line.slice(1);
    if (id === 'p') {
      flush();
      const pid = toInt(value);
      // A process line we cannot read: drop its files rather than pin them on the previous process.
      owner = pid === null ? null : { pid, command: null, ppid: null, uid: null, login: null };
      continue;
    }
    if (id === 'f') {
      flush();
      file = { fd: value, tcp: new Map() };
      continue;
    }
    if (file === null) {
      if (owner === null) continue;
      if (id === 'c') owner.command = decodeLsofEscapes(value);
      else if (id === 'R') owner.ppid = toInt(value);
      else if (id === 'u') owner.uid = toInt(value);
      else if (id === 'L') owner.login = decodeLsofEscapes(value);
      continue;
    }
    if (id === 't') file.type = value;
    else if (id === 'd') file.device = value;
    else if (id === 'P') file.protocol = value;
    else if (id === 'n') file.name = value;
    else if (id === 'T') {
      const eq = value.indexOf('=');
      if (eq > 0) file.tcp.set(value.slice(0, eq), value.slice(eq + 1));
    }
  }
  flush();
  return { sockets, skipped, firstSkipped, unknownStates };
}

/** The remote end of a socket that has none, as netstat shows it: the wildcard address, port 0. */
export function unconnectedRemote(family: Family): Endpoint {
  return { address: wildcardAddress(family), port: 0 };
}
