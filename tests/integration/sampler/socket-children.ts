// Starts the two socket-child processes (a server and a client connected to it) and collects
// what Node reports for every socket each one holds. close() ends both; they also end by themselves.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { ChildSocket } from './socket-child';

export interface SocketChild {
  pid: number;
  sockets: ChildSocket[];
}

export interface SocketChildren {
  server: SocketChild;
  client: SocketChild;
  close(): Promise<void>;
}

const script = path.join(__dirname, 'socket-child.ts');

function start(args: string[]): { child: ChildProcess; next: () => Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    // stderr piped, not inherited: recorded fd tables then hold a pipe, not the caller's files.
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: path.resolve(__dirname, '../../..'),
  });
  let errors = '';
  child.stderr!.on('data', (data: Buffer) => {
    if (errors.length < 4096) errors += String(data);
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  const next = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const line = lines.shift();
      if (line !== undefined) return resolve(line);
      const timer = setTimeout(() => reject(new Error(`socket-child: no answer in 20 s ${errors}`)), 20_000);
      waiting.push((l) => {
        clearTimeout(timer);
        resolve(l);
      });
    });
  return { child, next };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.stdin?.end();
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

export async function startSocketChildren(): Promise<SocketChildren> {
  const server = start(['server']);
  const { ports } = JSON.parse(await server.next()) as { ports: number[] };
  const client = start(['client', ...ports.map(String)]);
  const clientSockets = JSON.parse(await client.next()) as ChildSocket[];
  server.child.stdin!.write('3\n');
  const serverSockets = JSON.parse(await server.next()) as ChildSocket[];
  return {
    server: { pid: server.child.pid!, sockets: serverSockets },
    client: { pid: client.child.pid!, sockets: clientSockets },
    close: async () => {
      await Promise.all([stop(client.child), stop(server.child)]);
    },
  };
}
