import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WindowCounter } from '../../../../electron/core/alerts/window-counter';

test('counts per key over the window, then forgets', () => {
  const w = new WindowCounter();
  w.add('a', 2, 10_000);
  w.add('a', 1, 10_500);
  w.add('b', 1, 12_000);
  w.add('a', 3, 15_000);
  w.expire(15_000, 10_000);
  assert.deepEqual([w.count('a'), w.count('b'), w.count('c')], [6, 1, 0]);
  w.expire(21_000, 10_000); // the 10 s bucket is older than 11 s: gone
  assert.deepEqual([w.count('a'), w.count('b')], [3, 1]);
  w.expire(30_000, 10_000);
  assert.deepEqual([w.count('a'), w.count('b'), [...w.keys()].length, w.size], [0, 0, 0, 0]);
});

test('a burst of distinct keys is bounded: the oldest seconds go first', () => {
  const w = new WindowCounter(1000);
  for (let s = 0; s < 50; s++) for (let k = 0; k < 100; k++) w.add(`10.0.${s}.${k}`, 1, s * 1000);
  assert.ok(w.size <= 1000, `held ${w.size}`);
  assert.equal(w.count('10.0.49.99'), 1, 'the newest kept');
  assert.equal(w.count('10.0.0.0'), 0, 'the oldest dropped');
});
