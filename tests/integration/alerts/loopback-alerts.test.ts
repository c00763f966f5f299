// The proof of issue 4, live on loopback through the real sampler, hasher and a real SQLite file:
// a program never seen phones home (one new-program alert), trusted (no more), its binary changed
// (one changed-program alert); a new listener; a flood from one loopback address; what runs at the
// first start raises nothing and a restart raises nothing acknowledged again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { createService, type Service } from '../../../electron/core/service';
import type { AlertRecord } from '../../../shared/model';
import { tempDir } from '../store/temp-dir';
import { ownSocketsSampler } from './own-sockets-sampler';
import { PhoneHomeProgram } from './phone-home-program';

interface Watched {
  service: Service;
  raised: AlertRecord[];
  notes: string[];
  /** A tick, the hashes it asked for, and the tick that attributes them. */
  settle(): Promise<void>;
}

async function watch(t: TestContext, dbPath: string, pids: Set<number>): Promise<Watched> {
  const notes: string[] = [];
  const service = await createService({
    dbPath,
    sampler: ownSocketsSampler(pids),
    autoStart: false,
    onNotice: () => undefined,
    notify: (m) => notes.push(m),
  });
  t.after(() => service.close());
  const raised: AlertRecord[] = [];
  service.subscribe((name, payload) => {
    if (name === 'alerts.onRaised') raised.push(payload as AlertRecord);
  });
  return {
    service,
    raised,
    notes,
    async settle() {
      await service.tick();
      await service.context.monitor.hasher.idle();
      await service.tick();
    },
  };
}

/** A loopback server that keeps its connections until told to say goodbye. */
async function holdingServer(t: TestContext, host = '127.0.0.1') {
  const sockets: net.Socket[] = [];
  const waiters: (() => void)[] = [];
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    sockets.push(s);
    for (const w of waiters.splice(0)) w();
  });
  server.listen(0, host);
  await new Promise((r) => server.once('listening', r));
  t.after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    /** Resolves once `n` connections were accepted in all (bounded by the test's timeout). */
    async accepted(n: number) {
      while (sockets.length < n) await new Promise<void>((r) => waiters.push(r));
    },
    goodbye() {
      for (const s of sockets.splice(0)) s.end('bye\n');
    },
  };
}

test(
  'a new program phones home: one alert; trusted: no more; its binary changed: one changed alert; a restart re-raises nothing',
  { timeout: 60_000 },
  async (t) => {
    const dir = tempDir(t, 'netwatch-alerts-');
    const db = path.join(dir, 'netwatch.db');
    const server = await holdingServer(t);
    const pids = new Set([process.pid]);
    const w = await watch(t, db, pids);
    await w.settle();
    assert.equal(w.raised.length, 0, 'what runs at the first start (this test, its server) raises nothing');
    const baseline = await w.service.handlers.programs.list({});
    assert.ok(baseline.length > 0 && baseline.every((p) => p.baseline), 'and is recorded as known');

    const program = new PhoneHomeProgram(dir);
    const runOnce = async () => {
      const before = server.sockets.length;
      const run = program.run(server.port);
      pids.add(run.pid);
      await server.accepted(before + 1);
      await w.settle();
      server.goodbye();
      await run.exited;
      await w.service.tick();
    };

    await runOnce();
    assert.equal(w.raised.length, 1, JSON.stringify(w.raised.map((a) => a.message)));
    const alert = w.raised[0]!;
    assert.deepEqual(
      [alert.kind, alert.exe, alert.remoteAddress, alert.remotePort, alert.proto],
      ['new-program', program.exe, '127.0.0.1', server.port, 'tcp'],
    );
    assert.equal(alert.process, 'phone-home');
    assert.match(alert.cmdline ?? '', /\/dev\/tcp\/127\.0\.0\.1\//);
    assert.equal(w.notes.length, 1);
    assert.ok(w.notes[0]!.includes(program.exe));
    assert.equal(w.service.context.status().unreadAlerts, 1);

    const rule = await w.service.handlers.rules.add({ kind: 'trust-program', value: program.exe });
    assert.equal(rule.value, program.exe);
    assert.equal(w.service.context.status().unreadAlerts, 0, 'trusting it acknowledged its alert');
    await runOnce();
    assert.equal(w.raised.length, 1, 'trusted: no more');

    program.change();
    await runOnce();
    assert.deepEqual(
      w.raised.map((a) => a.kind),
      ['new-program', 'changed-program'],
      'a changed binary: one changed-program alert, not a new-program one',
    );
    assert.equal(w.raised[1]!.exe, program.exe);

    await w.service.close();
    const again = await watch(t, db, new Set([process.pid]));
    assert.equal(again.service.context.status().unreadAlerts, 1);
    await again.settle();
    assert.deepEqual(again.raised, [], 'a restart re-raises nothing');
    const all = await again.service.handlers.alerts.list({ all: true });
    assert.deepEqual(
      all.map((a) => [a.kind, a.acknowledged]),
      [
        ['changed-program', false],
        ['new-program', true],
      ],
    );
  },
);

/**
 * Another program that listens on loopback: a Node child (netwatch raises nothing about its own
 * process, so the listener cannot be this test's). Each line on its stdin opens one more listener;
 * it prints each port.
 */
async function listeningChild(t: TestContext) {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const net = require('node:net');
       const listen = () => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => console.log(s.address().port)); };
       listen();
       require('node:readline').createInterface({ input: process.stdin }).on('line', listen);`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  t.after(() => child.kill());
  const ports = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextPort = async () => Number((await ports.next()).value);
  const first = await nextPort();
  return {
    pid: child.pid!,
    first,
    async listenAgain() {
      child.stdin!.write('\n');
      return nextPort();
    },
  };
}

test('a known program starts listening on a new loopback port: one new-listener alert', async (t) => {
  const program = await listeningChild(t);
  const w = await watch(t, path.join(tempDir(t, 'netwatch-alerts-'), 'netwatch.db'), new Set([program.pid]));
  await w.settle();
  assert.equal(w.raised.length, 0);

  const second = await program.listenAgain();
  await w.settle();
  await w.settle();
  assert.equal(w.raised.length, 1, JSON.stringify(w.raised.map((a) => a.message)));
  const alert = w.raised[0]!;
  assert.deepEqual(
    [alert.kind, alert.severity, alert.localAddress, alert.localPort, alert.exe],
    ['new-listener', 'low', '127.0.0.1', second, process.execPath],
  );
  assert.notEqual(second, program.first);
});

test('many connections from one loopback address: one flood alert with the count', async (t) => {
  const server = await holdingServer(t);
  const w = await watch(t, path.join(tempDir(t, 'netwatch-alerts-'), 'netwatch.db'), new Set([process.pid]));
  w.service.context.updateSettings({ floodRemoteThreshold: 10, floodWindowSeconds: 60 });
  await w.settle();

  const from = '127.0.0.77';
  const clients = Array.from({ length: 25 }, () =>
    net.connect({ host: '127.0.0.1', port: server.port, localAddress: from }).on('error', () => undefined),
  );
  t.after(() => clients.forEach((c) => c.destroy()));
  await server.accepted(25);
  await w.service.tick();
  await w.service.tick();
  const floods = w.raised.filter((a) => a.kind === 'flood-remote');
  assert.equal(floods.length, 1, JSON.stringify(w.raised.map((a) => a.message)));
  assert.equal(floods[0]!.remoteAddress, from);
  assert.equal(floods[0]!.message, `25 established connections from ${from} within 60 s (more than 10)`);
  assert.deepEqual(
    w.raised.map((a) => a.kind),
    ['flood-remote'],
    'the clients themselves are known',
  );
});
