import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Monitor } from '../../../../electron/core/monitor/monitor';
import { ProgramHasher } from '../../../../electron/core/monitor/program-hasher';
import type { SocketRow } from '../../../../shared/model';
import { ProcTree } from './proc-tree';
import { listener, SnapshotClock, socket } from './snapshot-builder';

test('first run: the first tick is the baseline; a program resolved later updates its connections', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const exe = tree.binary('server', 'server binary');
  tree.process(1, exe);
  const hasher = new ProgramHasher({ procRoot: tree.root });
  const monitor = new Monitor({ firstRun: true, hasher });
  const clock = new SnapshotClock();
  const rows: SocketRow[] = [listener(8080, { pid: 1, exe, processStart: 5 })];

  const t1 = monitor.apply(clock.next(rows));
  assert.equal(t1.firstRun, true);
  assert.equal(t1.tick, 1);
  assert.equal(t1.previousAt, null);
  assert.equal(t1.listenersOpened.length, 1);
  assert.equal(t1.opened[0]!.connection.programId, null, 'hash still being read');
  await hasher.idle();

  const t2 = monitor.apply(clock.next(rows));
  assert.equal(t2.firstRun, false);
  assert.equal(t2.previousAt, t1.at);
  assert.equal(t2.programs.length, 1);
  assert.equal(t2.programs[0]!.baseline, true);
  assert.equal(t2.changed.length, 1);
  assert.equal(t2.changed[0]!.connection.programId, t2.programs[0]!.program.id);
  assert.equal(t2.changed[0]!.persistent, true);
  assert.deepEqual(t2.activePrograms, [t2.programs[0]!.program.id]);
  assert.deepEqual([...monitor.openByProgram()], [[t2.programs[0]!.program.id, 1]]);
});

test('ids continue from the store, and known programs are not sighted again', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const exe = tree.binary('known', 'k');
  tree.process(2, exe);
  const hasher = new ProgramHasher({ procRoot: tree.root });
  const sha = await new Promise<string | null>((r) => hasher.request(2, hasher.statExe(2)!, null, r));
  const monitor = new Monitor({
    hasher,
    known: [{ id: 40, exe, sha256: sha, name: 'known', baseline: false }],
    nextConnectionId: 1000,
    nextProgramId: 41,
  });
  const changes = monitor.apply(new SnapshotClock().next([socket({ pid: 2, exe })]));
  assert.equal(changes.opened[0]!.rowId, 1000);
  assert.equal(changes.opened[0]!.connection.programId, 40, 'cached hash: resolved in the same tick');
  assert.equal(changes.programs.length, 0);
});

test('memory follows live sockets: a long churn leaves only what is alive', () => {
  const monitor = new Monitor({ hasher: new ProgramHasher({ procRoot: '/nonexistent' }) });
  const clock = new SnapshotClock();
  const held = [listener(9000)];
  for (let i = 0; i < 3000; i++) {
    // Each tick: 20 short connections from processes that come and go.
    const churn = Array.from({ length: 20 }, (_, j) =>
      socket({
        localPort: 10_000 + ((i * 20 + j) % 50_000),
        pid: 10_000 + i,
        exe: `/opt/p${i % 7}`,
        processStart: i,
      }),
    );
    monitor.apply(clock.next([...held, ...churn]));
  }
  assert.equal(monitor.tracked().size, 21);
  assert.ok(monitor.registry.processCount <= 1, `processes remembered: ${monitor.registry.processCount}`);
});

test('tick times never run back when the wall clock is set back', () => {
  const monitor = new Monitor({ hasher: new ProgramHasher({ procRoot: '/nonexistent' }) });
  const clock = new SnapshotClock();
  const a = monitor.apply(clock.next([socket()]));
  clock.wall -= 3_600_000;
  const b = monitor.apply(clock.next([]));
  assert.ok(b.at >= a.at);
  assert.ok(b.closed[0]!.closedAt >= b.closed[0]!.connection.firstSeen);
});
