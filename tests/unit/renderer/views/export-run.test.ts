// The export dialog follows its own export: the first progress event after asking gives the id,
// others are ignored, and each face's order of events (the app: progress then answer; the browser
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
const play = (events: ExportRunEvent[], from: ExportRun = idleRun) => events.reduce(exportRunReducer, from);

test('the app: rows counted while writing, then the saved path with the final count', () => {
  const writing = play([{ type: 'start' }, progress('a', 500), progress('a', 1000)]);
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
  const linked = play([
    { type: 'start' },
    { type: 'answer', result: { status: 'download', url: '/export/x' } },
  ]);
  assert.deepEqual(linked, { phase: 'downloading', exportId: null, rows: 0 });
  assert.equal(canClose(linked), true, 'the download is the browser’s once it has the link');
  const done = play([progress('b', 10), progress('b', 42, true)], linked);
  assert.deepEqual(done, { phase: 'downloaded', rows: 42 });
});

test('events of another export are ignored once the run has its id', () => {
  const run = play([
    { type: 'start' },
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
  const byEvent = play([{ type: 'start' }, progress('a', 7, true, 'EACCES: permission denied')]);
  assert.deepEqual(byEvent, { phase: 'failed', error: 'EACCES: permission denied' });
  assert.deepEqual(
    play([{ type: 'answer', result: { status: 'saved', path: '/p', rows: 0 } }], byEvent),
    byEvent,
  );
  assert.deepEqual(play([{ type: 'start' }, { type: 'error', message: 'link down' }]), {
    phase: 'failed',
    error: 'link down',
  });
});

test('cancelling the save dialog is its own outcome, and a new run can start after any outcome', () => {
  const cancelled = play([{ type: 'start' }, { type: 'answer', result: { status: 'cancelled' } }]);
  assert.deepEqual(cancelled, { phase: 'cancelled' });
  assert.deepEqual(play([{ type: 'start' }], cancelled), { phase: 'asking', exportId: null, rows: 0 });
  const failed: ExportRun = { phase: 'failed', error: 'x' };
  assert.deepEqual(play([{ type: 'start' }], failed), { phase: 'asking', exportId: null, rows: 0 });
});

test('a second start while running keeps the run it has', () => {
  const running = play([{ type: 'start' }, progress('a', 3)]);
  assert.deepEqual(play([{ type: 'start' }], running), running);
});
