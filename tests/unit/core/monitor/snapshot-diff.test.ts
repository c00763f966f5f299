import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSnapshot, emptyLiveSet, type RowContext } from '../../../../electron/core/monitor/snapshot-diff';
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

  const t1 = diffSnapshot(emptyLiveSet(), [server, inbound, outbound], 1000, ctx);
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
    t1,
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

  const t3 = diffSnapshot(t2, [server], 3000, ctx);
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
  const t1 = diffSnapshot(emptyLiveSet(), [row], 1, ctx);
  const t2 = diffSnapshot(t1, [{ ...row, state: 'TIME_WAIT', pid: null, inode: 0, process: null }], 2, ctx);
  assert.equal(t2.opened.length, 0);
  assert.equal(t2.changed.length, 1);
  assert.equal(t2.changed[0]!.rowId, t1.opened[0]!.rowId);
});

test('a TIME_WAIT remnant (no owner in /proc) keeps the program of the connection it continues', () => {
  const ctx = context();
  const row = socket({ pid: 5, inode: 99, process: 'curl', exe: '/usr/bin/curl', processStart: 1234 });
  const t1 = diffSnapshot(emptyLiveSet(), [row], 1, ctx);
  const remnant = {
    ...row,
    state: 'TIME_WAIT',
    inode: 0,
    pid: null,
    process: null,
    exe: null,
    processStart: null,
  };
  const t2 = diffSnapshot(t1, [remnant], 2, ctx);
  const c = t2.changed[0]!.connection;
  assert.deepEqual(
    [c.state, c.pid, c.process, c.exe, c.processStart, c.programId],
    ['TIME_WAIT', 5, 'curl', '/usr/bin/curl', 1234, 105],
  );
  assert.equal(t2.changed[0]!.previousProgramId, 105, 'no change of program');
  assert.equal(remnant.pid, null, 'the polled row is left as it was');
  const t3 = diffSnapshot(t2, [{ ...remnant }], 3, ctx);
  assert.equal(t3.changed.length, 0, 'nothing changes while the remnant lasts');
  assert.equal(t3.live.get(c.key)!.connection.pid, 5);
});

test('a new SYN_RECV with no owner yet is not taken for a remnant', () => {
  const ctx = context();
  const t1 = diffSnapshot(emptyLiveSet(), [socket({ pid: 5, inode: 0, state: 'SYN_SENT' })], 1, ctx);
  const t2 = diffSnapshot(t1, [socket({ pid: null, inode: 0, state: 'SYN_RECV' })], 2, ctx);
  assert.equal(t2.changed[0]?.connection.pid ?? null, null);
});

test('direction is fixed when a connection opens, even if its listener goes', () => {
  const ctx = context();
  const server = listener(8080);
  const conn = socket({ localPort: 8080, remotePort: 40000, inode: 5 });
  const t1 = diffSnapshot(emptyLiveSet(), [server, conn], 1, ctx);
  const t2 = diffSnapshot(t1, [{ ...conn, state: 'CLOSE_WAIT' }], 2, ctx);
  assert.equal(t2.changed[0]!.connection.direction, 'inbound');
});

test('a host name resolved later is a change the history keeps; a program resolved later too', () => {
  const hosts: Record<string, string> = {};
  let program: number | null = null;
  const ctx = { ...context(hosts), programOf: () => program };
  const row: SocketRow = socket({ remoteAddress: '93.184.216.34', pid: 7 });
  const t1 = diffSnapshot(emptyLiveSet(), [row], 1, ctx);
  hosts['93.184.216.34'] = 'example.org';
  program = 12;
  const t2 = diffSnapshot(t1, [row], 2, ctx);
  assert.equal(t2.changed.length, 1);
  const c = t2.changed[0]!;
  assert.equal(c.persistent, true);
  assert.equal(c.connection.remoteHost, 'example.org');
  assert.equal(c.connection.programId, 12);
  assert.equal(c.previousProgramId, null);
});

test('closed connections carry their last row', () => {
  const ctx = context();
  const t1 = diffSnapshot(emptyLiveSet(), [socket({ state: 'FIN_WAIT1' })], 1, ctx);
  const t2 = diffSnapshot(t1, [], 2, ctx);
  assert.equal(t2.closed[0]!.connection.state, 'FIN_WAIT1');
});

test('a new socket reusing the 4-tuple of one in TIME_WAIT is a new connection; both keys are unique', () => {
  const ctx = context();
  const first = socket({ inode: 10 });
  const t1 = diffSnapshot(emptyLiveSet(), [first], 1, ctx);
  const t2 = diffSnapshot(t1, [{ ...first, state: 'TIME_WAIT', inode: 0 }], 2, ctx);
  const t3 = diffSnapshot(t2, [socket({ inode: 11 }), { ...first, state: 'TIME_WAIT', inode: 0 }], 3, ctx);
  assert.equal(t3.opened.length, 1);
  assert.equal(t3.opened[0]!.connection.inode, 11);
  assert.equal(t3.changed.length, 0, 'the TIME_WAIT lifecycle goes on untouched');
  assert.equal(new Set(t3.live.keys()).size, 2);
  const t4 = diffSnapshot(t3, [socket({ inode: 11 }), { ...first, state: 'TIME_WAIT', inode: 0 }], 4, ctx);
  assert.equal(t4.opened.length + t4.changed.length + t4.closed.length, 0, 'stable across ticks');
});

test('a socket found by inode keeps its key; one whose endpoints changed (UDP connect) is looked up again', () => {
  const ctx = context();
  const udp = socket({ proto: 'udp', state: null, remoteAddress: '0.0.0.0', remotePort: 0, inode: 50 });
  const t1 = diffSnapshot(emptyLiveSet(), [udp], 1, ctx);
  const t2 = diffSnapshot(t1, [{ ...udp }], 2, ctx);
  assert.equal(t2.opened.length + t2.closed.length, 0);
  const t3 = diffSnapshot(
    t2,
    [{ ...udp, state: 'ESTABLISHED', remoteAddress: '127.0.0.53', remotePort: 53 }],
    3,
    ctx,
  );
  assert.equal(t3.opened.length, 1);
  assert.equal(t3.closed.length, 1);
});

test('over many churning ticks the live set updated in place matches the sockets and keeps nothing stale', () => {
  const ctx = context();
  let set = emptyLiveSet();
  // The model: endpoint (local port) -> the row id of the connection there, kept by the test itself.
  let model = new Map<number, number>();
  let nextPort = 40000;
  let nextInode = 1;
  let rows: SocketRow[] = [];
  let random = 7;
  const rand = (n: number): number => {
    random ^= random << 13;
    random ^= random >>> 17;
    random ^= random << 5;
    return (random >>> 0) % n;
  };
  for (let tick = 1; tick <= 300; tick++) {
    // Close some (half of them through TIME_WAIT first, inode 0), open some.
    rows = rows.flatMap((row): SocketRow[] => {
      if (row.state === 'TIME_WAIT') return rand(3) === 0 ? [] : [row];
      const r = rand(10);
      if (r === 0) return [];
      if (r === 1) return [{ ...row, state: 'TIME_WAIT', inode: 0, pid: null }];
      return [row];
    });
    for (let i = rand(8); i > 0; i--)
      rows.push(socket({ localPort: nextPort++, remotePort: 443, pid: 1, inode: nextInode++ }));
    const result = diffSnapshot(set, rows, tick * 1000, ctx);
    set = result;
    const now = new Map<number, number>();
    for (const t of result.opened) now.set(t.connection.localPort, t.rowId);
    for (const [port, rowId] of model) if (rows.some((r) => r.localPort === port)) now.set(port, rowId);
    const closedIds = result.closed.map((c) => c.rowId).sort((a, b) => a - b);
    const expectClosed = [...model]
      .filter(([port]) => !now.has(port))
      .map(([, id]) => id)
      .sort((a, b) => a - b);
    assert.deepEqual(closedIds, expectClosed, `tick ${tick}: closed`);
    model = now;
    assert.equal(result.live.size, rows.length, `tick ${tick}: one live connection per row`);
    assert.deepEqual(
      [...result.live.values()].map((t) => t.rowId).sort((a, b) => a - b),
      [...model.values()].sort((a, b) => a - b),
    );
    assert.equal(
      result.byInode.size,
      rows.filter((r) => r.inode !== 0).length,
      `tick ${tick}: no stale inode`,
    );
    assert.equal(result.seen.size, rows.length);
    assert.ok(
      result.byPorts.size <= rows.filter((r) => r.inode === 0).length,
      `tick ${tick}: no stale ports entry`,
    );
  }
});

test('sockets without an inode keep their connection by ports and endpoints, never by ports alone', () => {
  const ctx = context();
  // Same ports, other remote addresses: two TIME_WAIT remnants, two connections.
  const a = socket({ remoteAddress: '10.0.0.1', state: 'TIME_WAIT', inode: 0, pid: null });
  const b = { ...a, remoteAddress: '10.0.0.2' };
  const t1 = diffSnapshot(emptyLiveSet(), [a, b], 1, ctx);
  assert.equal(t1.opened.length, 2);
  const t2 = diffSnapshot(t1, [b, a], 2, ctx);
  assert.equal(t2.opened.length + t2.changed.length + t2.closed.length, 0, 'stable in any order');
  // A SYN_RECV (also inode 0) on the 4-tuple of the remnant is a new connection, as in pass 2.
  const t3 = diffSnapshot(t2, [{ ...a, state: 'SYN_RECV' }, b, a], 3, ctx);
  assert.equal(t3.opened.length, 1);
  assert.equal(t3.opened[0]!.connection.state, 'SYN_RECV');
  assert.equal(t3.changed.length, 0);
  const t4 = diffSnapshot(t3, [b], 4, ctx);
  assert.equal(t4.closed.length, 2);
  assert.deepEqual(
    [...t4.live.values()].map((t) => t.connection.remoteAddress),
    ['10.0.0.2'],
  );
});

test('a connection whose asked name changes keeps the new name as a change; the same name is no change', () => {
  const ctx = context({ '10.0.0.1': 'reverse.example' });
  const row = socket({ remoteAddress: '10.0.0.1', inode: 7, pid: 1 });
  const t1 = diffSnapshot(emptyLiveSet(), [{ ...row, askedHost: 'a.test' }], 1, ctx);
  assert.equal(t1.opened[0]!.connection.remoteHost, 'a.test');
  const t2 = diffSnapshot(t1, [{ ...row, askedHost: 'a.test' }], 2, ctx);
  assert.equal(t2.changed.length, 0);
  const t3 = diffSnapshot(t2, [{ ...row, askedHost: 'b.test' }], 3, ctx);
  assert.equal(t3.changed.length, 1);
  assert.equal(t3.changed[0]!.persistent, true);
  assert.equal(t3.changed[0]!.connection.remoteHost, 'b.test');
  // The asked name stays when the row no longer carries it (reverse DNS does not replace it).
  const t4 = diffSnapshot(t3, [row], 4, ctx);
  assert.equal(t4.changed.length, 0);
  assert.equal(t4.live.get(t3.changed[0]!.connection.key)!.connection.remoteHost, 'b.test');
});
