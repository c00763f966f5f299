import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrackedConnection } from '../../../../electron/core/monitor/changes';
import { diffSnapshot, type RowContext } from '../../../../electron/core/monitor/snapshot-diff';
import type { SocketRow } from '../../../../shared/model';
import { listener, socket } from './snapshot-builder';

function context(hosts: Record<string, string> = {}): RowContext {
  let id = 1;
  return {
    programOf: (row) => (row.pid === null ? null : 100 + row.pid),
    hostOf: (address) => hosts[address] ?? null,
    serviceOf: (_proto, port) => (port === 22 ? 'ssh' : null),
    nextRowId: () => id++,
  };
}

test('opened, changed and closed across ticks; a connection lives until the first tick that misses it', () => {
  const ctx = context();
  const server = listener(22, { pid: 1 });
  const inbound = socket({ localPort: 22, remotePort: 50000, pid: 1, inode: 2 });
  const outbound = socket({
    localPort: 50001,
    remotePort: 443,
    remoteAddress: '93.184.216.34',
    pid: 2,
    inode: 3,
  });

  const t1 = diffSnapshot(new Map(), [server, inbound, outbound], 1000, ctx);
  assert.equal(t1.opened.length, 3);
  assert.deepEqual(
    t1.opened.map((o) => [o.rowId, o.connection.direction, o.connection.firstSeen]),
    [
      [1, 'listen', 1000],
      [2, 'inbound', 1000],
      [3, 'outbound', 1000],
    ],
  );
  assert.equal(t1.opened[1]!.connection.service, 'ssh', 'inbound: the local port names the service');
  assert.equal(t1.opened[0]!.connection.programId, 101);

  const t2 = diffSnapshot(
    t1.live,
    [server, { ...inbound, state: 'CLOSE_WAIT' }, { ...outbound, sendQ: 10 }],
    2000,
    ctx,
  );
  assert.equal(t2.opened.length, 0);
  assert.deepEqual(
    t2.changed.map((c) => [c.rowId, c.connection.state, c.previousState, c.persistent]),
    [
      [2, 'CLOSE_WAIT', 'ESTABLISHED', true],
      [3, 'ESTABLISHED', 'ESTABLISHED', false],
    ],
  );
  assert.equal(t2.changed[0]!.connection.firstSeen, 1000, 'a change keeps the lifecycle');
  assert.equal(
    t2.live.get(t1.opened[0]!.connection.key),
    t1.live.get(t1.opened[0]!.connection.key),
    'unchanged rows are reused',
  );

  const t3 = diffSnapshot(t2.live, [server], 3000, ctx);
  assert.deepEqual(
    t3.closed.map((c) => [c.rowId, c.closedAt]),
    [
      [2, 3000],
      [3, 3000],
    ],
  );
  assert.equal(t3.live.size, 1);
});

test('entering TIME_WAIT is a state change of the same connection, not a new one', () => {
  const ctx = context();
  const row = socket({ pid: 5, inode: 99 });
  const t1 = diffSnapshot(new Map(), [row], 1, ctx);
  const t2 = diffSnapshot(
    t1.live,
    [{ ...row, state: 'TIME_WAIT', pid: null, inode: 0, process: null }],
    2,
    ctx,
  );
  assert.equal(t2.opened.length, 0);
  assert.equal(t2.changed.length, 1);
  assert.equal(t2.changed[0]!.rowId, t1.opened[0]!.rowId);
});

test('direction is fixed when a connection opens, even if its listener goes', () => {
  const ctx = context();
  const server = listener(8080);
  const conn = socket({ localPort: 8080, remotePort: 40000, inode: 5 });
  const t1 = diffSnapshot(new Map(), [server, conn], 1, ctx);
  const t2 = diffSnapshot(t1.live, [{ ...conn, state: 'CLOSE_WAIT' }], 2, ctx);
  assert.equal(t2.changed[0]!.connection.direction, 'inbound');
});

test('a host name resolved later is a change the history keeps; a program resolved later too', () => {
  const hosts: Record<string, string> = {};
  let program: number | null = null;
  const ctx = { ...context(hosts), programOf: () => program };
  const row: SocketRow = socket({ remoteAddress: '93.184.216.34', pid: 7 });
  const t1 = diffSnapshot(new Map(), [row], 1, ctx);
  hosts['93.184.216.34'] = 'example.org';
  program = 12;
  const t2 = diffSnapshot(t1.live, [row], 2, ctx);
  assert.equal(t2.changed.length, 1);
  const c = t2.changed[0]!;
  assert.equal(c.persistent, true);
  assert.equal(c.connection.remoteHost, 'example.org');
  assert.equal(c.connection.programId, 12);
  assert.equal(c.previousProgramId, null);
});

test('closed connections carry their last row', () => {
  const ctx = context();
  const t1 = diffSnapshot(new Map<string, TrackedConnection>(), [socket({ state: 'FIN_WAIT1' })], 1, ctx);
  const t2 = diffSnapshot(t1.live, [], 2, ctx);
  assert.equal(t2.closed[0]!.connection.state, 'FIN_WAIT1');
});
