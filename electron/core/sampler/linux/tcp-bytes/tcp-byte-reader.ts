// Reads TCP byte counters for the sampler, the cheapest way that works here: the sock_diag addon
// every sample (one netlink dump, which can bring the TCP rows along: tcp-socket-dump.ts), else
// `ss -tineH` in the background at a lower rate (a process per reading), else nothing and a reason. Counts are of the sampler's own namespace.
import type { ByteCounterMethod } from '../../../../../shared/model';
import type { CommandRunner } from '../../seams';
import { TcpByteTable, parseSsTcpInfo } from './byte-table';
import { loadSockDiag, type SockDiag } from './sock-diag-addon';
import { appendTcpDump } from './tcp-socket-dump';
import type { ProcNetRow } from '../proc-net-parser';

export interface TcpByteReaderOptions {
  /** 'auto' (default): the addon, else ss; tests and the bench force one. */
  method?: 'auto' | ByteCounterMethod;
  addonCandidates?: readonly string[];
  run?: CommandRunner;
  /** How often ss is run (it costs a process): default 5 s. */
  ssIntervalMs?: number;
  onNotice?: (message: string) => void;
}

export interface TcpByteReader {
  readonly method: ByteCounterMethod;
  /** Why the addon is not used (null when it is). */
  readonly reason: string | null;
  /** The latest reading at monotonic time nowMs (ss: the last finished run); null before any. */
  read(nowMs: number): TcpByteTable | null;
  /**
   * The addon only: appends the namespace's TCP sockets as /proc rows, from the dump that also
   * gives read(nowMs) its counters (one walk of the kernel's tables for both); false when it cannot.
   */
  readRows?(into: ProcNetRow[], nowMs: number): boolean;
}

export function createTcpByteReader(options: TcpByteReaderOptions = {}): TcpByteReader {
  const method = options.method ?? 'auto';
  let reason: string | null = null;
  if (method === 'off') return { method: 'off', reason: 'turned off', read: () => null };
  if (method !== 'ss') {
    const addon = loadSockDiag(options.addonCandidates);
    if (typeof addon !== 'string') return addonReader(addon, options);
    reason = addon;
    if (method === 'sock-diag') return { method: 'off', reason, read: () => null };
  }
  if (options.run === undefined)
    return { method: 'off', reason: reason ?? 'no command runner', read: () => null };
  options.onNotice?.(
    `TCP byte counts from ss every ${(options.ssIntervalMs ?? 5000) / 1000} s: ${reason ?? 'asked for'}`,
  );
  return ssReader(options.run, options.ssIntervalMs ?? 5000, reason, options.onNotice);
}

function addonReader(addon: SockDiag, options: TcpByteReaderOptions): TcpByteReader {
  let failed = false;
  /** The counters of the last readRows() dump. */
  let withRows: TcpByteTable | null = null;
  const refused = (error: unknown): void => {
    // A refused dump (a seccomp filter, a kernel without INET_DIAG) is told once; counts unknown.
    if (!failed)
      options.onNotice?.(
        `TCP byte counts unknown: ${error instanceof Error ? error.message : String(error)}`,
      );
    failed = true;
  };
  return {
    method: 'sock-diag',
    reason: null,
    read(nowMs) {
      if (withRows?.readAtMs === nowMs) return withRows;
      try {
        return new TcpByteTable(addon.tcpBytes(), nowMs);
      } catch (error) {
        refused(error);
        return null;
      }
    },
    readRows(into, nowMs) {
      if (failed) return false;
      try {
        withRows = appendTcpDump(addon.tcpSockets(), into, nowMs).counters;
        return true;
      } catch (error) {
        refused(error);
        return false;
      }
    },
  };
}

function ssReader(
  run: CommandRunner,
  intervalMs: number,
  reason: string | null,
  onNotice?: (message: string) => void,
): TcpByteReader {
  let latest: TcpByteTable | null = null;
  let runningSince: number | null = null;
  let startedAt = -Infinity;
  let failed = false;
  const fail = (why: string): void => {
    if (!failed) onNotice?.(`TCP byte counts unknown: ss ${why}`);
    failed = true;
  };
  return {
    method: 'ss',
    reason,
    read(nowMs) {
      if (runningSince === null && nowMs - startedAt >= intervalMs) {
        runningSince = startedAt = nowMs;
        run('ss', ['-tineH'], { timeoutMs: 10_000 }).then(
          (result) => {
            runningSince = null;
            if (result.code !== 0) return fail(result.stderr.trim() || `exited ${result.code}`);
            // The reading is as of when ss ran, which is when rates must be measured from.
            latest = new TcpByteTable(parseSsTcpInfo(result.stdout), startedAt);
          },
          (error: unknown) => {
            runningSince = null;
            fail(error instanceof Error ? error.message : String(error));
          },
        );
      }
      return latest;
    },
  };
}
