// Starts loopback-churn.ts as a child and resolves once its pool is open: connections that keep
// opening and closing, so every sampling tick has a delta. Stops with its parent (stdin) or its ttl.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export function startChurn(pool: number, perSecond: number, ttlSeconds: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(__dirname, 'loopback-churn.ts'),
      String(pool),
      String(perSecond),
      String(ttlSeconds),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      cwd: path.resolve(__dirname, '../..'),
    },
  );
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`churn exited ${code}`)));
  });
}
