import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toTickWrite } from '../../../../electron/core/monitor/changes';
import { Monitor } from '../../../../electron/core/monitor/monitor';
import { ProgramHasher } from '../../../../electron/core/monitor/program-hasher';
import { openStore } from '../../../../electron/core/store/open-store';
import { ProcTree } from '../monitor/proc-tree';
import { listener, SnapshotClock, socket } from '../monitor/snapshot-builder';

test('a tick is written as rows: opened, state changes, closings, programs and their counts', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const exe = tree.binary('web', 'web server');
  tree.process(1, exe);
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const hasher = new ProgramHasher({ procRoot: tree.root });
  const start = store.startState();
  assert.equal(start.firstRun, true);
  const monitor = new Monitor({ hasher, firstRun: start.firstRun, nextConnectionId: start.nextConnectionId });
  const clock = new SnapshotClock();
  const owner = { pid: 1, exe, process: 'web', processStart: 9 };
  const server = listener(80, owner);
  const conn = socket({ localPort: 80, remotePort: 41000, inode: 7, ...owner });

  const write = (rows: (typeof server)[]) => {
    const changes = monitor.apply(clock.next(rows));
    store.writeTick(toTickWrite(changes));
    return changes;
  };
  const c1 = write([server, conn]);
  await hasher.idle();
  write([server, { ...conn, state: 'CLOSE_WAIT' }]); // program resolved + state change
  const c3 = write([server]);

  const rows = store.history({}).rows;
  assert.equal(rows.length, 2);
  const closedRow = rows.find((r) => r.localPort === 80 && r.remotePort === 41000)!;
  assert.equal(closedRow.state, 'CLOSE_WAIT');
  assert.equal(closedRow.direction, 'inbound');
  assert.equal(closedRow.firstSeen, c1.at);
  assert.equal(closedRow.closedAt, c3.at);
  assert.equal(closedRow.lastSeen, c3.previousAt);
  assert.equal(closedRow.exe, exe, 'exe read back through the program');
  const programs = store.programs();
  assert.equal(programs.length, 1);
  assert.equal(programs[0]!.exe, exe);
  assert.equal(programs[0]!.baseline, true);
  assert.equal(programs[0]!.connectionsTotal, 2, 'counted when resolved after opening');
  assert.equal(programs[0]!.firstSeen, c1.at);
  assert.equal(programs[0]!.lastSeen, c3.at);
  assert.equal(store.startState().firstRun, false);
  assert.equal(store.startState().lastTickAt, c3.at);
  assert.equal(store.startState().nextConnectionId, 3);
});

test('closing every open row never puts closed_at before first_seen', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  store.db
    .prepare(
      `INSERT INTO connections (id, proto, family, local_address, local_port, remote_address, remote_port, direction, first_seen)
       VALUES (1, 'tcp', 4, '127.0.0.1', 1, '127.0.0.1', 2, 'outbound', 5000)`,
    )
    .run();
  assert.equal(store.closeOpenConnections(4000), 1);
  const row = store.history({}).rows[0]!;
  assert.equal(row.closedAt, 5000);
  assert.equal(row.lastSeen, 5000);
});
