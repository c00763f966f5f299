// Starts bulk-transfer-child.ts (optionally inside a network namespace) and reads its JSON lines:
// the byte counts the test's own programs report, the oracle of the byte counter tests.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { TestContext } from 'node:test';

export interface TransferEnd {
  role: 'client' | 'server';
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  written: number;
  read: number;
}

const script = path.join(__dirname, 'bulk-transfer-child.ts');

export interface TransferChild {
  child: ChildProcess;
  next(timeoutMs?: number): Promise<unknown>;
}

/** Runs the child (in `netns` when given); it is ended when the test ends. */
export function startTransfer(t: TestContext, args: string[], netns?: string): TransferChild {
  const node = [process.execPath, '--import', 'tsx', script, ...args];
  const [file, ...rest] = netns ? ['ip', 'netns', 'exec', netns, ...node] : node;
  const child = spawn(file!, rest, {
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: path.resolve(__dirname, '../../..'),
  });
  t.after(() => {
    child.stdin?.end();
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => {
    if (errors.length < 4096) errors += String(d);
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  return {
    child,
    next: (timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const line = lines.shift();
        if (line !== undefined) return resolve(JSON.parse(line));
        const timer = setTimeout(
          () => reject(new Error(`transfer child: no line in ${timeoutMs} ms ${errors}`)),
          timeoutMs,
        );
        waiting.push((l) => {
          clearTimeout(timer);
          resolve(JSON.parse(l));
        });
      }),
  };
}

/** Within `fraction` of the expected count (the kernel also counts a SYN and a FIN as one byte each). */
export function near(actual: number | null | undefined, expected: number, fraction = 0.1): boolean {
  return typeof actual === 'number' && Math.abs(actual - expected) <= Math.max(expected * fraction, 2);
}
