import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { createService } from '../../../electron/core/service';
import { connections, ScriptedSampler } from './scripted-sampler';
import { tempDir } from './temp-dir';

test('disk full: sampling goes on, reported once, ticks wait in a bounded queue, writing resumes, nothing committed lost', async (t) => {
  const dir = tempDir(t);
  const sampler = new ScriptedSampler();
  const notices: string[] = [];
  const service = await createService({
    dbPath: path.join(dir, 'netwatch.db'),
    sampler,
    autoStart: false,
    maxPendingTicks: 20,
    enricher: { hostOf: () => null, serviceOf: () => null },
    onNotice: (m) => notices.push(m),
  });
  t.after(() => service.close());
  const statuses: boolean[] = [];
  let deltas = 0;
  service.subscribe((name, payload) => {
    if (name === 'live.onDelta') deltas++;
    if (name === 'status.onChanged')
      statuses.push((payload as { database: { healthy: boolean } }).database.healthy);
  });
  const store = service.context.store;
  let first = 0;
  const tick = async () => {
    sampler.sockets = connections(first, 300);
    first += 100; // 100 open and 100 close every tick
    sampler.step();
    return service.tick();
  };

  for (let i = 0; i < 5; i++) await tick();
  const committed = store.history({}, null, 1000).rows.map((r) => [r.id, r.firstSeen, r.closedAt]);
  assert.equal(committed.length, 700);

  store.db.pragma(`max_page_count = ${Number(store.db.pragma('page_count', { simple: true }))}`);
  for (let i = 0; i < 30; i++) {
    const changes = await tick();
    assert.ok(changes, 'sampling goes on while the disk is full');
    assert.equal(changes.opened.length, 100);
  }
  assert.equal(deltas, 35, 'the live view keeps moving');
  assert.equal(notices.filter((m) => /disk is full/.test(m)).length, 1, 'reported once');
  assert.equal(service.pendingTicks, 20, 'the queue is bounded');
  const status = await service.handlers.status.get({});
  assert.equal(status.database.healthy, false);
  assert.match(status.database.message ?? '', /disk is full/);

  store.db.pragma('max_page_count = 1073741823');
  await tick();
  assert.equal(service.pendingTicks, 0);
  assert.ok(notices.some((m) => /resumed/.test(m)));
  assert.deepEqual(statuses, [false, true]);
  assert.equal((await service.handlers.status.get({})).database.healthy, true);

  const after = new Map(
    (
      store.db.prepare('SELECT id, first_seen FROM connections').all() as { id: number; first_seen: number }[]
    ).map((r) => [r.id, r.first_seen]),
  );
  for (const [id, firstSeen] of committed)
    assert.equal(after.get(id as number), firstSeen, `committed row ${id} kept`);
  // The rows of what is open now match the live view exactly.
  const open = store.db
    .prepare('SELECT id FROM connections WHERE closed_at IS NULL ORDER BY id')
    .pluck()
    .all();
  const live = [...service.context.monitor.tracked().values()].map((c) => c.rowId).sort((a, b) => a - b);
  assert.deepEqual(open, live);
  assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
});
