// The proof of asked names, end to end: a child resolves probe-<random>.test through the C library
// (bash's /dev/tcp calls getaddrinfo) in its own mount namespace, where a private hosts file maps it
// to a 127.x address this test listens on, and connects. With kernel events on, Live, History, the
// new-program alert and `netwatch history --json` show that name, marked 'asked'; with the feed off
// the same connection shows the reverse name of the address (a hosts file of the recorder's own,
// given as its etc folder), marked 'reverse'. Nothing system-wide changes: /etc/hosts is only ever
// bound over inside the child's namespace.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createResolverEnricher } from '../../../electron/core/monitor/resolver-enricher';
import { createLinuxSampler } from '../../../electron/core/sampler/linux/linux-sampler';
import { createService, type Service } from '../../../electron/core/service';
import type { ConnectionRecord, LiveConnection } from '../../../shared/model';

const root = path.resolve(__dirname, '../../..');
const tag = randomBytes(4).toString('hex');
const ASKED = `probe-${tag}.test`;
const REVERSE = `reverse-${tag}.test`;
/** A loopback address of its own (127.0.0.1 has names in the real hosts file). */
const ADDRESS = `127.${1 + (randomBytes(1)[0]! % 250)}.${randomBytes(1)[0]! % 250}.${2 + (randomBytes(1)[0]! % 250)}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netwatch-asked-host-'));
const etc = path.join(dir, 'etc');
const childHosts = path.join(dir, 'child-hosts');
const hostsBefore = fs.readFileSync('/etc/hosts', 'utf8');
let server: net.Server;
let port = 0;
/** Client ports the server saw: the oracle of which connections were the child's. */
const clientPorts = new Set<number>();

before(async () => {
  fs.mkdirSync(etc);
  fs.writeFileSync(path.join(etc, 'hosts'), `${ADDRESS} ${REVERSE}\n`);
  fs.writeFileSync(childHosts, `${ADDRESS} ${ASKED}\n`);
  server = net.createServer((socket) => {
    if (socket.remotePort !== undefined) clientPorts.add(socket.remotePort);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, ADDRESS, resolve));
  port = (server.address() as net.AddressInfo).port;
});

after(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(fs.readFileSync('/etc/hosts', 'utf8'), hostsBefore, 'the real hosts file is untouched');
});

async function startService(name: string, events: boolean): Promise<{ service: Service; notices: string[] }> {
  const notices: string[] = [];
  const sampler = createLinuxSampler({ events, onWarning: (m) => notices.push(m) });
  await sampler.eventFeed?.ready(60_000);
  if (events) {
    assert.equal(sampler.eventFeed?.status.state, 'on', notices.join('; '));
    await sampler.askedNames?.ready;
  }
  const service = await createService({
    dbPath: path.join(dir, `${name}.db`),
    autoStart: false,
    sampler,
    enricher: createResolverEnricher(() => true, etc),
    onNotice: (m) => notices.push(m),
  });
  await service.tick(); // the first run's baseline: the child's program is new after it
  return { service, notices };
}

/**
 * A copy of bash under a new name, run in its own mount namespace: resolves ASKED, connects, and
 * holds the socket itself (a builtin read, so no child inherits it and polling names bash too).
 */
function runChild(name: string): { done: Promise<void>; exe: string } {
  const exe = path.join(dir, name);
  fs.copyFileSync('/bin/bash', exe);
  const child = spawn(
    'unshare',
    [
      '-m',
      'sh',
      '-c',
      'mount --bind "$0" /etc/hosts && exec "$1" -c "exec 3<>/dev/tcp/$2/$3 && { read -t 2.5 -u 3; true; }"',
      childHosts,
      exe,
      ASKED,
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`child failed (${code}): ${err}`)),
    ),
  );
  return { done, exe };
}

function theChilds<T extends { remoteAddress: string; remotePort: number; localPort: number }>(
  rows: readonly T[],
): T[] {
  return rows.filter(
    (r) => r.remoteAddress === ADDRESS && r.remotePort === port && clientPorts.has(r.localPort),
  );
}

async function connectAndRecord(service: Service, name: string) {
  clientPorts.clear();
  const child = runChild(name);
  let live: LiveConnection[] = [];
  for (let i = 0; i < 40 && live.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    await service.tick();
    live = theChilds((await service.handlers.live.snapshot({})).connections);
  }
  await service.context.monitor.hasher.idle();
  await service.tick();
  live = theChilds((await service.handlers.live.snapshot({})).connections);
  await child.done;
  await new Promise((r) => setTimeout(r, 300));
  await service.tick();
  const rows = (await service.handlers.history.query({ filter: { port }, limit: 1000 })).rows;
  const history = theChilds(rows);
  // what a failure should show: the rows to the address, the ports the server saw, Live
  const seen = JSON.stringify({
    rows: rows.filter((r) => r.remoteAddress === ADDRESS),
    clientPorts: [...clientPorts],
    live,
  });
  const alerts = (await service.handlers.alerts.list({ all: true, limit: 5000 })).filter(
    (a) => a.exe === child.exe,
  );
  return { live, history, alerts, seen };
}

function historyJson(db: string): ConnectionRecord[] {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'electron/cli/main.ts'),
      'history',
      '--db',
      db,
      '--port',
      String(port),
      '--json',
    ],
    { cwd: root, encoding: 'utf8', timeout: 30_000 },
  );
  assert.equal(run.status, 0, run.stderr);
  return theChilds(JSON.parse(run.stdout) as ConnectionRecord[]);
}

test('with kernel events on, the connection shows the name the child asked for, not reverse DNS', async () => {
  const { service, notices } = await startService('events', true);
  try {
    const status = await service.handlers.status.get({});
    assert.deepEqual(status.events?.askedNames, { state: 'on', reason: null }, notices.join('; '));
    const { live, history, alerts, seen } = await connectAndRecord(service, `nw-asker-${tag}`);
    assert.ok(live.length >= 1, `Live shows the child's connection (${notices.join('; ')})`);
    assert.deepEqual(
      live.map((c) => [c.remoteHost, c.hostSource]),
      live.map(() => [ASKED, 'asked']),
    );
    assert.equal(history.length, 1, `one connection, one row: ${seen}`);
    assert.deepEqual([history[0]!.remoteHost, history[0]!.hostSource], [ASKED, 'asked']);
    assert.equal(alerts.length, 1, 'the new program is alerted');
    assert.equal(alerts[0]!.remoteHostSource, 'asked');
    assert.ok(alerts[0]!.message.includes(`connected to ${ASKED} at ${ADDRESS}:${port}`), alerts[0]!.message);
    const json = historyJson(path.join(dir, 'events.db'));
    assert.deepEqual(
      json.map((r) => [r.remoteHost, r.hostSource]),
      [[ASKED, 'asked']],
    );
  } finally {
    await service.close();
  }
});

test('with the feed off, the same connection shows the reverse name of the address, marked so', async () => {
  const { service } = await startService('polling', false);
  try {
    assert.equal((await service.handlers.status.get({})).events, undefined);
    const { live, history, alerts, seen } = await connectAndRecord(service, `nw-poller-${tag}`);
    assert.ok(live.length >= 1);
    assert.deepEqual(
      live.map((c) => [c.remoteHost, c.hostSource]),
      live.map(() => [REVERSE, 'reverse']),
    );
    assert.equal(history.length, 1, seen);
    assert.deepEqual([history[0]!.remoteHost, history[0]!.hostSource], [REVERSE, 'reverse']);
    assert.ok(alerts[0]?.message.includes(`${REVERSE} by reverse DNS`), alerts[0]?.message);
    assert.deepEqual(
      historyJson(path.join(dir, 'polling.db')).map((r) => [r.remoteHost, r.hostSource]),
      [[REVERSE, 'reverse']],
    );
  } finally {
    await service.close();
  }
});
