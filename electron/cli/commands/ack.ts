// `netwatch ack`: acknowledges alerts by id (or every unread one), in the history database, also
// while a recorder is running (a short write beside it; its unread count follows at its next tick).
import { parseArgs } from 'node:util';
import { openReadingSource } from '../reading-api';
import { EXIT, UsageError, type CliCommand } from '../cli-command';

export const ACK_USAGE = `usage: netwatch ack ID... | --all [--db PATH]

Acknowledges alerts (see \`netwatch alerts\`): they stop counting as unread, and the next
occurrence of the same thing is a new alert.

  --all       every unread alert
  --db PATH   history database (default: the per-user data folder; NETWATCH_DB overrides)
`;

export const ackCommand: CliCommand = {
  name: 'ack',
  summary: 'acknowledge alerts by id (--all: every unread one)',
  async run(args, io) {
    const usage = (message: string) => new UsageError(`ack: ${message}`, 'netwatch ack --help');
    let values: { all?: boolean; db?: string; help?: boolean };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args,
        options: { all: { type: 'boolean' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: true,
      }));
    } catch (error) {
      throw usage(error instanceof Error ? error.message : String(error));
    }
    if (values.help) {
      io.out(ACK_USAGE);
      return EXIT.ok;
    }
    const hasIds = positionals.length > 0;
    if ((values.all === true) === hasIds) throw usage('expected alert ids or --all (not both)');
    const ids = positionals.map((p) => {
      const id = /^\d{1,15}$/.test(p) ? Number(p) : NaN;
      if (!(id >= 1))
        throw usage(`expected an alert id (a positive number), got ${JSON.stringify(p.slice(0, 20))}`);
      return id;
    });
    const source = await openReadingSource(io, values.db);
    try {
      const alerts = source.api.alerts;
      if (values.all) {
        const n = await alerts.ackAll({});
        io.out(`acknowledged ${n} alert${n === 1 ? '' : 's'}\n`);
        return EXIT.ok;
      }
      let missing = 0;
      for (const id of ids) {
        if (await alerts.ack({ id })) io.out(`acknowledged alert #${id}\n`);
        else if ((await alerts.list({ all: true, limit: 5000 })).some((a) => a.id === id))
          io.out(`alert #${id} was already acknowledged\n`);
        else {
          io.err(`netwatch: ack: no alert #${id}\n`);
          missing++;
        }
      }
      return missing > 0 ? EXIT.failure : EXIT.ok;
    } finally {
      await source.close();
    }
  },
};
