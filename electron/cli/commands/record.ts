// `netwatch record`: runs the history loop headless (sample -> monitor -> store) until Ctrl+C,
// then writes the last tick and closes the database cleanly.
import { parseArgs } from 'node:util';
import { createService } from '../../core/service';
import { resolveDbPath } from '../../core/store/data-paths';
import { checkDatabasePath } from '../../core/store/database-path';
import { EXIT, UsageError, type CliCommand } from '../cli-command';
import { eventsText } from '../events-text';
import {
  FLEET_OPTIONS,
  FLEET_USAGE,
  parseFleetOutputs,
  startFleetOutputs,
  type FleetOutputs,
} from '../fleet-outputs';
import { terminalText } from '../../../shared/terminal-text';

export const RECORD_USAGE = `usage: netwatch record [--db PATH] [--interval MS] [--metrics HOST:PORT] [--events FILE|-]

Records every connection, the program behind it and per-minute series into the history
database until stopped with Ctrl+C, and raises alerts as it records (one line each on stderr;
see \`netwatch alerts\`).

  --db PATH       history database (default: the per-user data folder; NETWATCH_DB overrides)
  --interval MS   sampling interval in milliseconds, 250 to 60000 (default: the setting, 1000)
${FLEET_USAGE}`;

export const recordCommand: CliCommand = {
  name: 'record',
  stopsOnSignal: true,
  summary: 'record connection history into the database until Ctrl+C',
  async run(args, io) {
    let values: { db?: string; interval?: string; metrics?: string; events?: string; help?: boolean };
    try {
      ({ values } = parseArgs({
        args,
        options: {
          db: { type: 'string' },
          interval: { type: 'string' },
          ...FLEET_OPTIONS,
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(
        `record: ${error instanceof Error ? error.message : String(error)}`,
        'netwatch record --help',
      );
    }
    if (values.help) {
      io.out(RECORD_USAGE);
      return EXIT.ok;
    }
    let intervalMs: number | undefined;
    if (values.interval !== undefined) {
      intervalMs = /^\d{1,5}$/.test(values.interval) ? Number(values.interval) : NaN;
      if (!(intervalMs >= 250 && intervalMs <= 60_000)) {
        throw new UsageError(
          `record: --interval: expected milliseconds from 250 to 60000, got ${JSON.stringify(values.interval.slice(0, 20))}`,
          'netwatch record --help',
        );
      }
    }
    if (values.db !== undefined && values.db.trim() === '') {
      throw new UsageError('record: --db: expected a file path', 'netwatch record --help');
    }
    const fleet = parseFleetOutputs(values);
    if (!fleet.ok) throw new UsageError(`record: ${fleet.message}`, 'netwatch record --help');
    const dbPath = resolveDbPath({ flag: values.db, env: io.env });
    if (io.signal.aborted) return EXIT.ok;
    // Refused (a FIFO, a file that is not SQLite) before bpftrace starts: nothing is left running.
    checkDatabasePath(dbPath);
    const sampler = io.createSampler({ events: true });
    let service: Awaited<ReturnType<typeof createService>>;
    try {
      service = await createService({
        dbPath,
        intervalMs,
        sampler,
        onNotice: (message) => io.err(`netwatch: ${terminalText(message)}\n`),
        notify: (message) => io.err(`netwatch: ${terminalText(message)}\n`),
      });
    } catch (error) {
      sampler.close(); // the event feed's bpftrace would otherwise keep this process alive
      throw error;
    }
    let outputs: FleetOutputs;
    try {
      outputs = await startFleetOutputs(service, fleet.options, {
        log: (m) => io.err(`netwatch: ${terminalText(m)}\n`),
      });
    } catch (error) {
      await service.close();
      io.err(`netwatch: ${terminalText(error instanceof Error ? error.message : String(error))}\n`);
      return EXIT.failure;
    }
    if (outputs.metricsUrl) io.err(`netwatch: metrics at ${terminalText(outputs.metricsUrl)}\n`);
    const status = service.context.status();
    io.err(
      `netwatch: recording into ${terminalText(dbPath)} every ${status.intervalMs} ms; ` +
        `${eventsText((await sampler.eventsReady?.()) ?? null)}; Ctrl+C stops\n`,
    );
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const ticks = service.context.monitor.tickCount;
    await service.close();
    await outputs.close();
    io.err(`netwatch: stopped after ${ticks} ticks; history closed cleanly\n`);
    return EXIT.ok;
  },
};
