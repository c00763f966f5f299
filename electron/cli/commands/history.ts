// `netwatch history`: connections from the history database, newest first, filtered by program,
// remote, port, protocol, state, direction and time. A table, or --json (streamed with --all).
import { parseArgs } from 'node:util';
import type { ConnectionRecord } from '../../../shared/model';
import type { ReadingApi } from '../reading-api';
import { openReadingSource } from '../reading-api';
import type { HistoryFilter } from '../../../shared/contract';
import { EXIT, UsageError, type CliCommand } from '../cli-command';
import {
  HISTORY_FILTER_OPTIONS,
  HISTORY_FILTER_USAGE,
  historyFilterOf,
  type FlagValues,
} from '../history-filter-args';
import { padRight, terminalText } from '../../../shared/terminal-text';
import { formatBytes } from '../../../shared/byte-units';

export const HISTORY_USAGE = `usage: netwatch history [filters] [--limit N | --all] [--json] [--db PATH]

Connections recorded by \`netwatch record\` or the app, newest first.

${HISTORY_FILTER_USAGE}
  --limit N           at most N rows (default 50, at most 1000)
  --all               every matching row (streamed)
  --json              JSON array of connection records
  --db PATH           history database (default: the per-user data folder; NETWATCH_DB overrides)
`;

/** Local time as "YYYY-MM-DD HH:MM:SS". */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** As netstat writes it: port 0 (a listener's or an unconnected socket's remote) is `*`. */
function endpoint(address: string, port: number, family: number): string {
  const portText = port === 0 ? '*' : String(port);
  return family === 6 ? `[${address}]:${portText}` : `${address}:${portText}`;
}

/** The name the program asked for as is; reverse DNS said to be one. */
function hostText(r: ConnectionRecord): string {
  return r.hostSource === 'asked' ? (r.remoteHost ?? '') : `${r.remoteHost ?? ''}, reverse DNS`;
}

export function historyRow(r: ConnectionRecord): string {
  const remote =
    endpoint(r.remoteAddress, r.remotePort, r.family) + (r.remoteHost ? ` (${hostText(r)})` : '');
  const owner =
    (r.pid !== null ? `${r.pid}/${r.process ?? '?'}` : (r.process ?? (r.user ? `(${r.user})` : '-'))) +
    (r.netns || r.unit ? ` [${[r.netns, r.unit].filter(Boolean).join(' ')}]` : '');
  return [
    padRight(formatTime(r.firstSeen), 19),
    padRight(r.closedAt === null ? 'open' : formatDuration(r.closedAt - r.firstSeen), 8),
    padRight(`${r.proto}${r.family === 6 ? '6' : ''}`, 5),
    padRight(terminalText(endpoint(r.localAddress, r.localPort, r.family)), 23),
    padRight(terminalText(remote), 23),
    padRight(r.state ?? '', 11),
    padRight(r.direction, 8),
    padRight(formatBytes(r.bytesSent), 9),
    padRight(formatBytes(r.bytesReceived), 9),
    terminalText(owner),
  ].join(' ');
}

const HEADER = [
  padRight('FIRST SEEN', 19),
  padRight('LASTED', 8),
  padRight('PROTO', 5),
  padRight('LOCAL ADDRESS', 23),
  padRight('REMOTE ADDRESS', 23),
  padRight('STATE', 11),
  padRight('DIR', 8),
  padRight('SENT', 9),
  padRight('RECEIVED', 9),
  'PID/PROGRAM',
].join(' ');

/** Every matching row, page by page through the contract (the collector's or the local one). */
async function* everyRow(
  api: ReadingApi,
  filter: HistoryFilter,
  signal: AbortSignal,
): AsyncIterable<ConnectionRecord> {
  let cursor = null;
  do {
    const page = await api.history.query({ filter, cursor, limit: 1000 });
    yield* page.rows;
    cursor = page.next;
  } while (cursor !== null && !signal.aborted);
}

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'list recorded connections, newest first, with filters',
  async run(args, io) {
    let values: FlagValues;
    try {
      const str = { type: 'string' } as const;
      ({ values } = parseArgs({
        args,
        options: {
          ...HISTORY_FILTER_OPTIONS,
          limit: str,
          all: { type: 'boolean' },
          json: { type: 'boolean' },
          db: str,
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(
        `history: ${error instanceof Error ? error.message : String(error)}`,
        'netwatch history --help',
      );
    }
    if (values.help) {
      io.out(HISTORY_USAGE);
      return EXIT.ok;
    }
    const filter = historyFilterOf(values, 'history');
    let limit = 50;
    if (typeof values.limit === 'string') {
      limit = /^\d{1,4}$/.test(values.limit) ? Number(values.limit) : NaN;
      if (!(limit >= 1 && limit <= 1000))
        throw new UsageError('history: --limit: expected 1 to 1000', 'netwatch history --help');
      if (values.all)
        throw new UsageError('history: --limit and --all do not go together', 'netwatch history --help');
    }
    const source = await openReadingSource(io, values.db as string | undefined);
    try {
      let rows: AsyncIterable<ConnectionRecord> | ConnectionRecord[];
      let more = false;
      if (values.all) rows = everyRow(source.api, filter, io.signal);
      else {
        const page = await source.api.history.query({ filter, cursor: null, limit });
        rows = page.rows;
        more = page.next !== null;
      }
      if (values.json) {
        let first = true;
        io.out('[');
        for await (const row of rows) {
          if (io.signal.aborted) break;
          io.out((first ? '\n' : ',\n') + JSON.stringify(row));
          first = false;
        }
        io.out(first ? ']\n' : '\n]\n');
      } else {
        io.out(HEADER + '\n');
        let n = 0;
        for await (const row of rows) {
          if (io.signal.aborted) break;
          io.out(historyRow(row) + '\n');
          n++;
        }
        if (n === 0) io.err('netwatch: no connections match\n');
      }
      if (more) io.err(`netwatch: showing the newest ${limit}; --limit N or --all for more\n`);
      return EXIT.ok;
    } finally {
      await source.close();
    }
  },
};
