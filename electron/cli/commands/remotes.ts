// `netwatch remotes`: the sysadmin's "who is hammering this machine?" without the awk pipeline
// (`netstat -ntu | awk '{print $5}' | cut -d: -f1 | sort | uniq -c | sort -rn`, and
// `netstat -n | grep -c SYN_RECV`): connections per remote address now, and half-open ones, with
// the addresses past the flood thresholds marked. Once, or every interval.
import { parseArgs } from 'node:util';
import type { ContractHandlers, RemoteCount } from '../../../shared/contract';
import { connectCollector } from '../../core/collector/core-or-collector';
import { countRemotes } from '../../core/monitor/remote-counts';
import { ReverseDns } from '../../core/resolve/reverse-dns';
import type { Sampler } from '../../core/sampler/sampler';
import { defaultSettings } from '../../core/store/settings-store';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../cli-command';
import { repeatUntilStopped } from '../repeat-until-stopped';
import { padLeft, terminalText } from '../../../shared/terminal-text';

export const REMOTES_USAGE = `usage: netwatch remotes [-n] [--top N] [--flood N] [--syn N] [--json] [interval]

Counts the sockets open now per remote address, most first: all of them, the established ones
and the half-open ones (SYN_RECV). An address with more than --flood established connections is
marked, and so is a SYN_RECV total above --syn: the usual signs of a flood. With an interval in
seconds (or -c, every second) it repeats until Ctrl+C.

  -n, --numeric   addresses only (no host names)
  --top N         addresses shown (default 20)
  --flood N       established connections from one address that make a flood (default ${defaultSettings.floodRemoteThreshold})
  --syn N         SYN_RECV sockets that make a SYN flood (default ${defaultSettings.synRecvThreshold})
  --json          one JSON object per listing: remotes, synRecv, thresholds
  -c              repeat every second
`;

interface RemotesOptions {
  numeric: boolean;
  top: number;
  flood: number;
  syn: number;
  json: boolean;
  intervalSeconds: number | null;
}

function usage(message: string): UsageError {
  return new UsageError(`remotes: ${message}`, 'netwatch remotes --help');
}

function count(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,7}$/.test(text) || Number(text) < min)
    throw usage(
      `${flag}: expected a whole number of at least ${min}, got ${JSON.stringify(text.slice(0, 20))}`,
    );
  return Number(text);
}

export function parseRemotesArgs(args: readonly string[]): RemotesOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: [...args],
      options: {
        numeric: { type: 'boolean', short: 'n' },
        top: { type: 'string' },
        flood: { type: 'string' },
        syn: { type: 'string' },
        json: { type: 'boolean' },
        continuous: { type: 'boolean', short: 'c' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  try {
    parsed = parse();
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1) throw usage(`one interval at most, got ${positionals.length} arguments`);
  let intervalSeconds: number | null = values.continuous ? 1 : null;
  if (positionals.length === 1) {
    const text = positionals[0]!;
    if (!/^\d{1,5}$/.test(text) || Number(text) < 1)
      throw usage(`the interval is whole seconds from 1, got ${JSON.stringify(text.slice(0, 20))}`);
    intervalSeconds = Number(text);
  }
  return {
    numeric: values.numeric ?? false,
    top: count('--top', values.top, 20, 1),
    flood: count('--flood', values.flood, defaultSettings.floodRemoteThreshold, 1),
    syn: count('--syn', values.syn, defaultSettings.synRecvThreshold, 1),
    json: values.json ?? false,
    intervalSeconds,
  };
}

/** The table a person reads; names are validated by the resolver and escaped for the terminal. */
export function formatRemotes(
  remotes: readonly RemoteCount[],
  synRecv: number,
  options: Pick<RemotesOptions, 'flood' | 'syn'>,
  hostOf: (address: string) => string | null,
): string {
  const lines = [`Sockets per remote address now (flood: more than ${options.flood} established)`];
  lines.push(`${padLeft('Total', 7)} ${padLeft('Estab', 7)} ${padLeft('SynRecv', 7)}  Remote`);
  for (const r of remotes) {
    const host = hostOf(r.address);
    const name = host === null ? r.address : `${terminalText(host)} (${r.address})`;
    const mark = r.established > options.flood ? '  <- flood' : '';
    lines.push(
      `${padLeft(String(r.count), 7)} ${padLeft(String(r.established), 7)} ${padLeft(String(r.synRecv), 7)}  ${name}${mark}`,
    );
  }
  if (remotes.length === 0) lines.push('  (no connected sockets)');
  const synMark = synRecv > options.syn ? '  <- SYN flood' : '';
  lines.push(`SYN_RECV sockets now: ${synRecv} (SYN flood: more than ${options.syn})${synMark}`);
  return lines.join('\n') + '\n';
}

interface RemotesNow {
  remotes: RemoteCount[];
  synRecv: number;
}
type ReadRemotes = (top: number) => Promise<RemotesNow>;

/** This user's own sampler: the sockets open now in this network namespace. */
const fromSampler =
  (sampler: Sampler): ReadRemotes =>
  async (top) => {
    const { sockets } = await sampler.sample();
    let synRecv = 0;
    for (const s of sockets) if (s.state === 'SYN_RECV') synRecv++;
    return { remotes: countRemotes(sockets, top), synRecv };
  };

/**
 * The system collector's live connections (every user, every namespace), through the contract.
 * The SYN_RECV total is summed over the most remotes one call gives (1000).
 */
const fromCollector =
  (network: Pick<ContractHandlers['network'], 'topRemotes'>): ReadRemotes =>
  async (top) => {
    const remotes = await network.topRemotes({ limit: 1000 });
    const synRecv = remotes.reduce((sum, r) => sum + r.synRecv, 0);
    return { remotes: remotes.slice(0, top), synRecv };
  };

async function listOnce(read: ReadRemotes, options: RemotesOptions, io: CliIo, dns: ReverseDns | null) {
  const { remotes, synRecv } = await read(options.top);
  if (options.json) {
    io.out(
      JSON.stringify({ remotes, synRecv, floodThreshold: options.flood, synThreshold: options.syn }) + '\n',
    );
    return;
  }
  const known = new Map(remotes.map((r) => [r.address, r.host]));
  // Names the cache has, after a short bounded wait; the rest show as numbers.
  if (dns) await dns.resolveWithin(new Set(remotes.filter((r) => !r.host).map((r) => r.address)), 300);
  if (io.signal.aborted) return;
  const hostOf = (address: string) =>
    options.numeric ? null : (known.get(address) ?? dns?.peek(address) ?? null);
  io.out(formatRemotes(remotes, synRecv, options, hostOf));
}

export const remotesCommand: CliCommand = {
  name: 'remotes',
  stopsOnSignal: true,
  summary: 'connections per remote address now, and SYN_RECV: signs of a flood',
  async run(args, io) {
    const options = parseRemotesArgs(args);
    if (options === 'help') {
      io.out(REMOTES_USAGE);
      return EXIT.ok;
    }
    // The system collector when it answers (every user, every namespace), else this user's sampler.
    const collector = await connectCollector(io.env, (m) => io.err(`netwatch: ${terminalText(m)}\n`));
    const sampler = collector ? null : io.createSampler();
    const read = collector ? fromCollector(collector.handlers.network) : fromSampler(sampler!);
    const dns = options.numeric || options.json ? null : new ReverseDns();
    try {
      if (options.intervalSeconds === null) await listOnce(read, options, io, dns);
      else
        await repeatUntilStopped(options.intervalSeconds * 1000, io.signal, () =>
          listOnce(read, options, io, dns),
        );
    } finally {
      sampler?.close();
      await collector?.close();
      dns?.close();
    }
    return EXIT.ok;
  },
};
