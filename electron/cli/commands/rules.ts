// `netwatch rules`: the rules that quiet alerts (trusted programs, ignored addresses and ports,
// muted kinds), and `--remove ID` to delete one.
import { parseArgs } from 'node:util';
import { openReadingSource, type ReadingApi } from '../reading-api';
import { EXIT, UsageError, type CliCommand } from '../cli-command';
import { padLeft, padRight, terminalText } from '../../../shared/terminal-text';
import { formatTime } from './history';

export const RULES_USAGE = `usage: netwatch rules [--json] [--remove ID] [--db PATH]

Lists the rules that quiet alerts (add them with \`netwatch trust\` and \`netwatch ignore\`, or
in the app's Settings).

  --remove ID   delete rule ID
  --json        one JSON array of rule records
  --db PATH     history database (default: the per-user data folder; NETWATCH_DB overrides)
`;

export const rulesCommand: CliCommand = {
  name: 'rules',
  summary: 'list the rules that quiet alerts (--remove ID: delete one)',
  async run(args, io) {
    const usage = (message: string) => new UsageError(`rules: ${message}`, 'netwatch rules --help');
    let values: { json?: boolean; remove?: string; db?: string; help?: boolean };
    try {
      ({ values } = parseArgs({
        args,
        options: {
          json: { type: 'boolean' },
          remove: { type: 'string' },
          db: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw usage(error instanceof Error ? error.message : String(error));
    }
    if (values.help) {
      io.out(RULES_USAGE);
      return EXIT.ok;
    }
    const source = await openReadingSource(io, values.db);
    try {
      return await listOrRemove(source.api);
    } finally {
      await source.close();
    }

    async function listOrRemove(api: ReadingApi): Promise<number> {
      if (values.remove !== undefined) {
        const id = /^\d{1,15}$/.test(values.remove) ? Number(values.remove) : NaN;
        if (!(id >= 1))
          throw usage(`--remove: expected a rule id, got ${JSON.stringify(values.remove.slice(0, 20))}`);
        if (!(await api.rules.remove({ id }))) {
          io.err(`netwatch: rules: no rule #${id}\n`);
          return EXIT.failure;
        }
        io.out(`removed rule #${id}\n`);
        return EXIT.ok;
      }
      const rules = await api.rules.list({});
      if (values.json) {
        io.out(JSON.stringify(rules) + '\n');
        return EXIT.ok;
      }
      const lines = [`${padLeft('ID', 5)} ${padRight('KIND', 14)} ${padRight('ADDED', 19)} VALUE`];
      for (const r of rules) {
        const note = r.note ? `  (${terminalText(r.note)})` : '';
        lines.push(
          `${padLeft(String(r.id), 5)} ${padRight(r.kind, 14)} ${padRight(formatTime(r.createdAt), 19)} ${terminalText(r.value)}${note}`,
        );
      }
      if (rules.length === 0) lines.push('(no rules)');
      io.out(lines.join('\n') + '\n');
      return EXIT.ok;
    }
  },
};
