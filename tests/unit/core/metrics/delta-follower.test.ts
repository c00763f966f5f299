// The follower hands on a live snapshot's connections as opened (a listener may attach after the
// first ticks, and history holds them as opened), then only the deltas after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeltaFollower } from '../../../../electron/core/metrics/delta-follower';
import type { LiveConnection } from '../../../../shared/model';

const row = (key: string, state: string): LiveConnection =>
  ({ key, state, pid: 1, proto: 'tcp' }) as unknown as LiveConnection;

test('a seed comes back as opened, older deltas are skipped, later ones followed', () => {
  const f = new DeltaFollower();
  const a = row('a', 'ESTABLISHED');
  const seeded = f.seed({ tick: 3, at: 3000, connections: [a] });
  assert.deepEqual(seeded?.opened, [a]);
  assert.equal(seeded?.at, 3000);
  assert.equal(f.follow({ tick: 3, at: 3000, opened: [a], changed: [], closed: [] }), null);
  const a2 = row('a', 'CLOSE_WAIT');
  const b = row('b', 'SYN_SENT');
  const next = f.follow({ tick: 4, at: 4000, opened: [b], changed: [a2], closed: [] });
  assert.deepEqual(next?.opened, [b]);
  assert.deepEqual(next?.changed, [{ now: a2, before: a }]);
  const last = f.follow({ tick: 5, at: 5000, opened: [], changed: [], closed: ['a', 'gone'] });
  assert.deepEqual(last?.closed, [a2]);
  assert.equal(f.size, 1);
  assert.equal(f.seed({ tick: 0, at: 0, connections: [] }), null);
});
