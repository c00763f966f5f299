// `netwatch collector install|uninstall|status`: sets up the systemd service for people who run
// netwatch from npm or an AppImage (packages do it in their after-install script), and reports on
// it as a service does: systemd's state, whether the socket answers, and what it records.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createExecFileRunner } from '../../core/sampler/exec-file-runner';
import type { CommandRunner } from '../../core/sampler/seams';
import type { CollectorPaths } from '../../core/collector/collector-paths';
import { groupId } from '../../core/collector/group-lookup';
import {
  CollectorAbsentError,
  CollectorRefusedError,
  connectContractClient,
} from '../../transport/unix-socket-client';
import { EXIT, type CliIo } from '../cli-command';

const execFileRunner = createExecFileRunner();

export const UNIT_NAME = 'netwatch-collector.service';
export const UNIT_PATH = `/etc/systemd/system/${UNIT_NAME}`;
/** `status` exit codes, as LSB init scripts and `systemctl status` have them. */
export const STATUS_EXIT = { running: 0, notRunning: 3, unknown: 4 } as const;

/** The unit template shipped in build/systemd, beside the bundle or the source. */
export function unitTemplate(dir: string = __dirname): string {
  for (const up of ['../..', '../../..', '../../../..']) {
    const file = path.join(dir, up, 'build/systemd', UNIT_NAME);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error(`the unit template build/systemd/${UNIT_NAME} is not beside this netwatch`);
}

/** The unit with ExecStart naming this node and this netwatch, and the paths it was given. */
export function unitText(
  template: string,
  cli: string,
  paths: CollectorPaths,
  node = process.execPath,
): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `"${s.replace(/(["\\])/g, '\\$1')}"`);
  const exec = [node, cli, 'collector', 'run', '--group', paths.group].map(quote).join(' ');
  return template.replace(/^ExecStart=.*$/m, `ExecStart=${exec}`);
}

async function step(run: CommandRunner, io: CliIo, file: string, args: string[]): Promise<boolean> {
  const result = await run(file, args, { timeoutMs: 30_000 });
  if (result.code === 0) return true;
  io.err(
    `netwatch: collector: ${file} ${args.join(' ')} failed: ${result.stderr.trim().split('\n')[0] ?? ''}\n`,
  );
  return false;
}

export async function installCollector(
  paths: CollectorPaths,
  io: CliIo,
  run: CommandRunner = execFileRunner,
  cli: string = process.argv[1] ?? '',
): Promise<number> {
  if (process.getuid?.() !== 0) {
    io.err('netwatch: collector install: needs root (sudo netwatch collector install)\n');
    return EXIT.failure;
  }
  if (groupId(paths.group) === null && !(await step(run, io, 'groupadd', ['--system', paths.group])))
    return EXIT.failure;
  writeFileSync(UNIT_PATH, unitText(unitTemplate(), path.resolve(cli), paths), { mode: 0o644 });
  io.out(`wrote ${UNIT_PATH}\n`);
  if (!(await step(run, io, 'systemctl', ['daemon-reload']))) return EXIT.failure;
  if (!(await step(run, io, 'systemctl', ['enable', '--now', UNIT_NAME]))) return EXIT.failure;
  io.out(
    `the collector is enabled and started; let a user see it with: sudo usermod -aG ${paths.group} USER ` +
      '(then log in again)\n',
  );
  return EXIT.ok;
}

export async function uninstallCollector(io: CliIo, run: CommandRunner = execFileRunner): Promise<number> {
  if (process.getuid?.() !== 0) {
    io.err('netwatch: collector uninstall: needs root (sudo netwatch collector uninstall)\n');
    return EXIT.failure;
  }
  await step(run, io, 'systemctl', ['disable', '--now', UNIT_NAME]);
  rmSync(UNIT_PATH, { force: true });
  await step(run, io, 'systemctl', ['daemon-reload']);
  io.out(`removed ${UNIT_PATH}; the database in /var/lib/netwatch and the group are kept\n`);
  return EXIT.ok;
}

export async function collectorStatus(
  paths: CollectorPaths,
  io: CliIo,
  run: CommandRunner = execFileRunner,
): Promise<number> {
  const unit = await run('systemctl', ['is-active', UNIT_NAME], { timeoutMs: 5000 }).catch(() => null);
  const state = unit ? unit.stdout.trim() || 'unknown' : 'no systemd';
  io.out(`unit:      ${UNIT_NAME}: ${state}\n`);
  try {
    const client = await connectContractClient(paths.socketPath, {
      group: paths.group,
      connectTimeoutMs: 2000,
    });
    try {
      const status = await client.handlers.status.get({});
      io.out(`socket:    ${paths.socketPath}: answers\n`);
      io.out(`records:   ${status.watchedBy?.text ?? 'unknown'}\n`);
      io.out(
        `database:  ${status.database.path} (${status.database.healthy ? 'healthy' : status.database.message})\n`,
      );
      const last = status.lastTickAt === null ? 'none yet' : new Date(status.lastTickAt).toISOString();
      io.out(`last tick: ${last}${status.paused ? ' (paused)' : ''}\n`);
      return STATUS_EXIT.running;
    } finally {
      await client.close();
    }
  } catch (error) {
    if (error instanceof CollectorRefusedError) {
      io.out(`socket:    ${error.message}\n`);
      return STATUS_EXIT.unknown;
    }
    if (error instanceof CollectorAbsentError) {
      io.out(`socket:    ${error.message}\n`);
      return STATUS_EXIT.notRunning;
    }
    throw error;
  }
}
