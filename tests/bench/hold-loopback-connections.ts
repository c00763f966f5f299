// Holds N loopback TCP connections for the benchmark: a server child and a client child (each holds
// one end, so neither needs more than N descriptors), both stopping by themselves after a bounded time.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const generator = path.join(__dirname, 'loopback-connection-generator.ts');

export interface HeldConnections {
  count: number;
  pids: number[];
  close(): Promise<void>;
}

/** Starts one end; raises its own descriptor limit in a shell wrapper first where the hard limit allows. */
function start(args: string[]): ChildProcess {
  const limit = Number(args[1]) + 256;
  const node = [process.execPath, '--import', 'tsx', generator, ...args].map((a) => `'${a}'`).join(' ');
  return spawn('/bin/sh', ['-c', `ulimit -n ${limit} 2>/dev/null; exec ${node}`], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: path.resolve(__dirname, '../..'),
  });
}

/** Reads the child's JSON lines once; `next(key)` resolves with the value of the first line holding `key`. */
function messages(child: ChildProcess): (key: string, timeoutMs: number) => Promise<number> {
  const seen = new Map<string, number>();
  const waiters = new Map<string, (value: number) => void>();
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    for (const [key, value] of Object.entries(message)) {
      seen.set(key, Number(value));
      waiters.get(key)?.(Number(value));
    }
  });
  return (key, timeoutMs) =>
    new Promise((resolve, reject) => {
      const known = seen.get(key);
      if (known !== undefined) return resolve(known);
      const timer = setTimeout(
        () => reject(new Error(`generator: no "${key}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onExit = (code: number | null): void => {
        clearTimeout(timer);
        reject(new Error(`generator exited (${code}) before "${key}"`));
      };
      child.once('exit', onExit);
      waiters.set(key, (value) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(value);
      });
    });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.stdin?.end();
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** Opens `count` connections over 127.0.0.1 and holds them for at most `ttlSeconds`. */
export async function holdLoopbackConnections(count: number, ttlSeconds: number): Promise<HeldConnections> {
  const server = start(['server', String(count), String(ttlSeconds)]);
  try {
    const fromServer = messages(server);
    const port = await fromServer('port', 20_000);
    const client = start(['client', String(count), String(ttlSeconds), String(port)]);
    try {
      await Promise.all([fromServer('ready', 120_000), messages(client)('ready', 120_000)]);
    } catch (error) {
      await stop(client);
      throw error;
    }
    return {
      count,
      pids: [server.pid ?? 0, client.pid ?? 0],
      close: async () => {
        await Promise.all([stop(client), stop(server)]);
      },
    };
  } catch (error) {
    await stop(server);
    throw error;
  }
}
