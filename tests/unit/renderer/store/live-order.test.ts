// The Live order carried from tick to tick must always equal a fresh filter-and-sort of the table,
// whatever the deltas did (open, change into and out of the filter, close, reload). The oracle is
// a plain filter and sort of the table's rows, computed here without the carried order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveConnection } from '../../../../shared/model';
import { defaultLiveFilter, type LiveFilter } from '../../../../renderer/src/store/live-filter';
import { LiveOrder } from '../../../../renderer/src/store/live-order';
import { LiveTable, type LiveRow } from '../../../../renderer/src/store/live-table';
import type { SortState } from '../../../../renderer/src/store/sort-rows';

const states = ['ESTABLISHED', 'TIME_WAIT', 'LISTEN', 'SYN_SENT'];
function conn(
  n: number,
  state = states[n % states.length]!,
  port = 1000 + ((n * 7919) % 5000),
): LiveConnection {
  return {
    key: `k${n}`,
    proto: n % 5 === 0 ? 'udp' : 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: port,
    remoteAddress: '127.0.0.1',
    remotePort: 80,
    state: n % 5 === 0 ? null : state,
    recvQ: 0,
    sendQ: 0,
    uid: 0,
    user: 'root',
    inode: n,
    pid: n,
    process: `p${n % 13}`,
    exe: null,
    cmdline: null,
    processStart: 0,
    direction: 'outbound',
    firstSeen: n,
    remoteHost: null,
    service: null,
    programId: n % 13,
  };
}

const keyOf = (column: string) => (r: LiveRow) => (column === 'port' ? r.c.localPort : (r.c.state ?? null));

function oracle(table: LiveTable, filter: LiveFilter, sort: SortState): string[] {
  const keep = table.list().filter((r) => (filter.state ? r.c.state === filter.state : true));
  const k = keyOf(sort.column);
  return keep
    .sort((a, b) => {
      const ka = k(a);
      const kb = k(b);
      if (ka !== kb) {
        if (ka === null) return 1;
        if (kb === null) return -1;
        return (ka < kb ? -1 : 1) * (sort.dir === 'asc' ? 1 : -1);
      }
      return a.c.key < b.c.key ? -1 : 1;
    })
    .map((r) => r.c.key);
}

test('the carried order always equals a fresh sort, through random deltas', () => {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const table = new LiveTable();
  const order = new LiveOrder(keyOf);
  let next = 0;
  table.load({ tick: 0, at: 0, connections: Array.from({ length: 300 }, () => conn(next++)) });
  const filters: [LiveFilter, SortState][] = [
    [defaultLiveFilter, { column: 'port', dir: 'asc' }],
    [
      { ...defaultLiveFilter, state: 'ESTABLISHED' },
      { column: 'port', dir: 'desc' },
    ],
    [defaultLiveFilter, { column: 'state', dir: 'asc' }],
  ];
  for (let tick = 1; tick <= 120; tick++) {
    const live = table.list().filter((r) => r.closedAt === null);
    const opened = Array.from({ length: rand(6) }, () => conn(next++));
    const changed = Array.from({ length: rand(6) }, () => {
      const r = live[rand(live.length)]!;
      return { ...r.c, state: states[rand(states.length)]!, localPort: 1000 + rand(5000) };
    });
    const closed = Array.from({ length: rand(6) }, () => live[rand(live.length)]!.c.key);
    table.apply(
      { tick, at: tick, opened, changed: changed.filter((c) => !closed.includes(c.key)), closed },
      tick * 700,
    );
    if (tick % 9 === 0) table.prune(tick * 700);
    if (tick === 60) table.load({ tick: 60, at: 0, connections: live.slice(0, 200).map((r) => r.c) });
    const [filter, sort] = filters[Math.floor(tick / 40) % filters.length]!;
    assert.deepEqual(
      order.compute(table, filter, sort).map((r) => r.c.key),
      oracle(table, filter, sort),
      `tick ${tick}`,
    );
  }
});

test('state counts follow opens, changes and closes without recounting', () => {
  const table = new LiveTable();
  table.load({ tick: 0, at: 0, connections: [conn(1, 'LISTEN'), conn(2, 'ESTABLISHED'), conn(5)] });
  assert.deepEqual(Object.fromEntries(table.stateCounts()), { LISTEN: 1, ESTABLISHED: 1, '(udp)': 1 });
  table.apply(
    { tick: 1, at: 0, opened: [conn(3, 'SYN_RECV')], changed: [conn(2, 'TIME_WAIT')], closed: ['k1'] },
    0,
  );
  assert.deepEqual(Object.fromEntries(table.stateCounts()), { TIME_WAIT: 1, SYN_RECV: 1, '(udp)': 1 });
  table.apply({ tick: 2, at: 0, opened: [conn(1, 'LISTEN')], changed: [], closed: ['k2', 'k2'] }, 0);
  assert.deepEqual(Object.fromEntries(table.stateCounts()), { SYN_RECV: 1, '(udp)': 1, LISTEN: 1 });
});
