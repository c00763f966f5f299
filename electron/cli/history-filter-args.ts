// The history filter flags shared by `netwatch history` and `netwatch export`: their parseArgs
// options, their usage lines, and their parsing into a HistoryFilter (bad values are usage errors).
import { historyFilterSchema, type HistoryFilter } from '../../shared/contract';
import { UsageError } from './cli-command';

const str = { type: 'string' } as const;

export const HISTORY_FILTER_OPTIONS = {
  program: str,
  'program-id': str,
  remote: str,
  port: str,
  proto: str,
  state: str,
  direction: str,
  since: str,
  until: str,
  country: str,
  asn: str,
  netns: str,
  unit: str,
} as const;

export const HISTORY_FILTER_USAGE = `Filters (all optional, combined with AND):
  --program TEXT      executable path or process name contains TEXT
  --program-id N      one program by its id (see \`netwatch programs\`)
  --remote ADDR|HOST  remote address (exact) or host name (contains)
  --port N            local or remote port
  --proto tcp|udp|raw
  --state STATE       last state seen (ESTABLISHED, TIME_WAIT, LISTEN, ...)
  --direction listen|inbound|outbound
  --since TIME        started at or after TIME: 2025-01-31, 2025-01-31T08:00, or 90s, 15m, 2h, 7d ago
  --until TIME        started at or before TIME
  --country CC        remote address in country CC (ISO code, e.g. DE), or a scope: private,
                      loopback, cgnat, link-local, multicast, documentation
  --asn N             remote address in AS N (15169 or AS15169)
  --netns NAME        in the network namespace NAME (an \`ip netns\` name or net:[inode]; collector)
  --unit TEXT         container or systemd unit contains TEXT (docker:…, podman:…, unit:sshd.service)
`;

const AGO = /^(\d{1,9})(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "15m" (ago) or an ISO date/time, in ms since the epoch; null when it is neither. */
export function parseTime(text: string, now: number = Date.now()): number | null {
  const ago = AGO.exec(text);
  if (ago) return now - Number(ago[1]) * UNIT_MS[ago[2] as keyof typeof UNIT_MS];
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** "de" and "DE" are Germany; a scope word stays lowercase. */
function country(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return /^[a-z]{2}$/i.test(text) ? text.toUpperCase() : text.toLowerCase();
}

/** "AS15169", "as15169" or "15169"; anything else is left for the schema to refuse. */
function asNumber(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  const m = /^(?:as)?(\d{1,10})$/i.exec(text);
  return m ? Number(m[1]) : text;
}

export type FlagValues = Record<string, string | boolean | undefined>;

/** The filter the flags describe; `command` names the subcommand in messages and the help hint. */
export function historyFilterOf(values: FlagValues, command: string): HistoryFilter {
  const usage = (message: string): UsageError =>
    new UsageError(`${command}: ${message}`, `netwatch ${command} --help`);
  const number = (name: string): number | undefined => {
    const v = values[name];
    if (typeof v !== 'string') return undefined;
    if (!/^\d{1,10}$/.test(v))
      throw usage(`--${name}: expected a number, got ${JSON.stringify(v.slice(0, 20))}`);
    return Number(v);
  };
  const time = (name: string): number | undefined => {
    const v = values[name];
    if (typeof v !== 'string') return undefined;
    const ms = parseTime(v);
    if (ms === null)
      throw usage(
        `--${name}: expected a date/time or 90s, 15m, 2h, 7d; got ${JSON.stringify(v.slice(0, 40))}`,
      );
    return ms;
  };
  const text = (name: string): string | undefined =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  const raw = {
    programId: number('program-id'),
    program: text('program'),
    remote: text('remote'),
    port: number('port'),
    proto: text('proto'),
    state: text('state'),
    direction: text('direction'),
    from: time('since'),
    to: time('until'),
    country: country(text('country')),
    asn: asNumber(text('asn')),
    netns: text('netns'),
    unit: text('unit'),
  };
  const parsed = historyFilterSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'filter');
    throw usage(`${field}: ${issue?.message ?? 'not valid'}`);
  }
  return parsed.data;
}
