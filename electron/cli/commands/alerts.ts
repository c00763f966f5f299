// `netwatch alerts`: the alerts in the history database, unread first (only unread unless --all).
// A table, or --json. Reads beside a running recorder without disturbing it.
import { parseArgs } from 'node:util';
import type { AlertRecord } from '../../../shared/model';
import { DEFAULT_LIST_LIMIT } from '../../core/alerts/alert-repository';
import { openReadingSource } from '../reading-api';
import { EXIT, UsageError, type CliCommand } from '../cli-command';
import { padLeft, padRight, terminalText } from '../../../shared/terminal-text';
import { formatTime } from './history';

export const ALERTS_USAGE = `usage: netwatch alerts [--all] [--json] [--limit N] [--db PATH]

Lists the alerts netwatch raised (new programs, changed binaries, new listeners, floods),
unread first, newest first. Acknowledge one with \`netwatch ack ID\`.

  --all       acknowledged alerts too (default: unread only)
  --json      one JSON array of alert records
  --limit N   at most N alerts (default ${DEFAULT_LIST_LIMIT}, at most 5000)
  --db PATH   history database (default: the per-user data folder; NETWATCH_DB overrides)
`;

function alertRow(a: AlertRecord): string {
  return [
    padLeft(String(a.id), 5),
    padRight(a.acknowledged ? 'read' : 'UNREAD', 6),
    padRight(a.severity, 6),
    padRight(a.kind, 15),
    padLeft(String(a.count), 5),
    padRight(formatTime(a.lastAt), 19),
    terminalText(a.message),
  ].join(' ');
}

export const alertsCommand: CliCommand = {
  name: 'alerts',
  summary: 'list the alerts raised, unread first (--all: acknowledged too)',
  async run(args, io) {
    let values: { all?: boolean; json?: boolean; limit?: string; db?: string; help?: boolean };
    try {
      ({ values } = parseArgs({
        args,
        options: {
          all: { type: 'boolean' },
          json: { type: 'boolean' },
          limit: { type: 'string' },
          db: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(
        `alerts: ${error instanceof Error ? error.message : String(error)}`,
        'netwatch alerts --help',
      );
    }
    if (values.help) {
      io.out(ALERTS_USAGE);
      return EXIT.ok;
    }
    let limit = DEFAULT_LIST_LIMIT;
    if (values.limit !== undefined) {
      limit = /^\d{1,4}$/.test(values.limit) ? Number(values.limit) : NaN;
      if (!(limit >= 1 && limit <= 5000)) {
        throw new UsageError(
          `alerts: --limit: expected 1 to 5000, got ${JSON.stringify(values.limit.slice(0, 20))}`,
          'netwatch alerts --help',
        );
      }
    }
    const source = await openReadingSource(io, values.db);
    try {
      const alerts = await source.api.alerts.list({ all: values.all === true, limit });
      if (values.json) {
        io.out(JSON.stringify(alerts) + '\n');
        return EXIT.ok;
      }
      const header = `${padLeft('ID', 5)} ${padRight('STATE', 6)} ${padRight('LEVEL', 6)} ${padRight('KIND', 15)} ${padLeft('COUNT', 5)} ${padRight('LAST', 19)} MESSAGE`;
      const lines = [header, ...alerts.map(alertRow)];
      if (alerts.length === 0)
        lines.push(values.all ? '(no alerts yet)' : '(nothing unread; --all lists every alert)');
      io.out(lines.join('\n') + '\n');
      return EXIT.ok;
    } finally {
      await source.close();
    }
  },
};
