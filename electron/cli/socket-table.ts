// The connection listing laid out as Linux netstat's (-tunape): same titles, same column order and
// widths, addresses as host:port. Address columns widen to the longest value instead of cutting it.
import { NO_GEO, type GeoFields } from '../core/monitor/live-connection';
import type { Proto, SocketRow } from '../../shared/model';
import type { NetstatOptions } from './netstat-options';
import { listingTitle } from './socket-filter';
import { padLeft, padRight, terminalText } from '../../shared/terminal-text';

/** How addresses and ports are shown: numbers (-n), or names where known. */
export interface EndpointNames {
  host(address: string): string;
  service(port: number, proto: Proto): string;
}

export const numericNames: EndpointNames = {
  host: (address) => address,
  service: (port) => String(port),
};

/** netstat's minimum width of an address column. */
const ADDRESS_WIDTH = 23;

function endpoint(address: string, port: number, proto: Proto, names: EndpointNames): string {
  const service = port === 0 ? '*' : proto === 'raw' ? String(port) : names.service(port, proto);
  return `${terminalText(names.host(address))}:${terminalText(service)}`;
}

function userText(row: SocketRow, numeric: boolean): string {
  if (row.uid === null) return '-';
  return !numeric && row.user !== null ? terminalText(row.user) : String(row.uid);
}

export function formatSocketTable(
  rows: readonly SocketRow[],
  options: NetstatOptions,
  names: EndpointNames,
  privileged: boolean,
): string {
  const locals = rows.map((r) => endpoint(r.localAddress, r.localPort, r.proto, names));
  const remotes = rows.map((r) => endpoint(r.remoteAddress, r.remotePort, r.proto, names));
  const localWidth = locals.reduce((w, t) => Math.max(w, t.length), ADDRESS_WIDTH);
  const remoteWidth = remotes.reduce((w, t) => Math.max(w, t.length), ADDRESS_WIDTH);

  const line = (cells: {
    proto: string;
    recvQ: string;
    sendQ: string;
    local: string;
    remote: string;
    state: string;
    user: string;
    inode: string;
    pid: string;
    program: string;
    exe: string;
  }): string => {
    let text =
      padRight(cells.proto, 5) +
      ' ' +
      padLeft(cells.recvQ, 6) +
      ' ' +
      padLeft(cells.sendQ, 6) +
      ' ' +
      padRight(cells.local, localWidth) +
      ' ' +
      padRight(cells.remote, remoteWidth) +
      ' ' +
      padRight(cells.state, 11);
    if (options.extend) text += ' ' + padRight(cells.user, 10) + ' ' + padRight(cells.inode, 10);
    if (options.pidColumn) text += ' ' + padRight(cells.pid, 7);
    if (options.programs) text += ' ' + padRight(cells.program, 20);
    if (options.exePath) text += ' ' + cells.exe;
    return text.trimEnd();
  };

  const out: string[] = [];
  if ((options.programs || options.pidColumn || options.exePath) && !privileged) {
    out.push(
      "(Not all processes could be identified: other users' sockets show no PID or program; run as root to see them all.)",
    );
  }
  out.push(listingTitle(options));
  out.push(
    line({
      proto: 'Proto',
      recvQ: 'Recv-Q',
      sendQ: 'Send-Q',
      local: 'Local Address',
      remote: 'Foreign Address',
      state: 'State',
      user: 'User',
      inode: 'Inode',
      pid: 'PID',
      program: 'PID/Program name',
      exe: 'Executable',
    }),
  );
  rows.forEach((row, i) => {
    out.push(
      line({
        proto: row.family === 6 ? `${row.proto}6` : row.proto,
        recvQ: String(row.recvQ),
        sendQ: String(row.sendQ),
        local: locals[i]!,
        remote: remotes[i]!,
        state: row.state ?? '',
        user: userText(row, options.numeric),
        inode: String(row.inode),
        pid: row.pid === null ? '-' : String(row.pid),
        program: row.pid === null ? '-' : `${row.pid}/${terminalText(row.process ?? '')}`,
        exe: row.exe === null ? '-' : terminalText(row.exe),
      }),
    );
  });
  return out.join('\n') + '\n';
}

/**
 * The --json objects: the documented fields, in the documented order, then processStart, then
 * the country (or scope word), AS number and AS organisation of the remote address, then the
 * bytes sent and received (TCP from the kernel's counters; null: not known).
 */
export function socketJson(row: SocketRow, geo: GeoFields = NO_GEO): Record<string, unknown> {
  return {
    proto: row.proto,
    family: row.family,
    localAddress: row.localAddress,
    localPort: row.localPort,
    remoteAddress: row.remoteAddress,
    remotePort: row.remotePort,
    state: row.state,
    recvQ: row.recvQ,
    sendQ: row.sendQ,
    uid: row.uid,
    user: row.user,
    inode: row.inode,
    pid: row.pid,
    process: row.process,
    exe: row.exe,
    cmdline: row.cmdline,
    processStart: row.processStart,
    country: geo.country,
    asn: geo.asn,
    asOrg: geo.asOrg,
    bytesSent: row.bytesSent ?? null,
    bytesReceived: row.bytesReceived ?? null,
  };
}
