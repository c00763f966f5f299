// `netwatch collector run|install|uninstall|status`: the system collector. `run` is what the
// systemd unit starts (journal lines on stderr, exit 0 on SIGTERM, 1 on failure); install and
// uninstall set it up for people who run netwatch from npm or an AppImage.
import { parseArgs } from 'node:util';
import { collectorPaths } from '../../core/collector/collector-paths';
import { journalLine, startCollector, type LogLevel } from '../../core/collector/run-collector';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../cli-command';
import {
  FLEET_OPTIONS,
  FLEET_USAGE,
  parseFleetOutputs,
  startFleetOutputs,
  type FleetOutputOptions,
  type FleetOutputs,
} from '../fleet-outputs';
import { collectorStatus, installCollector, uninstallCollector } from './collector-setup';

export const COLLECTOR_USAGE = `usage: netwatch collector run|install|uninstall|status [options]

The system collector records every user's connections in every network namespace into
/var/lib/netwatch/netwatch.db and serves the app, \`netwatch serve\` and the CLI on
/run/netwatch/netwatch.sock (root and members of the group netwatch only).

  run         run in the foreground (what the systemd unit starts)
  install     as root: write the systemd unit, create the group, enable and start the service
  uninstall   as root: stop, disable and remove the unit (the database is kept)
  status      whether it runs and answers, and what it records

  --socket PATH   the socket (NETWATCH_COLLECTOR_SOCKET)
  --db PATH       the system database (NETWATCH_COLLECTOR_DB)
  --group NAME    the group allowed to connect (NETWATCH_COLLECTOR_GROUP; default netwatch)

run only:
${FLEET_USAGE}`;

async function run(
  paths: ReturnType<typeof collectorPaths>,
  fleet: FleetOutputOptions,
  io: CliIo,
): Promise<number> {
  const log = (level: LogLevel, message: string) => io.err(journalLine(level, message));
  if (process.getuid?.() !== 0)
    log('warning', 'not running as root: other users’ sockets will have no owner');
  let collector;
  try {
    collector = await startCollector({ ...paths, log });
  } catch (error) {
    log('error', `cannot start: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }
  let outputs: FleetOutputs;
  try {
    outputs = await startFleetOutputs(collector.core, fleet, { log: (m) => log('warning', m) });
  } catch (error) {
    await collector.close();
    log('error', `cannot start: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }
  if (outputs.metricsUrl) log('info', `metrics at ${outputs.metricsUrl}`);
  if (fleet.events !== null) log('info', `events to ${fleet.events === '-' ? 'stdout' : fleet.events}`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  log('info', `stopping (${String(io.signal.reason)})`);
  await collector.close();
  await outputs.close();
  return EXIT.ok;
}

export const collectorCommand: CliCommand = {
  name: 'collector',
  summary: 'the system collector: run, install, uninstall, status',
  // run ends cleanly on SIGTERM (systemd's stop): last tick written, socket removed, event file
  // flushed; the short actions keep the signals' default and end at once.
  stopsOnSignal: (args) => args.includes('run'),
  async run(args, io) {
    const usage = (message: string) => new UsageError(`collector: ${message}`, 'netwatch collector --help');
    let values: {
      socket?: string;
      db?: string;
      group?: string;
      metrics?: string;
      events?: string;
      help?: boolean;
    };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args,
        options: {
          socket: { type: 'string' },
          db: { type: 'string' },
          group: { type: 'string' },
          ...FLEET_OPTIONS,
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: true,
      }));
    } catch (error) {
      throw usage(error instanceof Error ? error.message : String(error));
    }
    if (values.help) {
      io.out(COLLECTOR_USAGE);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw usage('expected one of run, install, uninstall, status');
    if (values.group !== undefined && !/^[a-z_][a-z0-9_-]{0,31}$/.test(values.group))
      throw usage('--group: expected a group name');
    const fleet = parseFleetOutputs(values);
    if (!fleet.ok) throw usage(fleet.message);
    const action = positionals[0];
    if (action !== 'run' && (fleet.options.metrics !== null || fleet.options.events !== null))
      throw usage('--metrics and --events go with run (add them to the unit with systemctl edit)');
    const paths = collectorPaths(values, io.env);
    switch (action) {
      case 'run':
        return run(paths, fleet.options, io);
      case 'install':
        return installCollector(paths, io);
      case 'uninstall':
        return uninstallCollector(io);
      case 'status':
        return collectorStatus(paths, io);
      default:
        throw usage(`unknown action ${JSON.stringify(action!.slice(0, 20))}`);
    }
  },
};
