// Linux netstat's switches (-a -l -t -u -w -n -p -e -r -s -i -c -4 -6, combined as -tunap, and a
// trailing interval in seconds), Windows' -o (PID column) and -b (executable path), and --json.
import { UsageError } from './cli-command';

export type NetstatMode = 'sockets' | 'routes' | 'statistics' | 'interfaces';

export interface NetstatOptions {
  mode: NetstatMode;
  all: boolean;
  listening: boolean;
  tcp: boolean;
  udp: boolean;
  raw: boolean;
  numeric: boolean;
  /** -p: PID/Program name column. */
  programs: boolean;
  /** -e: User and Inode columns (with -i: ifconfig-style blocks). */
  extend: boolean;
  /** -o: a PID column. */
  pidColumn: boolean;
  /** -b: the executable path column. */
  exePath: boolean;
  family: 4 | 6 | null;
  json: boolean;
  /** Seconds between listings; null: list once. */
  interval: number | null;
  help: boolean;
}

type Flag = Exclude<keyof NetstatOptions, 'mode' | 'family' | 'interval'>;

const SHORT: Record<string, Flag | Exclude<NetstatMode, 'sockets'> | 'continuous' | '4' | '6'> = {
  a: 'all',
  l: 'listening',
  t: 'tcp',
  u: 'udp',
  w: 'raw',
  n: 'numeric',
  p: 'programs',
  e: 'extend',
  o: 'pidColumn',
  b: 'exePath',
  r: 'routes',
  s: 'statistics',
  i: 'interfaces',
  c: 'continuous',
  h: 'help',
  '4': '4',
  '6': '6',
};

const LONG: Record<string, string> = {
  all: 'a',
  listening: 'l',
  tcp: 't',
  udp: 'u',
  raw: 'w',
  numeric: 'n',
  program: 'p',
  programs: 'p',
  extend: 'e',
  pid: 'o',
  exe: 'b',
  route: 'r',
  statistics: 's',
  interfaces: 'i',
  continuous: 'c',
  help: 'h',
  inet: '4',
  inet6: '6',
};

/** Longest interval accepted (a day): anything beyond is more likely a typo than a wish. */
const MAX_INTERVAL_SECONDS = 86_400;

export function parseInterval(text: string): number {
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new UsageError(`bad interval '${text.slice(0, 40)}': expected seconds, e.g. 2 or 0.5`);
  }
  const seconds = Number(text);
  if (!(seconds >= 0.1 && seconds <= MAX_INTERVAL_SECONDS)) {
    throw new UsageError(`bad interval '${text}': between 0.1 and ${MAX_INTERVAL_SECONDS} seconds`);
  }
  return seconds;
}

export function parseNetstatArgs(args: readonly string[]): NetstatOptions {
  const options: NetstatOptions = {
    mode: 'sockets',
    all: false,
    listening: false,
    tcp: false,
    udp: false,
    raw: false,
    numeric: false,
    programs: false,
    extend: false,
    pidColumn: false,
    exePath: false,
    family: null,
    json: false,
    interval: null,
    help: false,
  };
  const modes = new Set<NetstatMode>();
  let continuous = false;
  let interval: number | null = null;

  const apply = (letter: string, shown: string): void => {
    const what = SHORT[letter];
    if (what === undefined) throw new UsageError(`unknown option ${shown}`);
    if (what === 'routes' || what === 'statistics' || what === 'interfaces') modes.add(what);
    else if (what === 'continuous') continuous = true;
    else if (what === '4' || what === '6') {
      const family = what === '4' ? 4 : 6;
      if (options.family !== null && options.family !== family)
        throw new UsageError('-4 and -6 exclude each other');
      options.family = family;
    } else options[what] = true;
  };

  for (const arg of args) {
    if (arg === '--json') options.json = true;
    else if (arg.startsWith('--')) {
      const letter = LONG[arg.slice(2)];
      if (letter === undefined) throw new UsageError(`unknown option ${arg.slice(0, 40)}`);
      apply(letter, arg);
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (const letter of arg.slice(1)) apply(letter, `-${letter}`);
    } else {
      if (interval !== null)
        throw new UsageError(`unexpected argument '${arg.slice(0, 40)}' after the interval`);
      interval = parseInterval(arg);
    }
  }
  if (modes.size > 1) throw new UsageError('choose one of -r, -s and -i');
  options.mode = [...modes][0] ?? 'sockets';
  options.interval = interval ?? (continuous ? 1 : null);
  return options;
}
