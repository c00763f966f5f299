// Runs the real `netwatch serve` (the built CLI with its real core) as a child process on a free
// port and a fresh database, and hands back the URL it printed. Builds first if the build is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(__dirname, '../../..');

export interface ServeProcess {
  url: string;
  origin: string;
  pid: number;
  dbPath: string;
  /** Everything it wrote to stderr so far (for failure messages). */
  stderr(): string;
  close(): Promise<void>;
}

/** The build the tests drive: the CLI bundle and the renderer. Built once if either is missing. */
export function ensureBuilt(): void {
  const cli = path.join(root, 'dist/electron/cli.cjs');
  const page = path.join(root, 'dist/renderer/index.html');
  if (existsSync(cli) && existsSync(page)) return;
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0)
    throw new Error('node scripts/build.mjs failed: the end-to-end tests need the build');
}

export interface ServeProcessOptions {
  /** A safety net that kills the server if nobody closes it (default 10 minutes). */
  lifetimeMs?: number;
  /**
   * Runs serve in a mount namespace of its own with this file bind-mounted over /etc/hosts, so
   * the real resolver reads names the test chose; the machine's /etc/hosts is never touched.
   */
  hostsFile?: string;
  /** Fills the fresh database file before the server opens it. */
  prepareDb?: (dbPath: string) => void;
}

export async function startServe(options: ServeProcessOptions = {}): Promise<ServeProcess> {
  ensureBuilt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-e2e-db-'));
  const dbPath = path.join(dir, 'history.db');
  options.prepareDb?.(dbPath);
  // Benches profile serve with SERVE_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" (not allowed in NODE_OPTIONS).
  const nodeFlags = (process.env.SERVE_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const serveArgs = [
    ...nodeFlags,
    path.join(root, 'bin/netwatch.cjs'),
    'serve',
    '--port',
    '0',
    '--db',
    dbPath,
  ];
  const [command, args] = options.hostsFile
    ? [
        'unshare',
        [
          '--mount',
          'sh',
          '-c',
          'mount --bind "$0" /etc/hosts && exec "$@"',
          options.hostsFile,
          process.execPath,
          ...serveArgs,
        ],
      ]
    : [process.execPath, serveArgs];
  const child: ChildProcess = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NETWATCH_DB: dbPath },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.lifetimeMs ?? 10 * 60_000);
  killer.unref();

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`netwatch serve printed no URL in 30 s: ${stderr}`)),
      30_000,
    );
    const check = () => {
      const m = /(http:\/\/\S+\?token=\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`netwatch serve exited before serving: ${stderr}`));
    });
  });

  return {
    url,
    origin: new URL(url).origin,
    pid: child.pid!,
    dbPath,
    stderr: () => stderr,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(forced);
      }
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
