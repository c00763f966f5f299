// The subcommands of `netwatch`, one line each; with no subcommand (or only flags) it is the
// netstat-style listing. Adding a command: a file in commands/ and a line here.
import type { CliCommand } from './cli-command';
import { netstatCommand } from './commands/netstat';
import { serveCommand } from './commands/serve';
import { recordCommand } from './commands/record';
import { historyCommand } from './commands/history';
import { programsCommand } from './commands/programs';
import { exportCommand } from './commands/export';
import { remotesCommand } from './commands/remotes';
import { topCommand } from './commands/top';
import { alertsCommand } from './commands/alerts';
import { ackCommand } from './commands/ack';
import { ignoreCommand, muteCommand, trustCommand } from './commands/rule-commands';
import { rulesCommand } from './commands/rules';
import { collectorCommand } from './commands/collector';

/** What `netwatch` alone, `netwatch -tunap` or `netwatch 2` runs. */
export const defaultCommand: CliCommand = netstatCommand;

export const commands: readonly CliCommand[] = [
  serveCommand,
  recordCommand,
  historyCommand,
  programsCommand,
  exportCommand,
  remotesCommand,
  topCommand,
  alertsCommand,
  ackCommand,
  trustCommand,
  ignoreCommand,
  muteCommand,
  rulesCommand,
  collectorCommand,
];
