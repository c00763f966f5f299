import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toTickWrite } from '../../../../electron/core/monitor/changes';
import { Monitor } from '../../../../electron/core/monitor/monitor';
import { ProgramHasher } from '../../../../electron/core/monitor/program-hasher';
import { openStore } from '../../../../electron/core/store/open-store';
import { TickWriter } from '../../../../electron/core/store/tick-writer';
import type { SocketRow } from '../../../../shared/model';
import { SnapshotClock, socket } from '../monitor/snapshot-builder';

function rows(tick: number, n: number): SocketRow[] {
  // n connections per tick, each living three ticks: opens and closes every tick.
  const out: SocketRow[] = [];
  for (let t = Math.max(0, tick - 2); t <= tick; t++) {
    for (let i = 0; i < n; i++)
      out.push(socket({ localPort: 1024 + ((t * n + i) % 60000), inode: t * n + i + 1 }));
  }
  return out;
}

test('writes that fail wait in a bounded queue, are reported once, and resume with the live state reconciled', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const monitor = new Monitor({ hasher: new ProgramHasher({ procRoot: '/nonexistent' }) });
  const health: (string | null)[] = [];
  const writer = new TickWriter(
    store,
    { live: () => monitor.tracked().values(), programs: () => monitor.registry.known() },
    { maxPendingTicks: 5, onHealth: (m) => health.push(m) },
  );
  const clock = new SnapshotClock();
  let tick = 0;
  const step = () => writer.write(toTickWrite(monitor.apply(clock.next(rows(tick++, 40)))));

  for (let i = 0; i < 3; i++) assert.equal(step(), true);
  const committed = store.history({}, null, 1000).rows.map((r) => r.id);
  assert.equal(committed.length, 120);

  // Emulate a full disk: the file may not grow by a single page.
  store.db.pragma(`max_page_count = ${Number(store.db.pragma('page_count', { simple: true }))}`);
  for (let i = 0; i < 12; i++) assert.equal(step(), false, `tick ${tick} waits`);
  assert.equal(health.length, 1, 'reported once');
  assert.match(health[0]!, /disk is full/);
  assert.equal(writer.pendingTicks, 5, 'bounded');
  assert.ok(writer.dropped > 0);

  store.db.pragma('max_page_count = 1073741823');
  assert.equal(step(), true);
  assert.equal(writer.pendingTicks, 0);
  assert.deepEqual(health, [health[0], null], 'recovery reported');

  // Nothing committed was lost, and the open rows are exactly what is alive.
  const ids = new Set(store.history({}, null, 1000).rows.map((r) => r.id));
  for (const id of committed) assert.ok(ids.has(id), `row ${id} kept`);
  const open = store.db
    .prepare('SELECT id FROM connections WHERE closed_at IS NULL ORDER BY id')
    .pluck()
    .all();
  const live = [...monitor.tracked().values()].map((c) => c.rowId).sort((a, b) => a - b);
  assert.deepEqual(open, live);
  assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
});
