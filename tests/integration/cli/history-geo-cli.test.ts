// `netwatch record` stores country and AS with each connection; `history --country/--asn` filter
// on them. The connection is the test's own, on loopback: its remote is labelled loopback, and it
// is in no country and no AS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { recordBriefly } from './record-briefly';

const root = path.resolve(__dirname, '../../..');
const cli = ['--import', 'tsx', path.join(root, 'electron/cli/main.ts')];

function netwatch(args: string[]) {
  return spawnSync(process.execPath, [...cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

test('a recorded loopback connection is found by --country loopback, not by a country or an AS', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-geo-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'netwatch.db');
  const server = net.createServer((s) => s.on('error', () => undefined)).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  t.after(() => server.close());
  const port = (server.address() as net.AddressInfo).port;
  const client = net.connect(port, '127.0.0.1');
  await new Promise((r) => client.once('connect', r));
  t.after(() => client.destroy());

  await recordBriefly(cli, root, db, 2500);

  const history = netwatch([
    'history',
    '--db',
    db,
    '--port',
    String(port),
    '--country',
    'loopback',
    '--json',
  ]);
  assert.equal(history.status, 0, history.stderr);
  const rows = JSON.parse(history.stdout) as {
    direction: string;
    remotePort: number;
    localPort: number;
    country: string;
    asn: unknown;
    asOrg: unknown;
  }[];
  const outbound = rows.find((r) => r.direction === 'outbound' && r.remotePort === port);
  assert.ok(outbound, `the client's connection: ${history.stdout}`);
  assert.equal(outbound.localPort, client.localPort);
  assert.deepEqual([outbound.country, outbound.asn, outbound.asOrg], ['loopback', null, null]);
  assert.ok(!rows.some((r) => r.direction === 'listen'), 'a listener has no one on the other end');

  for (const flags of [
    ['--country', 'de'],
    ['--asn', 'AS15169'],
  ]) {
    const none = netwatch(['history', '--db', db, '--port', String(port), ...flags, '--json']);
    assert.equal(none.status, 0, none.stderr);
    assert.deepEqual(JSON.parse(none.stdout), [], flags.join(' '));
  }
  for (const flags of [
    ['--country', '<b>'],
    ['--asn', 'Google'],
  ]) {
    const bad = netwatch(['history', '--db', db, ...flags]);
    assert.equal(bad.status, 2, flags.join(' '));
    assert.match(bad.stderr, /country|asn/);
  }
});
