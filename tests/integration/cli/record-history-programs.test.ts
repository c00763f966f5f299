import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { recordBriefly } from './record-briefly';

const root = path.resolve(__dirname, '../../..');
const cli = ['--import', 'tsx', path.join(root, 'electron/cli/main.ts')];

function netwatch(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [...cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
}

test('record until Ctrl+C, then history and programs read what it recorded', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'netwatch.db');
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  t.after(() => server.close());
  const port = (server.address() as net.AddressInfo).port;

  const stderr = await recordBriefly(cli, root, db, 1500);
  assert.match(stderr, /history closed cleanly/);

  const history = netwatch(['history', '--db', db, '--port', String(port), '--json']);
  assert.equal(history.status, 0, history.stderr);
  const rows = JSON.parse(history.stdout) as {
    direction: string;
    localPort: number;
    closedAt: number | null;
    exe: string;
  }[];
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.direction, 'listen');
  assert.equal(rows[0]!.localPort, port);
  assert.ok(rows[0]!.closedAt !== null, 'closed when recording stopped');

  const viaEnv = netwatch(['history', '--port', String(port)], { NETWATCH_DB: db });
  assert.equal(viaEnv.status, 0, viaEnv.stderr);
  assert.match(
    viaEnv.stdout,
    new RegExp(`127\\.0\\.0\\.1:${port} +0\\.0\\.0\\.0:\\* +LISTEN +listen +– +– +${process.pid}/`),
    'the table as netstat writes it: no remote port is *; a listener moves no counted bytes (–)',
  );

  const programs = netwatch(['programs', '--db', db, '--json']);
  assert.equal(programs.status, 0, programs.stderr);
  const list = JSON.parse(programs.stdout) as { exe: string; sha256: string | null }[];
  assert.ok(list.some((p) => p.exe === realpathSync(process.execPath) && p.sha256?.length === 64));
});

test('bad flags and a missing database get one clear line', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const badPort = netwatch(['history', '--port', '70000', '--db', path.join(dir, 'x.db')]);
  assert.equal(badPort.status, 2);
  assert.match(badPort.stderr, /port/);
  const badSince = netwatch(['history', '--since', 'yesterday-ish', '--db', path.join(dir, 'x.db')]);
  assert.equal(badSince.status, 2);
  assert.match(badSince.stderr, /--since/);
  const missing = netwatch(['programs', '--db', path.join(dir, 'none.db')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no history database/);
  const badInterval = netwatch(['record', '--interval', '5', '--db', path.join(dir, 'x.db')]);
  assert.equal(badInterval.status, 2);
  assert.match(badInterval.stderr, /--interval/);
});
