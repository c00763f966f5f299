// The export dialog follows its own export: only progress events with the id it gave its call
// count, and each face's order of events (the app: progress then answer; the browser
// mode: answer then progress) ends in the outcome a person should see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExportProgress } from '../../../../shared/contract';
import {
  canClose,
  exportRunReducer,
  idleRun,
  isRunning,
  type ExportRun,
  type ExportRunEvent,
} from '../../../../renderer/src/views/history/export-run';

const progress = (
  exportId: string,
  rows: number,
  done = false,
  error: string | null = null,
): ExportRunEvent => ({
  type: 'progress',
  progress: { exportId, rows, done, error } satisfies ExportProgress,
});
const start = (exportId: string): ExportRunEvent => ({ type: 'start', exportId });
const play = (events: ExportRunEvent[], from: ExportRun = idleRun) => events.reduce(exportRunReducer, from);

test('the app: rows counted while writing, then the saved path with the final count', () => {
  const writing = play([start('a'), progress('a', 500), progress('a', 1000)]);
  assert.deepEqual(writing, { phase: 'asking', exportId: 'a', rows: 1000 });
  assert.equal(canClose(writing), false);
  const done = play(
    [
      progress('a', 1234, true),
      { type: 'answer', result: { status: 'saved', path: '/tmp/x.csv', rows: 1234 } },
    ],
    writing,
  );
  assert.deepEqual(done, { phase: 'saved', path: '/tmp/x.csv', rows: 1234 });
  assert.equal(isRunning(done), false);
  assert.equal(canClose(done), true);
});

test('the browser mode: the link first, then the download’s progress to the end', () => {
  const linked = play([start('b'), { type: 'answer', result: { status: 'download', url: '/export/x' } }]);
  assert.deepEqual(linked, { phase: 'downloading', exportId: 'b', rows: 0 });
  assert.equal(canClose(linked), true, 'the download is the browser’s once it has the link');
  const done = play([progress('b', 10), progress('b', 42, true)], linked);
  assert.deepEqual(done, { phase: 'downloaded', rows: 42 });
});

test('events of another export are ignored, even those arriving first', () => {
  const run = play([
    start('mine'),
    progress('other', 400),
    progress('mine', 5),
    progress('other', 900),
    progress('other', 900, true, 'disk full'),
  ]);
  assert.deepEqual(run, { phase: 'asking', exportId: 'mine', rows: 5 });
});

test('events before asking, or after the end, change nothing', () => {
  assert.deepEqual(play([progress('x', 5)]), idleRun);
  const saved: ExportRun = { phase: 'saved', path: '/p', rows: 3 };
  assert.deepEqual(play([progress('x', 9), { type: 'error', message: 'late' }], saved), saved);
});

test('a failure reported by progress, or by the call, is the outcome; a later answer does not hide it', () => {
  const byEvent = play([start('a'), progress('a', 7, true, 'EACCES: permission denied')]);
  assert.deepEqual(byEvent, { phase: 'failed', error: 'EACCES: permission denied' });
  assert.deepEqual(
    play([{ type: 'answer', result: { status: 'saved', path: '/p', rows: 0 } }], byEvent),
    byEvent,
  );
  assert.deepEqual(play([start('a'), { type: 'error', message: 'link down' }]), {
    phase: 'failed',
    error: 'link down',
  });
});

test('cancelling the save dialog is its own outcome, and a new run can start after any outcome', () => {
  const cancelled = play([start('a'), { type: 'answer', result: { status: 'cancelled' } }]);
  assert.deepEqual(cancelled, { phase: 'cancelled' });
  assert.deepEqual(play([start('c')], cancelled), { phase: 'asking', exportId: 'c', rows: 0 });
  const failed: ExportRun = { phase: 'failed', error: 'x' };
  assert.deepEqual(play([start('d')], failed), { phase: 'asking', exportId: 'd', rows: 0 });
});

test('a second start while running keeps the run it has', () => {
  const running = play([start('a'), progress('a', 3)]);
  assert.deepEqual(play([start('e')], running), running);
});
