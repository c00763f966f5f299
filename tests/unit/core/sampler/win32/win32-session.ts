// The recorded Windows 10 session the win32 tests and the contract suite replay: the commands'
// outputs, and a ShellSession that answers each PowerShell script with its recorded reply.
import {
  NETSTAT_ANO_ARGS,
  NETSTAT_ETHERNET_ARGS,
  NETSTAT_STATISTICS_ARGS,
  ROUTE_PRINT_ARGS,
  TASKLIST_ARGS,
} from '../../../../../electron/core/sampler/win32/win32-sampler';
import type { ShellSession } from '../../../../../electron/core/sampler/win32/shell-session';
import { readRecording, stripLinePrefix } from '../contract/recorded-output';

export const WIN32 = {
  netstatAno: ['netstat', ...NETSTAT_ANO_ARGS].join(' '),
  netstatEthernet: ['netstat', ...NETSTAT_ETHERNET_ARGS].join(' '),
  netstatStatistics: ['netstat', ...NETSTAT_STATISTICS_ARGS].join(' '),
  routePrint: ['route', ...ROUTE_PRINT_ARGS].join(' '),
  tasklist: ['tasklist', ...TASKLIST_ARGS].join(' '),
} as const;

/**
 * The real capture holds `netstat -e` then `netstat -s`, each line indented by the test source it
 * was found in (eight spaces): split at the first -s title and drop the indentation.
 */
export function recordedEthernetAndStatistics(): { ethernet: string; statistics: string } {
  const text = stripLinePrefix(readRecording('win32/netstat-e-s-win10.txt'), /^ {8}/);
  const at = text.indexOf('IPv4 Statistics');
  return { ethernet: text.slice(0, at), statistics: text.slice(at) };
}

export function win32SessionRecordings(): Record<string, string> {
  const { ethernet, statistics } = recordedEthernetAndStatistics();
  return {
    [WIN32.netstatAno]: readRecording('win32/netstat-ano-win10.txt'),
    [WIN32.netstatEthernet]: ethernet,
    [WIN32.netstatStatistics]: statistics,
    [WIN32.routePrint]: readRecording('win32/route-print-win10.txt'),
    [WIN32.tasklist]: readRecording('win32/tasklist-csv-win10.txt'),
  };
}

export interface ReplayShell extends ShellSession {
  /** Scripts asked for, by kind. */
  requests: Array<'sockets' | 'owners'>;
  /** Replaces the next replies: a text, an Error to reject with, or undefined for the recording. */
  next: { sockets?: string | Error; owners?: string | Error };
  /** Replaces every later sockets reply until cleared. */
  sticky: { sockets?: string | Error };
  closed: number;
}

/** Answers SOCKETS_SCRIPT and ownersScript() with the recorded replies (owners filtered to the pids asked). */
export function createReplayShell(): ReplayShell {
  const sockets = readRecording('win32/powershell-sockets-reply.txt');
  const owners = readRecording('win32/powershell-owners-reply.txt');
  const shell: ReplayShell = {
    requests: [],
    next: {},
    sticky: {},
    closed: 0,
    async request(script) {
      const kind = script.includes('Get-NetTCPConnection') ? 'sockets' : 'owners';
      shell.requests.push(kind);
      const override = shell.next[kind] ?? (kind === 'sockets' ? shell.sticky.sockets : undefined);
      delete shell.next[kind];
      if (override instanceof Error) throw override;
      if (override !== undefined) return override;
      if (kind === 'sockets') return sockets;
      // Win32_Process answers only for the pids in the filter, as the real query does.
      const asked = new Set([...script.matchAll(/ProcessId=(\d+)/g)].map((m) => Number(m[1])));
      const rows = (JSON.parse(owners) as Array<{ ProcessId: number }>).filter((r) => asked.has(r.ProcessId));
      return JSON.stringify(rows);
    },
    close() {
      shell.closed++;
    },
  };
  return shell;
}
