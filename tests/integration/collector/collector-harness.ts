// Test harness for the system collector: temporary users and a group (useradd/groupadd, removed
// after), the collector started as root on a temp socket and database, and netwatch commands run
// as another user with that user's groups (runuser initialises supplementary groups).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

export const root = path.resolve(__dirname, '../../..');
export const cliArgs = ['--import', 'tsx', path.join(root, 'electron/cli/main.ts')];

export const canManageUsers = (): boolean =>
  process.getuid?.() === 0 && spawnSync('useradd', ['--help']).status === 0;

function must(file: string, args: string[]): void {
  const r = spawnSync(file, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')}: ${r.stderr}`);
}

export interface TempUsers {
  group: string;
  /** The login name of a role given to createUsers. */
  name(role: string): string;
  uid(role: string): number;
}

/** Creates a group and users (members join the group); all are removed when the test ends. */
export function createUsers(t: TestContext, spec: { members: string[]; others: string[] }): TempUsers {
  const tag = `${process.pid % 10000}${Math.floor(Math.random() * 1000)}`;
  const group = `nwg${tag}`;
  must('groupadd', [group]);
  const created: string[] = [];
  t.after(() => {
    for (const name of created) spawnSync('userdel', ['-r', name], { encoding: 'utf8' });
    spawnSync('groupdel', [group]);
  });
  const names = new Map<string, string>();
  const uids = new Map<string, number>();
  const roles = [
    ...spec.members.map((r) => [r, true] as const),
    ...spec.others.map((r) => [r, false] as const),
  ];
  for (const [role, joins] of roles) {
    const name = `nw${role.slice(0, 3)}${tag}`;
    must('useradd', ['-m', '-s', '/bin/sh', ...(joins ? ['-G', group] : []), name]);
    created.push(name);
    names.set(role, name);
    uids.set(role, Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout.trim()));
  }
  return { group, name: (role) => names.get(role)!, uid: (role) => uids.get(role)! };
}

export interface RunningCollector {
  child: ChildProcess;
  socket: string;
  db: string;
  dir: string;
  stderr(): string;
  /** Waits until the socket exists (bounded). */
  ready(): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A world-traversable temp dir, so the other users reach the socket inside it. */
export function tempDir(t: TestContext, prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function startCollector(
  t: TestContext,
  opts: { dir: string; group: string; env?: Record<string, string> },
): RunningCollector {
  const socket = path.join(opts.dir, 'netwatch.sock');
  const db = path.join(opts.dir, 'netwatch.db');
  let err = '';
  let child = launch();
  function launch(): ChildProcess {
    const c = spawn(
      process.execPath,
      [...cliArgs, 'collector', 'run', '--socket', socket, '--db', db, '--group', opts.group],
      { cwd: root, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    c.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    return c;
  }
  const running: RunningCollector = {
    get child() {
      return child;
    },
    socket,
    db,
    dir: opts.dir,
    stderr: () => err,
    async ready() {
      for (let i = 0; i < 300 && !err.includes('serving '); i++) await new Promise((r) => setTimeout(r, 100));
      if (!existsSync(socket)) throw new Error(`the collector did not start:\n${err}`);
    },
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
  Object.defineProperty(running, 'restart', {
    value: () => {
      child = launch();
    },
  });
  t.after(() => running.stop('SIGKILL'));
  return running;
}

export function restartCollector(collector: RunningCollector): void {
  (collector as RunningCollector & { restart(): void }).restart();
}

/**
 * `netwatch ARGS` as USER (its own HOME, its groups), with the collector's socket named. `cli` is
 * a copy of the built CLI that user can read (cliForOtherUser).
 */
export function netwatchAs(
  cli: string,
  user: string,
  args: string[],
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const home = `/home/${user}`;
  const envArgs = Object.entries({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...env }).map(
    ([k, v]) => `${k}=${v}`,
  );
  const r = spawnSync(
    'runuser',
    ['-u', user, '--', 'env', '-i', ...envArgs, process.execPath, cli, ...args],
    {
      cwd: '/',
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
