// `netwatch serve` as a process: it prints the token URL, the page answers with the token and
// refuses without it, and Ctrl+C (SIGINT) stops it cleanly with exit code 0.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { get } from './socket-client';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-serve-proc-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('serve prints its URL, serves behind the token, and exits 0 on Ctrl+C', async () => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'electron/cli/main.ts'),
      'serve',
      '--port',
      '0',
      '--db',
      path.join(dir, 'h.db'),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      const check = () => {
        const m = /netwatch is serving at (\S+)/.exec(stdout);
        if (m) resolve(new URL(m[1]!));
      };
      child.stdout.on('data', check);
      void exited.then((code) => reject(new Error(`exited ${code} before serving: ${stderr}`)));
    });
    assert.equal(url.hostname, '127.0.0.1');
    const port = Number(url.port);
    assert.equal((await get(port, '/', { Host: url.host })).status, 401);
    const page = await get(port, `/${url.search}`, { Host: url.host });
    assert.ok(page.status === 200 || page.status === 503, `page: ${page.status}`);
    child.kill('SIGINT');
    assert.equal(await exited, 0, stderr);
    assert.match(stderr, /stopping/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  } finally {
    clearTimeout(killer);
    child.kill('SIGKILL');
  }
});
