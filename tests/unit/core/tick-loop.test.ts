import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TickLoop } from '../../../electron/core/tick-loop';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('ticks never overlap; pause stops them, resume restarts, stop waits for the tick in flight', async () => {
  let running = 0;
  let overlaps = 0;
  let ticks = 0;
  const loop = new TickLoop(
    async () => {
      running++;
      if (running > 1) overlaps++;
      await sleep(15); // slower than the interval
      running--;
      ticks++;
      return ticks;
    },
    () => 5,
    (e) => assert.fail(String(e)),
  );
  loop.start();
  void loop.runOnce(); // a tick asked for from outside joins the queue
  for (let i = 0; i < 100 && ticks < 4; i++) await sleep(10);
  assert.ok(ticks >= 4);
  assert.equal(overlaps, 0);

  loop.pause();
  await sleep(40);
  const paused = ticks;
  await sleep(60);
  assert.ok(ticks <= paused + 1, 'at most the tick in flight finishes after pause');
  assert.equal(loop.paused, true);

  loop.resume();
  for (let i = 0; i < 100 && ticks < paused + 3; i++) await sleep(10);
  assert.ok(ticks >= paused + 3);

  await loop.stop();
  assert.equal(running, 0, 'stop waited for the tick in flight');
  const stopped = ticks;
  await sleep(40);
  assert.equal(ticks, stopped);
  assert.equal(await loop.runOnce(), null);
});

test('a tick that throws is reported and the loop goes on', async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const loop = new TickLoop(
    async () => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return calls;
    },
    () => 5,
    (e) => errors.push(e),
  );
  loop.start();
  for (let i = 0; i < 100 && calls < 3; i++) await sleep(10);
  await loop.stop();
  assert.equal(errors.length, 1);
  assert.ok(calls >= 3);
});
