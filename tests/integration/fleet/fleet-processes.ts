// Processes the fleet tests run: `netwatch record` with its flags, a program of the test's own name
// (a copy of node) holding N loopback connections, and a real Prometheus with a temporary config.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(__dirname, '../../..');
const cli = ['--import', 'tsx', path.join(root, 'electron/cli/main.ts')];

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every 250 ms until it returns a value, at most `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null> | T | null,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(250);
  }
}

export function netwatchSync(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [...cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

export interface Running {
  child: ChildProcess;
  stderr(): string;
  /** Sends `signal` (default SIGINT) and waits for the exit code (SIGKILL after 10 s). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function running(child: ChildProcess): Running {
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal);
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exit;
      clearTimeout(forced);
      return code;
    },
  };
}

/** `netwatch record ARGS`, started; resolves once it says it is recording. */
export async function startRecord(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [...cli, 'record', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = running(child);
  await waitFor('record to start', 30_000, () => {
    if (child.exitCode !== null) throw new Error(`record exited: ${run.stderr()}`);
    return run.stderr().includes('recording into') ? true : null;
  });
  return run;
}

const HOLDER = `
const net = require('node:net');
const [port, count] = process.argv.slice(1).map(Number);
const sockets = [];
for (let i = 0; i < count; i++) {
  const s = net.connect(port, '127.0.0.1', () => {
    sockets.push(s);
    if (sockets.length === count) process.stdout.write(JSON.stringify({ ports: sockets.map((x) => x.localPort) }) + '\\n');
  });
  s.on('error', () => process.exit(3));
}
process.stdin.on('data', () => { for (const s of sockets) s.destroy(); process.stdout.write('{"closed":true}\\n'); });
process.stdin.on('end', () => process.exit(0));
setTimeout(() => process.exit(4), 120000).unref();
`;

export interface Holder {
  exe: string;
  /** Local ports of the held connections, as the holder's own sockets report them. */
  ports: number[];
  /** Closes the connections (the program keeps running). */
  closeAll(): Promise<void>;
  stop(): Promise<void>;
}

/** A program named `name` (node under that name) holding `count` connections to 127.0.0.1:port. */
export async function holdConnections(name: string, port: number, count: number): Promise<Holder> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-fleet-prog-'));
  const exe = path.join(dir, name);
  try {
    linkSync(process.execPath, exe);
  } catch {
    copyFileSync(process.execPath, exe);
    chmodSync(exe, 0o755);
  }
  const child = spawn(exe, ['-e', HOLDER, String(port), String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const line = (key: string) =>
    waitFor(`the holder's ${key}`, 30_000, () => {
      if (child.exitCode !== null) throw new Error(`holder exited with ${child.exitCode}`);
      const found = out.split('\n').find((l) => l.includes(`"${key}"`));
      return found ? (JSON.parse(found) as Record<string, unknown>) : null;
    });
  const ports = (await line('ports')).ports as number[];
  return {
    exe,
    ports,
    async closeAll() {
      child.stdin.write('close\n');
      await line('closed');
    },
    async stop() {
      child.stdin.end();
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

export interface Prometheus {
  url: string;
  /** An instant PromQL query through the HTTP API: the result vector. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
}

/** Debian's prometheus on a loopback port, scraping `target` every second, storage in a temp dir. */
export async function startPrometheus(target: string): Promise<Prometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: netwatch',
      '    static_configs:',
      `      - targets: ['${target}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    '/usr/bin/prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const run = running(child);
  const stop = async (): Promise<void> => {
    await run.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('prometheus to be ready', 60_000, async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited: ${run.stderr().slice(-2000)}`);
      const answer = await fetch(`${url}/-/ready`).catch(() => null);
      return answer?.ok ? true : null;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    async query(promql) {
      const answer = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await answer.json()) as {
        status: string;
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
        error?: string;
      };
      if (body.status !== 'success' || !body.data) throw new Error(`query ${promql}: ${body.error}`);
      return body.data.result;
    },
    stop,
  };
}
