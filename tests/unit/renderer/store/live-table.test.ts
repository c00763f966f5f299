// The page's live table: a snapshot plus deltas, rows marked new, closed rows kept only while they
// fade, stale deltas ignored, and nothing kept that the core no longer reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveConnection } from '../../../../shared/model';
import { DUE_SLACK_MS, FADE_MS, LiveTable } from '../../../../renderer/src/store/live-table';

function conn(n: number, over: Partial<LiveConnection> = {}): LiveConnection {
  return {
    key: `k${n}`,
    proto: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 1000 + n,
    remoteAddress: '127.0.0.1',
    remotePort: 2000 + n,
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 0,
    user: 'root',
    inode: n,
    pid: 1,
    process: 'p',
    exe: '/p',
    cmdline: 'p',
    processStart: 0,
    direction: 'outbound',
    firstSeen: 0,
    remoteHost: null,
    service: null,
    programId: 1,
    ...over,
  };
}

test('a snapshot loads rows that are not marked new', () => {
  const t = new LiveTable();
  assert.equal(t.loaded, false);
  t.load({ tick: 5, at: 1, connections: [conn(1), conn(2)] });
  assert.equal(t.loaded, true);
  assert.deepEqual(
    t.list().map((r) => [r.c.key, r.openedAt, r.closedAt]),
    [
      ['k1', 0, null],
      ['k2', 0, null],
    ],
  );
  assert.equal(t.openCount(), 2);
});

test('deltas open, change and close rows; unchanged rows keep their identity', () => {
  const t = new LiveTable();
  t.load({ tick: 1, at: 0, connections: [conn(1), conn(2)] });
  const before = t.list();
  const kept = before.find((r) => r.c.key === 'k2')!;
  assert.equal(
    t.apply({ tick: 2, at: 1, opened: [conn(3)], changed: [conn(1, { recvQ: 9 })], closed: [] }, 100),
    true,
  );
  const after = t.list();
  assert.notEqual(after, before, 'a new list after a change');
  assert.equal(
    after.find((r) => r.c.key === 'k2'),
    kept,
    'the untouched row object is reused',
  );
  assert.equal(after.find((r) => r.c.key === 'k1')!.c.recvQ, 9);
  assert.equal(after.find((r) => r.c.key === 'k3')!.openedAt, 100);
  assert.equal(t.lastOpenedAt, 100);
  assert.equal(t.list(), after, 'the same list until the next change');
});

test('closed rows fade for FADE_MS, then go; a reopened key is live again', () => {
  const t = new LiveTable();
  t.load({ tick: 1, at: 0, connections: [conn(1), conn(2)] });
  t.apply({ tick: 2, at: 0, opened: [], changed: [], closed: ['k1', 'k2'] }, 1000);
  assert.equal(t.list().length, 2);
  assert.equal(t.openCount(), 0);
  assert.ok(t.list().every((r) => r.closedAt === 1000));
  t.apply({ tick: 3, at: 0, opened: [conn(2)], changed: [], closed: [] }, 1100);
  assert.equal(t.openCount(), 1);
  assert.equal(t.prune(1000 + FADE_MS - 1), false);
  assert.equal(t.prune(1000 + FADE_MS), true);
  assert.deepEqual(
    t.list().map((r) => r.c.key),
    ['k2'],
  );
  assert.equal(t.hasFading(), false);
});

test('a closed row leaves with the delta that comes when it is due, even a little early', () => {
  const t = new LiveTable();
  t.load({ tick: 1, at: 0, connections: [conn(1), conn(2)] });
  assert.equal(t.fadeDueAt(), null);
  t.apply({ tick: 2, at: 0, opened: [], changed: [], closed: ['k1'] }, 1000);
  t.apply({ tick: 3, at: 0, opened: [], changed: [], closed: ['k2'] }, 2000);
  assert.equal(t.fadeDueAt(), 1000 + FADE_MS, 'the oldest fading row is due first');
  // Two ticks later, the delta's clock a few milliseconds short of the due time: k1 goes with it
  // instead of on a frame of its own just after.
  const version = t.getVersion();
  t.apply({ tick: 4, at: 0, opened: [], changed: [], closed: [] }, 1000 + FADE_MS - 5);
  assert.deepEqual(
    t.list().map((r) => r.c.key),
    ['k2'],
  );
  assert.equal(t.getVersion(), version + 1, 'one change for the delta and the row it took');
  assert.equal(t.fadeDueAt(), 2000 + FADE_MS);
  // Earlier than the slack, the row stays.
  t.apply({ tick: 5, at: 0, opened: [], changed: [], closed: [] }, 2000 + FADE_MS - DUE_SLACK_MS - 1);
  assert.equal(t.list().length, 1);
  t.apply({ tick: 6, at: 0, opened: [], changed: [], closed: [] }, 2000 + FADE_MS - DUE_SLACK_MS);
  assert.equal(t.list().length, 0);
  assert.equal(t.fadeDueAt(), null);
});

test('deltas from before the snapshot, or before any snapshot, are ignored', () => {
  const t = new LiveTable();
  assert.equal(t.apply({ tick: 1, at: 0, opened: [conn(1)], changed: [], closed: [] }, 0), false);
  t.load({ tick: 10, at: 0, connections: [] });
  assert.equal(t.apply({ tick: 10, at: 0, opened: [conn(1)], changed: [], closed: [] }, 0), false);
  assert.equal(t.apply({ tick: 9, at: 0, opened: [conn(1)], changed: [], closed: [] }, 0), false);
  assert.equal(t.list().length, 0);
});

test('a burst of closes keeps at most 5000 fading rows; a new snapshot drops them all', () => {
  const t = new LiveTable();
  const many = Array.from({ length: 6000 }, (_, i) => conn(i));
  t.load({ tick: 1, at: 0, connections: many });
  t.apply({ tick: 2, at: 0, opened: [], changed: [], closed: many.map((c) => c.key) }, 0);
  assert.ok(t.list().length <= 5000, `kept ${t.list().length}`);
  t.load({ tick: 3, at: 0, connections: [conn(1)] });
  assert.equal(t.list().length, 1);
  assert.equal(t.hasFading(), false);
});

test('subscribers hear every change; the version grows', () => {
  const t = new LiveTable();
  let heard = 0;
  const stop = t.subscribe(() => heard++);
  t.load({ tick: 1, at: 0, connections: [conn(1)] });
  t.apply({ tick: 2, at: 0, opened: [], changed: [], closed: ['k1'] }, 0);
  t.prune(FADE_MS);
  assert.equal(heard, 3);
  assert.equal(t.getVersion(), 3);
  stop();
  t.load({ tick: 4, at: 0, connections: [] });
  assert.equal(heard, 3);
});

test('an empty delta (an idle machine, every second) changes nothing and renders nothing again', () => {
  const t = new LiveTable();
  let heard = 0;
  t.subscribe(() => heard++);
  t.load({ tick: 1, at: 0, connections: [conn(1)] });
  const list = t.list();
  assert.equal(t.apply({ tick: 2, at: 1000, opened: [], changed: [], closed: [] }, 1000), true);
  assert.equal(heard, 1);
  assert.equal(t.list(), list, 'the same rows array: nothing to re-render');
  // A delta that is empty but arrives when a closed row's fade is over still drops that row.
  t.apply({ tick: 3, at: 2000, opened: [], changed: [], closed: ['k1'] }, 2000);
  t.apply({ tick: 4, at: 2000 + FADE_MS, opened: [], changed: [], closed: [] }, 2000 + FADE_MS);
  assert.equal(t.list().length, 0);
  assert.equal(heard, 3);
});
