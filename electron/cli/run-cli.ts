// The `netwatch` dispatcher: a subcommand from the table, or else the netstat listing. Turns a
// usage error into one line plus a hint (exit 2), and any other failure into one line (exit 1).
import { UnsupportedPlatformError } from '../core/sampler/sampler';
import { DatabasePathRefusedError } from '../core/store/database-path';
import { EXIT, UsageError, type CliCommand, type CliIo } from './cli-command';
import { commands, defaultCommand } from './command-table';
import { NETSTAT_SWITCHES } from './netstat-usage';
import { terminalText } from '../../shared/terminal-text';

export function generalUsage(): string {
  const width = commands.reduce((w, c) => Math.max(w, c.name.length), 0);
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return (
    'Usage: netwatch [switches] [interval]     list sockets, like netstat\n' +
    (commands.length > 0 ? '       netwatch <command> [args]         (netwatch <command> --help)\n' : '') +
    '\n' +
    NETSTAT_SWITCHES +
    '\n' +
    (commands.length > 0 ? `\nCommands:\n${list}\n` : '')
  );
}

function namedCommand(argv: readonly string[]): CliCommand | undefined {
  return argv[0] === undefined ? undefined : commands.find((c) => c.name === argv[0]);
}

/** Whether the command the arguments name ends cleanly by io.signal (see CliCommand.stopsOnSignal). */
export function stopsOnSignal(argv: readonly string[]): boolean {
  const named = namedCommand(argv);
  if (named) {
    const stops = named.stopsOnSignal;
    return typeof stops === 'function' ? stops(argv.slice(1)) : stops === true;
  }
  return argv[0] === undefined || !/^[a-z][a-z-]*$/.test(argv[0])
    ? defaultCommand.stopsOnSignal === true
    : false;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const rest = argv.slice(1);
  const named = namedCommand(argv);
  const first = argv[0];
  try {
    if (named) return await named.run(rest, io);
    if (first !== undefined && /^[a-z][a-z-]*$/.test(first)) {
      throw new UsageError(`unknown command '${first}'`);
    }
    if (argv.includes('--help') || argv.includes('-h')) {
      io.out(generalUsage());
      return EXIT.ok;
    }
    return await defaultCommand.run([...argv], io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`netwatch: ${terminalText(error.message)}\nTry '${error.helpCommand}' for more information.\n`);
      return EXIT.usage;
    }
    if (error instanceof UnsupportedPlatformError) {
      io.err(`netwatch: ${error.message}\nTry 'netwatch --help' for more information.\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`netwatch: ${terminalText(message)}\n`);
    // A --db that is no database file is a wrong argument, like a bad flag: nothing was touched.
    return error instanceof DatabasePathRefusedError ? EXIT.usage : EXIT.failure;
  }
}
