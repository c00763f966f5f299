// The Windows backend. Sockets (TCP in every state, UDP endpoints, IPv4 and IPv6) with their owning
// pid come from Get-NetTCPConnection / Get-NetUDPEndpoint in one long-lived PowerShell: enums, not
// translated words. Owners come from Win32_Process through the same shell. Ethernet counters
// (netstat -e), routes (route print) and protocol counters (netstat -s) are short commands.
//
// Without PowerShell (or without its NetTCPIP cmdlets) the backend falls back, for good, to
// `netstat -ano` (localized state words mapped, see localized-tcp-state.ts) and `tasklist` for
// image names.
//
// Failure: a command or shell request that fails makes sample() reject with an Error naming it and
// the first line it said; the owner cache is untouched, so the previous snapshot stays the truth.
// A shell that died or hung is restarted on the next request.
import type { InterfaceStats, ProtocolStats, Route, Snapshot, SocketRow } from '../../../../shared/model';
import { runChecked, UnrecognizedOutputError } from '../checked-command';
import { normalizeAddress, wildcardAddress } from '../endpoint-text';
import { createExecFileRunner } from '../exec-file-runner';
import type { Sampler } from '../sampler';
import { type SamplerOptions, systemClock } from '../seams';
import { createWarnOnce } from '../warn-once';
import { parseNetstatAno } from './netstat-ano-parser';
import { parseNetstatEthernet } from './netstat-ethernet-parser';
import { readWindowsNetstatStatistics } from './netstat-statistics-parser';
import { type Win32Owner, Win32OwnerLookup } from './owner-lookup';
import { parseSocketsReply } from './powershell-json';
import { SOCKETS_SCRIPT } from './powershell-scripts';
import { createPowerShellSession } from './powershell-session';
import { parseRoutePrint } from './route-print-parser';
import { type ShellSession, ShellRequestError, ShellUnavailableError } from './shell-session';
import { parseTasklistCsv } from './tasklist-csv-parser';
import { tcpStateName } from './tcp-state-enum';

export interface Win32SamplerOptions extends SamplerOptions {
  /** The long-lived shell (tests replay recorded replies). Default: powershell.exe. */
  shell?: ShellSession;
  /** Fallback mode only: whether we run elevated. PowerShell mode asks the shell. */
  privileged?: boolean;
  timeoutMs?: number;
}

export const NETSTAT_ANO_ARGS = ['-ano'] as const;
export const NETSTAT_ETHERNET_ARGS = ['-e'] as const;
export const NETSTAT_STATISTICS_ARGS = ['-s'] as const;
export const ROUTE_PRINT_ARGS = ['print'] as const;
export const TASKLIST_ARGS = ['/FO', 'CSV', '/NH'] as const;

interface Endpoints {
  proto: 'tcp' | 'udp';
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  state: string | null;
  pid: number | null;
}

/** The shell is there but its socket cmdlets are not (older Windows): the fallback's case too. */
function missingCmdlets(error: unknown): boolean {
  return error instanceof ShellRequestError && /Get-Net(TCPConnection|UDPEndpoint)/i.test(error.message);
}

function row(e: Endpoints, owner: Win32Owner | undefined): SocketRow {
  return {
    proto: e.proto,
    family: e.localAddress.includes(':') ? 6 : 4,
    localAddress: e.localAddress,
    localPort: e.localPort,
    remoteAddress: e.remoteAddress,
    remotePort: e.remotePort,
    state: e.state,
    // Windows does not report socket queues.
    recvQ: 0,
    sendQ: 0,
    uid: null,
    user: owner?.user ?? null,
    inode: 0,
    pid: e.pid,
    process: owner?.name ?? null,
    exe: owner?.exe ?? null,
    cmdline: owner?.cmdline ?? null,
    processStart: owner?.processStart ?? null,
  };
}

export function createWin32Sampler(options: Win32SamplerOptions = {}): Sampler {
  const run = options.run ?? createExecFileRunner();
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let shell: ShellSession | null = options.shell ?? null;
  let useShell = true;
  const owners = new Win32OwnerLookup(timeoutMs);
  const warn = createWarnOnce(options.onWarning);

  const getShell = (): ShellSession => (shell ??= createPowerShellSession({ defaultTimeoutMs: timeoutMs }));

  const interfaces = async (): Promise<InterfaceStats[]> => {
    const out = await runChecked(run, 'netstat', NETSTAT_ETHERNET_ARGS, { timeoutMs });
    const total = parseNetstatEthernet(out);
    if (!total) throw new UnrecognizedOutputError('netstat -e', out);
    return [total];
  };

  /** PowerShell mode: sockets, owners and whether we are admin; null when PowerShell cannot serve. */
  const sampleWithShell = async (): Promise<{
    sockets: SocketRow[];
    privileged: boolean;
    commit(): void;
  } | null> => {
    let reply;
    try {
      reply = parseSocketsReply(await getShell().request(SOCKETS_SCRIPT, { timeoutMs }));
    } catch (error) {
      if (error instanceof ShellUnavailableError || missingCmdlets(error)) return null;
      throw error;
    }
    const skipped = reply.tcp.skipped + reply.udp.skipped + reply.processes.skipped;
    if (skipped > 0)
      warn(
        'powershell:skipped',
        `PowerShell: skipped ${skipped} rows of an unexpected shape in the sockets reply`,
      );
    const endpoints: Endpoints[] = [];
    for (const t of reply.tcp.rows) {
      const family = t.LocalAddress.includes(':') ? 6 : 4;
      const local = normalizeAddress(t.LocalAddress, family);
      const remote = normalizeAddress(t.RemoteAddress, family);
      if (local === null || remote === null) {
        warn(
          `address:${t.LocalAddress}`,
          `Get-NetTCPConnection: unreadable address ${JSON.stringify(t.LocalAddress)} or ${JSON.stringify(t.RemoteAddress)}, row skipped`,
        );
        continue;
      }
      const pid = t.OwningProcess || null;
      const state = tcpStateName(t.State);
      if (state === null)
        warn(`state:${t.State}`, `Get-NetTCPConnection: unknown State ${t.State}, shown as UNKNOWN`);
      endpoints.push({
        proto: 'tcp',
        localAddress: local,
        localPort: t.LocalPort,
        remoteAddress: remote,
        remotePort: t.RemotePort,
        state: state ?? 'UNKNOWN',
        pid,
      });
    }
    for (const u of reply.udp.rows) {
      const family = u.LocalAddress.includes(':') ? 6 : 4;
      const local = normalizeAddress(u.LocalAddress, family);
      if (local === null) {
        warn(
          `address:${u.LocalAddress}`,
          `Get-NetUDPEndpoint: unreadable address ${JSON.stringify(u.LocalAddress)}, row skipped`,
        );
        continue;
      }
      const pid = u.OwningProcess || null;
      endpoints.push({
        proto: 'udp',
        localAddress: local,
        localPort: u.LocalPort,
        remoteAddress: wildcardAddress(family),
        remotePort: 0,
        state: null,
        pid,
      });
    }
    const identities = new Map(reply.processes.rows.map((p) => [p.Id, p]));
    const pids = endpoints.flatMap((e) => (e.pid === null ? [] : [e.pid]));
    const resolved = await owners.resolve(getShell(), pids, identities);
    return {
      sockets: endpoints.map((e) => row(e, e.pid === null ? undefined : resolved.get(e.pid))),
      privileged: reply.admin,
      commit: () => owners.commit(resolved),
    };
  };

  /** Fallback mode: netstat -ano and tasklist; image names only. */
  const sampleWithNetstat = async (): Promise<SocketRow[]> => {
    const [table, tasks] = await Promise.all([
      runChecked(run, 'netstat', NETSTAT_ANO_ARGS, { timeoutMs }),
      runChecked(run, 'tasklist', TASKLIST_ARGS, { timeoutMs }),
    ]);
    if (!/\b(TCP|UDP)\b/.test(table) && table.trim() !== '')
      throw new UnrecognizedOutputError('netstat -ano', table);
    const names = parseTasklistCsv(tasks);
    const parsed = parseNetstatAno(table);
    if (parsed.skipped > 0)
      warn(
        'netstat-ano:skipped',
        `netstat -ano: skipped rows it could not read, first: ${JSON.stringify(parsed.firstSkipped)}`,
      );
    for (const word of parsed.unknownStates)
      warn(`state:${word}`, `netstat -ano: unknown state word ${JSON.stringify(word)}, shown as UNKNOWN`);
    return parsed.rows.map((r) => {
      const name = r.pid === null ? undefined : names.get(r.pid);
      const owner: Win32Owner | undefined = name
        ? { identity: '', name, exe: null, cmdline: null, user: null, processStart: null }
        : undefined;
      return row(
        {
          proto: r.proto,
          localAddress: r.local.address,
          localPort: r.local.port,
          remoteAddress: r.remote.address,
          remotePort: r.remote.port,
          state: r.state,
          pid: r.pid,
        },
        owner,
      );
    });
  };

  return {
    platform: 'win32',

    async sample(): Promise<Snapshot> {
      const takenAt = clock.now();
      const monotonicMs = clock.monotonic();
      const interfaceStats = interfaces();
      // Settled here so a failure of the other half never leaves this rejection unobserved.
      interfaceStats.catch(() => undefined);
      if (useShell) {
        const viaShell = await sampleWithShell();
        if (viaShell) {
          const stats = await interfaceStats;
          viaShell.commit();
          return {
            takenAt,
            monotonicMs,
            sockets: viaShell.sockets,
            interfaces: stats,
            privileged: viaShell.privileged,
          };
        }
        // Missing PowerShell is not a passing hiccup: stop paying for it on every tick.
        useShell = false;
        shell?.close();
      }
      const sockets = await sampleWithNetstat();
      return {
        takenAt,
        monotonicMs,
        sockets,
        interfaces: await interfaceStats,
        privileged: options.privileged ?? false,
      };
    },

    async routes(): Promise<Route[]> {
      const out = await runChecked(run, 'route', ROUTE_PRINT_ARGS, { timeoutMs });
      if (!/IPv4/.test(out)) throw new UnrecognizedOutputError('route print', out);
      const table = parseRoutePrint(out);
      if (table.skipped > 0)
        warn(
          'route-print:skipped',
          `route print: skipped ${table.skipped} routes it could not read, first: ${JSON.stringify(table.firstSkipped)}`,
        );
      return table.routes;
    },

    async protocolStats(): Promise<ProtocolStats> {
      const out = await runChecked(run, 'netstat', NETSTAT_STATISTICS_ARGS, { timeoutMs });
      const { stats, unread, firstUnread } = readWindowsNetstatStatistics(out);
      if (Object.keys(stats).length === 0) throw new UnrecognizedOutputError('netstat -s', out);
      if (unread > 0)
        warn(
          'netstat -s:unread',
          `netstat -s: ${unread} lines read as neither counter nor title, first: ${JSON.stringify(firstUnread)}`,
        );
      return stats;
    },

    interfaces,

    close(): void {
      shell?.close();
    },
  };
}
