// `netwatch top`: which program uses the network now, as nethogs shows it: send and receive
// rates per process over an interval, from the kernel's TCP byte counters. Once (after one
// interval), or every interval until Ctrl+C; a table or --json.
import { parseArgs } from 'node:util';
import { formatBytes, formatRate } from '../../../shared/byte-units';
import { programRates, type ProgramRate } from '../../core/monitor/program-rates';
import type { Sampler } from '../../core/sampler/sampler';
import type { Snapshot } from '../../../shared/model';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../cli-command';
import { padLeft, padRight, terminalText } from '../../../shared/terminal-text';
import { setTimeout as sleep } from 'node:timers/promises';

export const TOP_USAGE = `usage: netwatch top [--top N] [--json] [-c] [interval]

Send and receive rates per program now, most first, measured over the interval (seconds,
default 1) from the kernel's TCP byte counters (any user may read them). Once; with -c or an
interval given, again every interval until Ctrl+C. UDP is not counted without kernel events.

  --top N     programs shown (default 20)
  --json      one JSON object per measurement: at, intervalMs, counters, programs
  -c          repeat
`;

interface TopOptions {
  top: number;
  json: boolean;
  repeat: boolean;
  intervalSeconds: number;
}

function usage(message: string): UsageError {
  return new UsageError(`top: ${message}`, 'netwatch top --help');
}

export function parseTopArgs(args: readonly string[]): TopOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        top: { type: 'string' },
        json: { type: 'boolean' },
        continuous: { type: 'boolean', short: 'c' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1) throw usage(`one interval at most, got ${positionals.length} arguments`);
  const text = positionals[0];
  if (text !== undefined && (!/^\d{1,5}$/.test(text) || Number(text) < 1))
    throw usage(`the interval is whole seconds from 1, got ${JSON.stringify(text.slice(0, 20))}`);
  const top = values.top;
  if (top !== undefined && (!/^\d{1,6}$/.test(top) || Number(top) < 1))
    throw usage(`--top: expected a whole number of at least 1, got ${JSON.stringify(top.slice(0, 20))}`);
  return {
    top: top === undefined ? 20 : Number(top),
    json: values.json ?? false,
    repeat: (values.continuous ?? false) || text !== undefined,
    intervalSeconds: text === undefined ? 1 : Number(text),
  };
}

export function formatTop(rows: readonly ProgramRate[], intervalMs: number, counters: string): string {
  const lines = [`Traffic per program over ${(intervalMs / 1000).toFixed(1)} s (TCP counters: ${counters})`];
  lines.push(
    `${padLeft('PID', 8)} ${padRight('USER', 10)} ${padLeft('SEND', 12)} ${padLeft('RECEIVE', 12)} ${padLeft('SENT', 10)} ${padLeft('RECEIVED', 10)} ${padLeft('SOCK', 5)}  PROGRAM`,
  );
  for (const r of rows) {
    lines.push(
      [
        padLeft(r.pid === null ? '-' : String(r.pid), 8),
        padRight(terminalText(r.user ?? '-'), 10),
        padLeft(formatRate(r.sendRate), 12),
        padLeft(formatRate(r.receiveRate), 12),
        padLeft(formatBytes(r.bytesSent), 10),
        padLeft(formatBytes(r.bytesReceived), 10),
        padLeft(String(r.sockets), 5),
        ` ${terminalText(r.exe ?? r.process ?? '(owner not visible)')}`,
      ].join(' '),
    );
  }
  if (rows.length === 0) lines.push('  (no TCP connection with counters)');
  return lines.join('\n') + '\n';
}

/** Prints the rates between `before` and a new reading; returns the new reading. */
async function measure(
  sampler: Sampler,
  before: Snapshot,
  options: TopOptions,
  io: CliIo,
): Promise<Snapshot> {
  const after = await sampler.sample();
  const intervalMs =
    (after.bytesReadAtMs ?? after.monotonicMs) - (before.bytesReadAtMs ?? before.monotonicMs);
  const rows = programRates(before.sockets, after.sockets, intervalMs).slice(0, options.top);
  const counters = after.byteCounters ?? 'off';
  if (options.json)
    io.out(JSON.stringify({ at: after.takenAt, intervalMs, counters, programs: rows }) + '\n');
  else io.out(formatTop(rows, intervalMs, counters));
  return after;
}

/** Waits one interval; false when stopped meanwhile. */
async function waited(options: TopOptions, io: CliIo): Promise<boolean> {
  try {
    await sleep(options.intervalSeconds * 1000, undefined, { signal: io.signal });
    return true;
  } catch {
    return false;
  }
}

export const topCommand: CliCommand = {
  name: 'top',
  stopsOnSignal: true,
  summary: 'send and receive rates per program now, like nethogs',
  async run(args, io) {
    const options = parseTopArgs(args);
    if (options === 'help') {
      io.out(TOP_USAGE);
      return EXIT.ok;
    }
    // ss (the fallback without the addon) runs at the interval: each measurement needs two readings.
    const sampler = io.createSampler();
    try {
      let last = await sampler.sample();
      if (!(await waited(options, io))) return EXIT.ok;
      last = await measure(sampler, last, options, io);
      while (options.repeat && (await waited(options, io))) last = await measure(sampler, last, options, io);
    } finally {
      sampler.close();
    }
    return EXIT.ok;
  },
};
