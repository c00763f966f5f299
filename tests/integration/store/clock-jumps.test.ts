import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { createService } from '../../../electron/core/service';
import { closed, tickWrite, tracked } from '../../unit/core/store/store-fixtures';
import { connections, ScriptedSampler } from './scripted-sampler';
import { tempDir } from './temp-dir';

const DAY = 86_400_000;
const HOUR = 3_600_000;

test('clock jumps forward and back: no negative durations, retention deletes only what is really old', async (t) => {
  const dir = tempDir(t);
  const sampler = new ScriptedSampler();
  const service = await createService({
    dbPath: path.join(dir, 'netwatch.db'),
    sampler,
    autoStart: false,
    enricher: { hostOf: () => null, serviceOf: () => null },
    onNotice: () => undefined,
  });
  t.after(() => service.close());
  const store = service.context.store;
  const start = sampler.wall;
  // History from earlier runs: 40 days old (past the 30-day retention) and 10 days old.
  const aged = (id: number, age: number) => tracked(id, { firstSeen: start - age });
  const old = [1, 2, 3].map((i) => aged(1_000_000 + i, 40 * DAY));
  const keep = [4, 5, 6].map((i) => aged(1_000_000 + i, 10 * DAY));
  store.writeTick(tickWrite(start - DAY, { opened: [...old, ...keep] }));
  store.writeTick(
    tickWrite(start - DAY, {
      closed: [
        ...old.map((c) => closed(c, c.connection.firstSeen + 60_000)),
        ...keep.map((c) => closed(c, c.connection.firstSeen + 60_000)),
      ],
    }),
  );

  const ats: number[] = [];
  let first = 0;
  const tick = async (wallStep: number, monoStep = 1000) => {
    sampler.sockets = connections(first, 20);
    first += 5;
    sampler.wall += wallStep;
    sampler.monotonic += monoStep;
    const changes = await service.tick();
    assert.ok(changes);
    ats.push(changes.at);
  };

  for (let i = 0; i < 5; i++) await tick(1000); // the first tick runs retention
  const ids = () => new Set(store.db.prepare('SELECT id FROM connections').pluck().all() as number[]);
  assert.deepEqual(
    [...ids()].filter((id) => id > 1_000_000).sort(),
    keep.map((c) => c.rowId),
    'the 40-day-old rows went, the 10-day-old stayed',
  );
  const beforeJump = ids();

  await tick(60 * DAY); // the wall clock jumps 60 days ahead
  for (let i = 0; i < 5; i++) await tick(1000);
  await tick(HOUR + 1000, HOUR + 1000); // an hour later: retention runs again
  await tick(-2 * HOUR); // set back two hours
  for (let i = 0; i < 10; i++) await tick(1000);
  await tick(HOUR, HOUR);

  const now = ids();
  for (const id of beforeJump) assert.ok(now.has(id), `row ${id} from before the jump kept`);
  for (let i = 1; i < ats.length; i++) assert.ok(ats[i]! >= ats[i - 1]!, `tick ${i} ran back`);
  const negative = store.db
    .prepare(
      `SELECT count(*) FROM connections WHERE closed_at < first_seen OR last_seen < first_seen OR closed_at < last_seen`,
    )
    .pluck()
    .get();
  assert.equal(negative, 0, 'no negative durations');
  const history = store.history({}, null, 1000).rows;
  assert.ok(history.every((r) => r.closedAt === null || r.closedAt - r.firstSeen >= 0));
});
