import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TickClock } from '../../../../electron/core/monitor/tick-clock';

test('follows the wall clock while it moves forward, including a jump ahead (a suspend)', () => {
  const clock = new TickClock();
  assert.equal(clock.next(1_000_000, 0).at, 1_000_000);
  assert.equal(clock.next(1_001_000, 1000).at, 1_001_000);
  assert.equal(clock.next(1_001_000 + 8 * 3_600_000, 2000).at, 1_001_000 + 8 * 3_600_000);
});

test('a clock set back never makes time run back; it catches up with the wall clock later', () => {
  const clock = new TickClock();
  let previous = clock.next(10_000_000, 0).at;
  let mono = 0;
  let wall = 10_000_000 - 3_600_000; // set back one hour
  const seen: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    mono += 1000;
    wall += 1000;
    const { at } = clock.next(wall, mono);
    assert.ok(at >= previous, `tick ${i}: ${at} < ${previous}`);
    previous = at;
    seen.push(at - wall);
  }
  assert.equal(seen.at(-1), 0, 'back on the wall clock after it caught up');
});

test('the first tick is never earlier than the last tick an earlier run wrote', () => {
  const clock = new TickClock(5_000_000);
  assert.equal(clock.next(4_000_000, 0).at, 5_000_000);
});

test('elapsed time comes from the monotonic clock', () => {
  const clock = new TickClock();
  clock.next(0, 100);
  assert.equal(clock.next(999_999_999, 350).elapsedMs, 250);
});
