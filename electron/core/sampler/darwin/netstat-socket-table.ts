// Parses macOS `netstat -anW -p tcp|udp`: every socket on the machine, whoever owns it. lsof only
// sees the processes it may inspect; the sockets netstat lists beyond those are the unattributed
// ones (other users' without root, TIME_WAIT). Rows look like
//   tcp4       0      0  192.168.1.191.52044    31.13.66.35.443        ESTABLISHED
//   udp46      0      0  *.5353                 *.*
// with "address.port" (the last dot splits), `*` wildcards, tcp46 = an IPv6 socket open to IPv4.
import type { Family, Proto } from '../../../../shared/model';
import { type Endpoint, normalizeAddress } from '../endpoint-text';
import { netstatStateName, UNKNOWN_STATE } from './bsd-tcp-state';

export interface NetstatSocket {
  proto: Extract<Proto, 'tcp' | 'udp'>;
  family: Family;
  local: Endpoint;
  remote: Endpoint;
  state: string | null;
  recvQ: number;
  sendQ: number;
}

export interface NetstatSocketTable {
  sockets: NetstatSocket[];
  /** Rows that looked like sockets but could not be read. */
  skipped: number;
  firstSkipped: string | null;
  /** State words no table knows; those sockets say UNKNOWN. */
  unknownStates: Set<string>;
}

const PROTO_COLUMN = /^(tcp|udp)(4|6|46)$/;

/** "10.0.0.1.443", "fe80::1%lo0.5353", "*.80", "*.*" */
export function parseDottedEndpoint(text: string, family: Family): Endpoint | null {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return null;
  const host = text.slice(0, dot);
  const portText = text.slice(dot + 1);
  let port: number;
  if (portText === '*') port = 0;
  else if (/^\d{1,5}$/.test(portText) && Number(portText) <= 65535) port = Number(portText);
  else return null;
  const address = normalizeAddress(host, family);
  return address === null ? null : { address, port };
}

export function parseNetstatSocketTable(text: string): NetstatSocketTable {
  const sockets: NetstatSocket[] = [];
  const unknownStates = new Set<string>();
  let skipped = 0;
  let firstSkipped: string | null = null;
  const skip = (line: string): void => {
    skipped++;
    firstSkipped ??= line.trim();
  };
  for (const line of text.split(/\r?\n/)) {
    const tokens = line.trim().split(/\s+/);
    // -A puts a socket address (and flow hash) before the protocol: find the protocol column.
    const at = tokens.findIndex((t) => PROTO_COLUMN.test(t));
    if (at < 0) continue;
    const match = PROTO_COLUMN.exec(tokens[at] ?? '');
    const [recvQText, sendQText, localText, remoteText, stateText] = tokens.slice(at + 1, at + 6);
    if (!match || localText === undefined || remoteText === undefined) {
      skip(line);
      continue;
    }
    const proto = match[1] === 'tcp' ? 'tcp' : 'udp';
    const family: Family = match[2] === '4' ? 4 : 6;
    const local = parseDottedEndpoint(localText, family);
    const remote = parseDottedEndpoint(remoteText, family);
    const recvQ = Number(recvQText);
    const sendQ = Number(sendQText);
    // TCP always has a state; -v appends numeric columns, which must not be taken for one.
    const word = proto === 'tcp' && stateText && /^[A-Z][A-Z_0-9]*$/.test(stateText) ? stateText : null;
    let state = word === null ? null : netstatStateName(word);
    if (word !== null && state === null) {
      unknownStates.add(word);
      state = UNKNOWN_STATE;
    }
    if (
      !local ||
      !remote ||
      !Number.isSafeInteger(recvQ) ||
      !Number.isSafeInteger(sendQ) ||
      (proto === 'tcp' && !state)
    ) {
      skip(line);
      continue;
    }
    sockets.push({ proto, family, local, remote, state, recvQ, sendQ });
  }
  return { sockets, skipped, firstSkipped, unknownStates };
}
