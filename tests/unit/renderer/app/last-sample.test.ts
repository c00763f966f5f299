// The status bar's last sample: the newer of the polled status and the live table's latest delta.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastSample } from '../../../../renderer/src/app/last-sample';
import { LiveTable } from '../../../../renderer/src/store/live-table';

test('the status bar shows the live table’s tick when it is newer than the polled status', () => {
  const table = new LiveTable();
  const polled = { lastTickAt: 10_000, lastTickMs: 12 };
  assert.deepEqual(lastSample(polled, table), { at: 10_000, ms: 12 }, 'no snapshot yet: the status');
  table.load({ tick: 5, at: 10_000, connections: [] });
  assert.deepEqual(lastSample(polled, table), { at: 10_000, ms: 12 }, 'the same tick: the status');
  // An empty delta changes no row, but the table still knows its time and duration.
  table.apply({ tick: 6, at: 11_000, durationMs: 7, opened: [], changed: [], closed: [] }, 0);
  assert.deepEqual(lastSample(polled, table), { at: 11_000, ms: 7 });
  assert.deepEqual(lastSample({ lastTickAt: 12_000, lastTickMs: 9 }, table), { at: 12_000, ms: 9 });
});

test('a delta without a duration keeps the status’s duration beside the table’s time', () => {
  const table = new LiveTable();
  table.load({ tick: 1, at: 1000, connections: [] });
  table.apply({ tick: 2, at: 2000, opened: [], changed: [], closed: [] }, 0);
  assert.deepEqual(lastSample({ lastTickAt: 1000, lastTickMs: 3 }, table), { at: 2000, ms: 3 });
  assert.deepEqual(lastSample({ lastTickAt: null, lastTickMs: null }, table), { at: 2000, ms: null });
});
