import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../../../../electron/core/store/open-store';
import type { Store } from '../../../../electron/core/store/store';
import type { HistoryFilter } from '../../../../shared/contract';
import type { ConnectionRecord, Direction } from '../../../../shared/model';
import { closed, tickWrite, tracked } from './store-fixtures';

interface Seed {
  id: number;
  firstSeen: number;
  programId: number | null;
  remote: string;
  host: string | null;
  remotePort: number;
  localPort: number;
  proto: 'tcp' | 'udp';
  state: string;
  direction: Direction;
}

/** 300 rows with a spread of every filtered field; several share a firstSeen (ties by id). */
function seed(store: Store): Seed[] {
  const seeds: Seed[] = [];
  for (let id = 1; id <= 300; id++) {
    seeds.push({
      id,
      firstSeen: 1_000_000 + Math.floor(id / 3) * 1000,
      programId: id % 4 === 0 ? null : (id % 3) + 1,
      remote: `10.0.0.${id % 5}`,
      host: id % 5 === 1 ? 'api.example.org' : null,
      remotePort: [443, 80, 53][id % 3]!,
      localPort: 40000 + id,
      proto: id % 7 === 0 ? 'udp' : 'tcp',
      state: id % 2 ? 'ESTABLISHED' : 'TIME_WAIT',
      direction: id % 11 === 0 ? 'inbound' : 'outbound',
    });
  }
  store.writeTick(
    tickWrite(2_000_000, {
      programs: [1, 2, 3].map((id) => ({
        kind: 'new' as const,
        program: { id, exe: `/usr/bin/prog${id}`, sha256: null, name: `prog${id}` },
        previous: null,
        baseline: false,
        pid: id,
        uid: 0,
        user: 'root',
        cmdline: null,
        deleted: false,
        connection: tracked(1).connection,
        at: 1_000_000,
      })),
      opened: seeds.map((s) =>
        tracked(s.id, {
          firstSeen: s.firstSeen,
          programId: s.programId,
          process: s.programId ? `prog${s.programId}` : 'other',
          remoteAddress: s.remote,
          remoteHost: s.host,
          remotePort: s.remotePort,
          localPort: s.localPort,
          proto: s.proto,
          state: s.state,
          direction: s.direction,
        }),
      ),
    }),
  );
  store.writeTick(
    tickWrite(2_001_000, {
      closed: seeds
        .filter((s) => s.id % 2 === 0)
        .map((s) => closed(tracked(s.id, { state: s.state }), 2_001_000)),
    }),
  );
  return seeds;
}

const newestFirst = (a: { firstSeen: number; id: number }, b: { firstSeen: number; id: number }) =>
  b.firstSeen - a.firstSeen || b.id - a.id;

function allPages(store: Store, filter: HistoryFilter, limit: number): ConnectionRecord[] {
  const out: ConnectionRecord[] = [];
  let cursor = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = store.history(filter, cursor, limit);
    out.push(...page.rows);
    if (!page.next) return out;
    cursor = page.next;
  }
  throw new Error('paging did not end');
}

test('keyset pages cover every row once, newest first, ties broken by id', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const seeds = seed(store);
  const rows = allPages(store, {}, 7);
  assert.deepEqual(
    rows.map((r) => r.id),
    [...seeds].sort(newestFirst).map((s) => s.id),
  );
});

test('each filter selects exactly the rows it describes', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const seeds = seed(store);
  const cases: [HistoryFilter, (s: Seed) => boolean][] = [
    [{ programId: 2 }, (s) => s.programId === 2],
    [{ program: 'prog3' }, (s) => s.programId === 3],
    [{ program: 'other' }, (s) => s.programId === null],
    [{ remote: '10.0.0.2' }, (s) => s.remote === '10.0.0.2'],
    [{ remote: 'example.org' }, (s) => s.host === 'api.example.org'],
    [{ port: 53 }, (s) => s.remotePort === 53],
    [{ port: 40010 }, (s) => s.localPort === 40010],
    [{ proto: 'udp' }, (s) => s.proto === 'udp'],
    [{ state: 'time_wait' }, (s) => s.state === 'TIME_WAIT'],
    [{ direction: 'inbound' }, (s) => s.direction === 'inbound'],
    [{ from: 1_050_000, to: 1_060_000 }, (s) => s.firstSeen >= 1_050_000 && s.firstSeen <= 1_060_000],
    [
      { programId: 1, proto: 'tcp', from: 1_020_000 },
      (s) => s.programId === 1 && s.proto === 'tcp' && s.firstSeen >= 1_020_000,
    ],
  ];
  for (const [filter, expected] of cases) {
    const got = allPages(store, filter, 50).map((r) => r.id);
    const want = seeds
      .filter(expected)
      .sort(newestFirst)
      .map((s) => s.id);
    assert.ok(want.length > 0, `case ${JSON.stringify(filter)} selects something`);
    assert.deepEqual(got, want, JSON.stringify(filter));
  }
});

test('LIKE wildcards in filter text are matched literally', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  seed(store);
  assert.equal(store.history({ program: '%' }).rows.length, 0);
  assert.equal(store.history({ remote: '_' }).rows.length, 0);
});

test('the streamed history yields the same rows as the pages', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  seed(store);
  const filter: HistoryFilter = { programId: 1 };
  assert.deepEqual(
    [...store.iterateHistory(filter)].map((r) => r.id),
    allPages(store, filter, 1000).map((r) => r.id),
  );
});

test('programs: list, one, recent, remotes; totals', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const seeds = seed(store);
  assert.deepEqual(
    store
      .programs()
      .map((p) => p.name)
      .sort(),
    ['prog1', 'prog2', 'prog3'],
  );
  assert.equal(store.program(2)!.exe, '/usr/bin/prog2');
  assert.equal(store.program(99), null);
  assert.equal(store.programRecent(2, 5).length, 5);
  const remotes = store.programRemotes(2, 10);
  const mine = seeds.filter((s) => s.programId === 2);
  assert.equal(
    remotes.reduce((n, r) => n + r.count, 0),
    mine.length,
  );
  const totals = store.totals();
  assert.equal(totals.connections, 300);
  assert.equal(totals.openConnections, 150);
  assert.equal(totals.programs, 3);
});
