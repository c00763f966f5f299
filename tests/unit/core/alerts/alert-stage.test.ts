// The engine through the real service on scripted snapshots, a throwaway /proc tree (so binaries
// are really hashed) and a real SQLite file: the behaviours of issue 4, tick by tick.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../integration/store/temp-dir';
import { ProcTree } from '../monitor/proc-tree';
import { listener, socket } from '../monitor/snapshot-builder';
import type { SocketRow } from '../../../../shared/model';
import { outbound, owned, start } from './alert-harness';

test('first run learns, a new program alerts once and counts up, a changed binary alerts as changed', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const db = path.join(tempDir(t), 'netwatch.db');
  const known = tree.binary('known', 'known v1');
  const fresh = tree.binary('fresh', 'fresh v1');
  tree.process(1, known);
  tree.process(2, fresh);
  const h = await start(t, db, tree);
  const baseline = [listener(8443, { pid: 1, exe: known, processStart: 100 }), outbound(1, known, 40001)];
  h.sampler.sockets = baseline;
  await h.settle();
  assert.equal(h.raised.length, 0, 'what runs at the first start raises nothing');

  h.sampler.sockets = [
    ...baseline,
    outbound(2, fresh, 40002),
    socket({ localPort: 40003, uid: 33, user: 'www' }),
  ];
  await h.settle();
  assert.equal(h.raised.length, 1, 'one alert: the unattributed socket raises nothing');
  const alert = h.raised[0]!;
  assert.equal(alert.kind, 'new-program');
  assert.equal(alert.exe, fresh);
  assert.equal(alert.user, 'alice');
  assert.equal(alert.cmdline, 'fresh --serve');
  assert.deepEqual([alert.remoteAddress, alert.remotePort, alert.service], ['203.0.113.5', 443, 'https']);
  assert.match(alert.message, /fresh \(pid 2, user alice\) connected to 203\.0\.113\.5:443 \(https\)/);
  assert.deepEqual(h.notes, [`alert #${alert.id} (new program, medium): ${alert.message}`]);
  assert.equal(h.unread(), 1);

  h.sampler.sockets = [...h.sampler.sockets, outbound(2, fresh, 40004), outbound(2, fresh, 40005)];
  await h.settle();
  const [again] = await h.service.handlers.alerts.list({});
  assert.deepEqual([again!.id, again!.count, h.raised.length], [alert.id, 3, 1], 'repeats count up');

  assert.equal(await h.service.handlers.alerts.ack({ id: alert.id }), true);
  assert.equal(h.unread(), 0);
  h.sampler.sockets = [...h.sampler.sockets, outbound(2, fresh, 40006)];
  await h.settle();
  assert.equal(h.raised.length, 1, 'acknowledged: known now');
  assert.equal((await h.service.handlers.alerts.list({ all: true }))[0]!.count, 3);

  // The binary at the same path is replaced; a new process runs it.
  writeFileSync(fresh, 'fresh v2, a different binary');
  tree.process(3, fresh);
  h.sampler.sockets = [...h.sampler.sockets, outbound(3, fresh, 40007, '198.51.100.20')];
  await h.settle();
  assert.deepEqual(
    h.raised.map((a) => a.kind),
    ['new-program', 'changed-program'],
    'changed, not also new',
  );
  const changed = h.raised[1]!;
  assert.equal(changed.severity, 'high');
  assert.equal(changed.exe, fresh);
  assert.match(changed.message, /changed: SHA-256 [0-9a-f]{12}… is now [0-9a-f]{12}…/);
  assert.equal(h.unread(), 1);

  // A restart: nothing is raised again, the acknowledged alert stays acknowledged.
  await h.close();
  const again2 = await start(t, db, tree, h.sampler);
  assert.equal(again2.unread(), 1, 'the unread count is known at start');
  await again2.settle();
  assert.equal(again2.raised.length, 0);
  const all = await again2.service.handlers.alerts.list({ all: true });
  assert.deepEqual(
    all.map((a) => [a.kind, a.acknowledged]),
    [
      ['changed-program', false],
      ['new-program', true],
    ],
  );
});

test('netwatch raises nothing about its own process: its listener and its lookups', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const node = tree.binary('node', 'node');
  const other = tree.binary('other', 'other');
  tree.process(process.pid, node);
  tree.process(7, other);
  const h = await start(t, path.join(tempDir(t), 'netwatch.db'), tree);
  h.sampler.sockets = [listener(22, { pid: 7, exe: other, processStart: 700 })];
  await h.settle();

  // What `netwatch serve` does after its first sample: listens for the browser, asks DNS.
  const self = { pid: process.pid, exe: node, processStart: process.pid * 100 };
  h.sampler.sockets = [
    listener(22, { pid: 7, exe: other, processStart: 700 }),
    listener(39941, { ...self, localAddress: '127.0.0.1', inode: 39941 }),
    owned(process.pid, node, {
      localPort: 50000,
      remoteAddress: '10.255.255.53',
      remotePort: 53,
      proto: 'udp',
    }),
  ];
  await h.settle();
  assert.equal(h.raised.length, 0, h.raised.map((a) => a.message).join('; '));

  // The same from another process is alerted.
  h.sampler.sockets = [
    ...h.sampler.sockets,
    listener(39942, { pid: 7, exe: other, processStart: 700, inode: 39942 }),
  ];
  await h.settle();
  assert.deepEqual(
    h.raised.map((a) => [a.kind, a.localPort]),
    [['new-listener', 39942]],
  );
});

test('a socket bound but not yet connected phones nobody; its connection does', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const known = tree.binary('known', 'known');
  const fresh = tree.binary('fresh', 'fresh');
  tree.process(1, known);
  tree.process(2, fresh);
  const h = await start(t, path.join(tempDir(t), 'netwatch.db'), tree);
  const baseline = [listener(22, { pid: 1, exe: known, processStart: 100 })];
  h.sampler.sockets = baseline;
  await h.settle();

  // Between bind() and connect(): TCP state CLOSE, no peer.
  const bound = owned(2, fresh, {
    localPort: 40010,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    state: 'CLOSE',
  });
  h.sampler.sockets = [...baseline, bound];
  await h.settle();
  assert.equal(h.raised.length, 0, h.raised.map((a) => a.message).join('; '));

  h.sampler.sockets = [...baseline, outbound(2, fresh, 40010)];
  await h.settle();
  assert.deepEqual(
    h.raised.map((a) => [a.kind, a.remoteAddress, a.remotePort]),
    [['new-program', '203.0.113.5', 443]],
  );
});

test('floods: one alert per episode with the count, refreshed while it climbs; SYN_RECV too', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const server = tree.binary('server', 'server');
  tree.process(1, server);
  const h = await start(t, path.join(tempDir(t), 'netwatch.db'), tree);
  h.service.context.updateSettings({ floodRemoteThreshold: 10, synRecvThreshold: 5, floodWindowSeconds: 30 });
  const own = { pid: 1, exe: server, processStart: 100 };
  const listening = listener(8443, own);
  const inbound = (from: string, n: number, base = 50_000): SocketRow[] =>
    Array.from({ length: n }, (_, i) =>
      owned(1, server, {
        localPort: 8443,
        localAddress: '0.0.0.0',
        remoteAddress: from,
        remotePort: base + i,
        inode: base + i,
      }),
    );
  h.sampler.sockets = [listening];
  await h.settle();

  h.sampler.sockets = [listening, ...inbound('198.51.100.7', 12), ...inbound('198.51.100.8', 10, 60_000)];
  h.sampler.step();
  await h.service.tick();
  assert.deepEqual(
    h.raised.map((a) => [a.kind, a.remoteAddress, a.message]),
    [
      [
        'flood-remote',
        '198.51.100.7',
        '12 established connections from 198.51.100.7 within 30 s (more than 10)',
      ],
    ],
    'ten from one address is not more than ten',
  );

  // The same connections close and fifteen others open: 27 within the window, one alert refreshed.
  h.sampler.sockets = [listening, ...inbound('198.51.100.7', 15, 51_000)];
  h.sampler.step();
  await h.service.tick();
  assert.equal(h.raised.length, 1);
  const [flood] = await h.service.handlers.alerts.list({});
  assert.deepEqual([flood!.count, flood!.message.split(' ')[0]], [1, '27']);

  // They close (and still count for the window after), the window passes and the count falls
  // below the threshold; then it is over it again: a repeat of the same open alert.
  h.sampler.sockets = [listening];
  h.sampler.step();
  await h.service.tick();
  h.sampler.step(31_000);
  await h.service.tick();
  h.sampler.sockets = [listening, ...inbound('198.51.100.7', 11, 52_000)];
  h.sampler.step();
  await h.service.tick();
  const [repeated] = await h.service.handlers.alerts.list({});
  assert.deepEqual([h.raised.length, repeated!.count, repeated!.message.split(' ')[0]], [1, 2, '11']);

  const half = Array.from({ length: 6 }, (_, i) =>
    socket({
      localPort: 8443,
      remoteAddress: `192.0.2.${i + 1}`,
      remotePort: 1000 + i,
      state: 'SYN_RECV',
      inode: 0,
    }),
  );
  h.sampler.sockets = [listening, ...half];
  h.sampler.step();
  await h.service.tick();
  assert.deepEqual(
    h.raised.map((a) => a.kind),
    ['flood-remote', 'syn-flood'],
  );
  assert.match(h.raised[1]!.message, /^6 half-open connections \(SYN_RECV\) within 30 s \(more than 5\)$/);
});

test('rules: trusted paths, ignored addresses and muted kinds keep quiet; adding one settles what it covers', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const a = tree.binary('a', 'a');
  const b = tree.binary('b', 'b');
  const c = tree.binary('c', 'c');
  tree.process(1, a);
  tree.process(2, b);
  tree.process(3, c);
  const h = await start(t, path.join(tempDir(t), 'netwatch.db'), tree);
  h.sampler.sockets = [];
  await h.settle();

  const rules = h.service.handlers.rules;
  await rules.add({ kind: 'trust-program', value: a });
  await rules.add({ kind: 'ignore-address', value: '203.0.113.0/24' });
  await assert.rejects(rules.add({ kind: 'ignore-port', value: '65536' }), /not a port number/);
  h.sampler.sockets = [outbound(1, a, 40001), outbound(2, b, 40002)];
  await h.settle();
  assert.equal(h.raised.length, 0, 'trusted, and an ignored network');
  const programs = await h.service.handlers.programs.list({});
  assert.equal(programs.find((p) => p.exe === a)?.trusted, true);
  assert.equal(programs.find((p) => p.exe === b)?.trusted, false);

  h.sampler.sockets = [
    ...h.sampler.sockets,
    outbound(2, b, 40003, '198.51.100.1'),
    outbound(3, c, 40004, '198.51.100.1'),
  ];
  await h.settle();
  assert.deepEqual(h.raised.map((x) => x.exe).sort(), [b, c], 'b elsewhere is not ignored');
  assert.equal(h.unread(), 2);

  await rules.add({ kind: 'trust-program', value: c, note: 'mine' });
  assert.equal(h.unread(), 1, "trusting c acknowledged c's alert");
  const listed = await rules.list({});
  assert.deepEqual(
    listed.map((r) => [r.kind, r.value, r.note]),
    [
      ['trust-program', a, null],
      ['ignore-address', '203.0.113.0/24', null],
      ['trust-program', c, 'mine'],
    ],
  );
  await rules.add({ kind: 'mute-kind', value: 'new-listener' });
  h.sampler.sockets = [...h.sampler.sockets, listener(7000, { pid: 2, exe: b, processStart: 200 })];
  await h.settle();
  assert.equal(h.raised.length, 2, 'muted');
  assert.equal(await rules.remove({ id: listed[0]!.id }), true);
  const after = await h.service.handlers.programs.list({});
  assert.equal(after.find((p) => p.exe === a)?.trusted, false, 'no rule trusts it any more');
});
