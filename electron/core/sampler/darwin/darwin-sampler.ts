// The macOS backend: sockets and their owners from lsof's field output, every other socket on the
// machine from netstat (shown unattributed, as on Linux without root), owners' paths and command
// lines from ps, interface counters from netstat -ib; routes and protocol counters on demand.
//
// Failure: a command that is missing, fails or prints something unrecognisable makes sample()
// reject with an Error naming the command and the first line it wrote to stderr. Nothing the
// sampler keeps (the owner cache) changes on a failed tick, so the caller's previous snapshot
// stays the truth and the next tick carries on as if the failed one had not happened.
import type { InterfaceStats, ProtocolStats, Route, Snapshot, SocketRow } from '../../../../shared/model';
import { runChecked, UnrecognizedOutputError } from '../checked-command';
import { matchableAddress, wildcardAddress } from '../endpoint-text';
import { createExecFileRunner } from '../exec-file-runner';
import type { Sampler } from '../sampler';
import { type SamplerOptions, systemClock } from '../seams';
import { createWarnOnce } from '../warn-once';
import { type LsofSocket, parseLsofFields, unconnectedRemote } from './lsof-field-parser';
import { createInterfaceNames } from './interface-names';
import { linkStats, parseNetstatInterfaceTable } from './netstat-interface-parser';
import { parseNetstatRoutes } from './netstat-route-parser';
import { type NetstatSocket, parseNetstatSocketTable } from './netstat-socket-table';
import { readNetstatStatistics } from './netstat-statistics-parser';
import { OwnerLookup, type ProcessOwner } from './owner-lookup';

export interface DarwinSamplerOptions extends SamplerOptions {
  /** Whether lsof can see every process (root). Default: the effective uid is 0. */
  privileged?: boolean;
  /** Per-command time limit. */
  timeoutMs?: number;
}

/**
 * -n -P: numbers, no DNS or service lookups (slow, and not the sampler's job). -w: no warnings on
 * stderr, so stderr means failure. +c 0: the command name as long as the kernel keeps it.
 * -F pcRuLftdPnT: pid, command, parent pid (tells a reused pid apart), uid, login name; per file
 * the fd, type (IPv4/IPv6), device (the socket's kernel address: one socket shared by several
 * processes is listed once per process), protocol, name (the endpoints) and TCP info. -T qs: the
 * queue lengths (TQR=, TQS=) and the state (TST=); -T f's socket options are not needed.
 */
export const LSOF_ARGS = ['-nP', '-w', '+c', '0', '-iTCP', '-iUDP', '-FpcRuLftdPnT', '-Tqs'] as const;
/** -W: addresses are not cut to the column width (IPv6 would be otherwise). */
export const NETSTAT_TCP_ARGS = ['-anW', '-p', 'tcp'] as const;
export const NETSTAT_UDP_ARGS = ['-anW', '-p', 'udp'] as const;
export const NETSTAT_INTERFACE_ARGS = ['-ib'] as const;
/** -l: full IPv6 addresses and the MTU column. */
export const NETSTAT_ROUTE_ARGS = ['-rnl'] as const;
export const NETSTAT_STATISTICS_ARGS = ['-s'] as const;

function matchKey(
  proto: string,
  local: { address: string; port: number },
  remote: { address: string; port: number },
): string {
  const addr = (a: string): string => {
    const m = matchableAddress(a).replace(/^::ffff:(?=\d+\.)/, '');
    return m === '::' || m === '0.0.0.0' ? '*' : m;
  };
  return `${proto}|${addr(local.address)}|${local.port}|${addr(remote.address)}|${remote.port}`;
}

function attributedRow(socket: LsofSocket, owner: ProcessOwner | undefined): SocketRow {
  const remote = socket.remote ?? unconnectedRemote(socket.family);
  return {
    proto: socket.proto,
    family: socket.family,
    localAddress: socket.local.address,
    localPort: socket.local.port,
    remoteAddress: remote.address,
    remotePort: remote.port,
    state: socket.state,
    recvQ: socket.recvQ,
    sendQ: socket.sendQ,
    uid: socket.process.uid,
    user: socket.process.login,
    inode: 0,
    pid: socket.process.pid,
    process: owner?.name ?? socket.process.command,
    exe: owner?.exe ?? null,
    cmdline: owner?.cmdline ?? null,
    processStart: owner?.processStart ?? null,
  };
}

function unattributedRow(socket: NetstatSocket): SocketRow {
  return {
    proto: socket.proto,
    family: socket.family,
    localAddress: socket.local.address,
    localPort: socket.local.port,
    remoteAddress: socket.remote.address,
    remotePort: socket.remote.port,
    state: socket.state,
    recvQ: socket.recvQ,
    sendQ: socket.sendQ,
    uid: null,
    user: null,
    inode: 0,
    pid: null,
    process: null,
    exe: null,
    cmdline: null,
    processStart: null,
  };
}

/** One row per socket: a socket several processes share (inherited across fork) goes to the first. */
function distinctSockets(sockets: LsofSocket[]): LsofSocket[] {
  const seen = new Set<string>();
  return sockets.filter((s) => {
    const key = s.device ? `${s.proto}|${s.device}` : `${s.process.pid}|${s.fd}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function requireHeader(command: string, output: string, header: RegExp): void {
  if (!header.test(output)) throw new UnrecognizedOutputError(command, output);
}

export function createDarwinSampler(options: DarwinSamplerOptions = {}): Sampler {
  const run = options.run ?? createExecFileRunner();
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const privileged = options.privileged ?? process.getuid?.() === 0;
  const owners = new OwnerLookup(run, timeoutMs);
  const warn = createWarnOnce(options.onWarning);

  const netstat = async (args: readonly string[], header: RegExp): Promise<string> => {
    const out = await runChecked(run, 'netstat', args, { timeoutMs });
    requireHeader(['netstat', ...args].join(' '), out, header);
    return out;
  };

  const interfaceNames = createInterfaceNames(run, timeoutMs, warn);
  const interfaces = async (): Promise<InterfaceStats[]> => {
    const command = ['netstat', ...NETSTAT_INTERFACE_ARGS].join(' ');
    const table = parseNetstatInterfaceTable(await netstat(NETSTAT_INTERFACE_ARGS, /^Name\s+Mtu\s/m));
    if (table.skipped > 0)
      warn(
        `${command}:skipped`,
        `${command}: skipped link rows it could not read, first: ${JSON.stringify(table.firstSkipped)}`,
      );
    if (table.short > 0)
      warn(
        `${command}:short`,
        `${command}: link rows with fewer counters than the header (missing ones read as 0), first: ${JSON.stringify(table.firstShort)}`,
      );
    const names = await interfaceNames.resolve(table.links);
    return table.links.map((link) => linkStats(link, names.get(link.index) ?? link.printedName));
  };

  return {
    platform: 'darwin',

    async sample(): Promise<Snapshot> {
      const takenAt = clock.now();
      const monotonicMs = clock.monotonic();
      const [lsofText, tcpText, udpText, interfaceStats] = await Promise.all([
        // lsof exits 1, silently, when no socket matched: an empty machine, not a failure.
        runChecked(run, 'lsof', LSOF_ARGS, { timeoutMs, okCodes: [1], okCodesNeedQuietStderr: true }),
        netstat(NETSTAT_TCP_ARGS, /^Active Internet connections|^Proto\s/m),
        netstat(NETSTAT_UDP_ARGS, /^Active Internet connections|^Proto\s/m),
        interfaces(),
      ]);
      const lsof = parseLsofFields(lsofText);
      if (lsof.skipped > 0)
        warn(
          'lsof:skipped',
          `lsof: skipped network files it printed in an unknown form, first: ${JSON.stringify(lsof.firstSkipped)}`,
        );
      for (const word of lsof.unknownStates)
        warn(`state:${word}`, `lsof: unknown TCP state ${JSON.stringify(word)}, shown as UNKNOWN`);
      const lsofSockets = distinctSockets(lsof.sockets);
      const resolved = await owners.resolve(lsofSockets.map((s) => s.process));

      const sockets: SocketRow[] = [];
      const attributed = new Map<string, number>();
      for (const socket of lsofSockets) {
        sockets.push(attributedRow(socket, resolved.get(socket.process.pid)));
        const key = matchKey(
          socket.proto,
          socket.local,
          socket.remote ?? { address: wildcardAddress(socket.family), port: 0 },
        );
        attributed.set(key, (attributed.get(key) ?? 0) + 1);
      }
      for (const [text, args] of [
        [tcpText, NETSTAT_TCP_ARGS],
        [udpText, NETSTAT_UDP_ARGS],
      ] as const) {
        const table = parseNetstatSocketTable(text);
        const command = ['netstat', ...args].join(' ');
        if (table.skipped > 0)
          warn(
            `${command}:skipped`,
            `${command}: skipped rows it could not read, first: ${JSON.stringify(table.firstSkipped)}`,
          );
        for (const word of table.unknownStates)
          warn(`state:${word}`, `${command}: unknown TCP state ${JSON.stringify(word)}, shown as UNKNOWN`);
        for (const socket of table.sockets) {
          const key = matchKey(socket.proto, socket.local, socket.remote);
          const left = attributed.get(key) ?? 0;
          if (left > 0) attributed.set(key, left - 1);
          else sockets.push(unattributedRow(socket));
        }
      }
      owners.commit(resolved);
      return { takenAt, monotonicMs, sockets, interfaces: interfaceStats, privileged };
    },

    async routes(): Promise<Route[]> {
      const table = parseNetstatRoutes(await netstat(NETSTAT_ROUTE_ARGS, /^(Internet6?|Routing tables):?$/m));
      if (table.skipped > 0)
        warn(
          'netstat -rnl:skipped',
          `netstat -rnl: skipped ${table.skipped} routes it could not read, first: ${JSON.stringify(table.firstSkipped)}`,
        );
      return table.routes;
    },

    async protocolStats(): Promise<ProtocolStats> {
      const read = readNetstatStatistics(await netstat(NETSTAT_STATISTICS_ARGS, /^[a-z][a-z0-9]*:\s*$/m));
      if (read.unread > 0)
        warn(
          'netstat -s:unread',
          `netstat -s: ${read.unread} lines with numbers read as no counter, first: ${JSON.stringify(read.firstUnread)}`,
        );
      return read.stats;
    },

    interfaces,

    close(): void {
      // Every command is a short-lived child: nothing to release.
    },
  };
}
