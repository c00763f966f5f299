// `netwatch programs`: every program seen with a network connection, from the history database:
// first and last seen, connections, user, hash, path. A table, or --json.
import { parseArgs } from 'node:util';
import { openReadingSource } from '../reading-api';
import { EXIT, UsageError, type CliCommand } from '../cli-command';
import { padLeft, padRight, terminalText } from '../../../shared/terminal-text';
import { formatTime } from './history';

export const PROGRAMS_USAGE = `usage: netwatch programs [--db PATH] [--json]

Lists the programs netwatch has seen using the network (a program is its executable path
plus the SHA-256 of the binary), most recently seen first.

  --db PATH   history database (default: the per-user data folder; NETWATCH_DB overrides)
  --json      one JSON array of program records
`;

export const programsCommand: CliCommand = {
  name: 'programs',
  summary: 'list the programs seen using the network, from the history',
  async run(args, io) {
    let values: { db?: string; json?: boolean; help?: boolean };
    try {
      ({ values } = parseArgs({
        args,
        options: { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(
        `programs: ${error instanceof Error ? error.message : String(error)}`,
        'netwatch programs --help',
      );
    }
    if (values.help) {
      io.out(PROGRAMS_USAGE);
      return EXIT.ok;
    }
    const source = await openReadingSource(io, values.db);
    try {
      const programs = await source.api.programs.list({});
      if (values.json) {
        io.out(JSON.stringify(programs) + '\n');
        return EXIT.ok;
      }
      const lines = [
        `${padRight('ID', 5)} ${padRight('NAME', 16)} ${padRight('FIRST SEEN', 19)} ${padRight('LAST SEEN', 19)} ${padLeft('CONNS', 7)} ${padRight('USER', 10)} ${padRight('SHA256', 12)} EXE`,
      ];
      for (const p of programs) {
        const flags = [p.baseline ? 'baseline' : '', p.trusted ? 'trusted' : ''].filter(Boolean).join(',');
        lines.push(
          [
            padRight(String(p.id), 5),
            padRight(terminalText(p.name), 16),
            padRight(formatTime(p.firstSeen), 19),
            padRight(formatTime(p.lastSeen), 19),
            padLeft(String(p.connectionsTotal), 7),
            padRight(terminalText(p.user ?? '-'), 10),
            padRight(p.sha256 ? p.sha256.slice(0, 12) : '(unread)', 12),
            terminalText(p.exe) + (flags ? `  [${flags}]` : ''),
          ].join(' '),
        );
      }
      if (programs.length === 0) lines.push('(no programs recorded yet: run `netwatch record` or the app)');
      io.out(lines.join('\n') + '\n');
      return EXIT.ok;
    } finally {
      await source.close();
    }
  },
};
