// New listeners through the real service (see alert-harness.ts): once per program and port, learned
// at the first start, and named by their program even when the sampler finds it a tick late.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../integration/store/temp-dir';
import { ProcTree } from '../monitor/proc-tree';
import { listener } from '../monitor/snapshot-builder';
import { start } from './alert-harness';

test('new listeners: once per program and port, high when reachable, learned at the first start', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const server = tree.binary('server', 'server');
  tree.process(1, server);
  const h = await start(t, path.join(tempDir(t), 'netwatch.db'), tree);
  const own = { pid: 1, exe: server, processStart: 100 };
  const first = [listener(22, { ...own, localAddress: '0.0.0.0' })];
  h.sampler.sockets = first;
  await h.settle();
  assert.equal(h.raised.length, 0);

  h.sampler.sockets = [...first, listener(9000, { ...own, localAddress: '127.0.0.1', inode: 9000 })];
  await h.settle();
  assert.equal(h.raised.length, 1);
  assert.deepEqual(
    [h.raised[0]!.kind, h.raised[0]!.severity, h.raised[0]!.localPort],
    ['new-listener', 'low', 9000],
  );
  assert.match(h.raised[0]!.message, /listens on tcp 127\.0\.0\.1:9000 for the first time \(loopback only\)/);

  // Closed and opened again: not new. A second new port, on every address: folded in, now high.
  h.sampler.sockets = first;
  await h.settle();
  h.sampler.sockets = [
    ...first,
    listener(9000, { ...own, localAddress: '127.0.0.1', inode: 9001 }),
    listener(9100, { ...own, family: 6, localAddress: '::', remoteAddress: '::', inode: 9100 }),
  ];
  await h.settle();
  assert.equal(h.raised.length, 1);
  const [folded] = await h.service.handlers.alerts.list({});
  assert.deepEqual([folded!.count, folded!.severity, folded!.localPort], [2, 'high', 9100]);
});

test('a listener whose owner shows a tick late is alerted as its program; one never owned, as its user', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const server = tree.binary('server', 'server');
  const node = tree.binary('node', 'node');
  tree.process(1, server);
  tree.process(process.pid, node);
  const h = await start(t, path.join(tempDir(t), 'netwatch.db'), tree);
  const base = [listener(22, { pid: 1, exe: server, processStart: 100 })];
  h.sampler.sockets = base;
  await h.settle();
  const tick = async () => {
    h.sampler.step();
    await h.service.tick();
    await h.service.context.monitor.hasher.idle();
  };

  // Seen first without its process (the sampler finds it at the next walk), then with it.
  const unowned = { uid: 0, user: 'root', inode: 9000 };
  h.sampler.sockets = [...base, listener(9000, { ...unowned, localAddress: '127.0.0.1' })];
  await tick();
  assert.equal(h.raised.length, 0, 'it waits for its owner');
  h.sampler.sockets = [
    ...base,
    listener(9000, { ...unowned, localAddress: '127.0.0.1', pid: 1, exe: server, processStart: 100 }),
  ];
  await tick();
  assert.deepEqual(
    h.raised.map((a) => [a.kind, a.exe, a.localPort]),
    [['new-listener', server, 9000]],
  );

  // netwatch's own listener, found late too: nothing.
  h.sampler.sockets = [
    ...h.sampler.sockets,
    listener(9100, { ...unowned, inode: 9100, localAddress: '127.0.0.1' }),
  ];
  await tick();
  h.sampler.sockets = h.sampler.sockets.map((r) =>
    r.inode === 9100 ? { ...r, pid: process.pid, exe: node, processStart: process.pid * 100 } : r,
  );
  await tick();
  await tick();
  await tick();
  assert.equal(h.raised.length, 1, h.raised.map((a) => a.message).join('; '));

  // Another user's, never owned without root: after the wait, alerted by its user.
  h.sampler.sockets = [
    ...h.sampler.sockets,
    listener(9200, { uid: 33, user: 'www', inode: 9200, localAddress: '0.0.0.0' }),
  ];
  await tick();
  await tick();
  assert.equal(h.raised.length, 1, 'still waiting');
  await tick();
  assert.deepEqual(
    h.raised.slice(1).map((a) => [a.kind, a.severity, a.localPort, a.exe]),
    [['new-listener', 'high', 9200, null]],
  );
  assert.match(h.raised[1]!.message, /^a process of www listens on tcp 0\.0\.0\.0:9200/);
});
