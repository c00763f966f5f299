// `netwatch serve` as a client of a test's collector: its own HOME (so a database of its own
// would show), the collector's socket named, and the URL it prints.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { root } from './serve-process';

export async function serveForCollector(
  t: TestContext,
  home: string,
  socket: string,
): Promise<{ url: string; stderr: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: '',
    NETWATCH_COLLECTOR_SOCKET: socket,
  };
  delete env.NETWATCH_DB;
  const serve = spawn(process.execPath, [path.join(root, 'bin/netwatch.cjs'), 'serve', '--port', '0'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => serve.kill('SIGKILL'));
  let out = '';
  let err = '';
  serve.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  serve.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  for (let i = 0; i < 300 && !/token=/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
  const url = /(http:\/\/\S+\?token=\S+)/.exec(out)?.[1];
  assert.ok(url, `serve printed no URL: ${err}`);
  return { url, stderr: () => err };
}
