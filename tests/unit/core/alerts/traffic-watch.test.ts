// The traffic alert's window on an injected clock: a sum that slides, one alert per program per
// window (the cooldown), amounts that never go negative, per-program mutes and ignored places.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuleSet } from '../../../../electron/core/alerts/rule-set';
import { TrafficWatch } from '../../../../electron/core/alerts/traffic-watch';
import type { MovedBytes } from '../../../../electron/core/monitor/changes';
import { liveConnection, NO_GEO } from '../../../../electron/core/monitor/live-connection';
import { NO_BYTES } from '../../../../electron/core/monitor/byte-step';
import { defaultSettings } from '../../../../electron/core/store/settings-store';
import type { RuleRecord, Settings } from '../../../../shared/model';
import { socket } from '../monitor/snapshot-builder';

const MiB = 2 ** 20;
const T0 = Date.UTC(2026, 11, 3, 12, 0, 0);
const settings: Settings = { ...defaultSettings, trafficAlertMb: 10, trafficWindowMinutes: 1 };

function sent(n: number, over: Partial<Parameters<typeof socket>[0]> = {}): MovedBytes {
  const row = socket({
    pid: 7,
    exe: '/usr/bin/rsync',
    process: 'rsync',
    user: 'alice',
    remoteAddress: '203.0.113.9',
    ...over,
  });
  const connection = liveConnection(row, {
    key: `k${row.localPort}`,
    direction: 'outbound',
    firstSeen: T0,
    host: { host: 'backup.example', source: 'asked' },
    service: null,
    programId: 3,
    geo: NO_GEO,
    bytes: NO_BYTES,
  });
  return { connection, sent: n, received: 0 };
}

const rules = (list: Partial<RuleRecord>[] = []) =>
  new RuleSet(
    list.map((r, i) => ({ id: i + 1, kind: 'mute-kind', value: '', createdAt: 0, note: null, ...r })),
  );

test('the sum slides over the window: bytes older than the window no longer count', () => {
  const w = new TrafficWatch(1);
  const none = rules();
  // 6 MiB now, 6 MiB 70 s later: never 12 MiB within one minute.
  assert.deepEqual(w.evaluate({ at: T0, moved: [sent(6 * MiB)] }, none, settings), []);
  assert.deepEqual(w.evaluate({ at: T0 + 70_000, moved: [sent(6 * MiB)] }, none, settings), []);
  // 5 MiB more 20 s later: 11 MiB within the minute.
  const [draft] = w.evaluate({ at: T0 + 90_000, moved: [sent(5 * MiB)] }, none, settings);
  assert.ok(draft);
  assert.equal(draft.kind, 'traffic-volume');
  assert.equal(draft.subject, '/usr/bin/rsync');
  assert.equal(draft.remoteAddress, '203.0.113.9');
  assert.equal(
    draft.message,
    'rsync (pid 7, user alice) sent 11.0 MiB over TCP within 1 min, most of it (11.0 MiB) to backup.example at 203.0.113.9 (more than 10.0 MiB)',
  );
});

test('raised once per window while the program stays over, then again', () => {
  const w = new TrafficWatch(1);
  const none = rules();
  let raised = 0;
  for (let s = 0; s <= 150; s++) {
    raised += w.evaluate({ at: T0 + s * 1000, moved: [sent(MiB)] }, none, settings).length;
    if (s === 59) assert.equal(raised, 1, 'once within the first window');
  }
  // Over from second 10; raised at 10, 70 and 130.
  assert.equal(raised, 3);
});

test('counts that went back (a replaced socket) and unknown counts add nothing negative', () => {
  const w = new TrafficWatch(1);
  const none = rules();
  const moved = [sent(-50 * MiB), sent(Number.NaN), sent(0), sent(4 * MiB, { proto: 'udp' })];
  assert.deepEqual(w.evaluate({ at: T0, moved }, none, settings), []);
  const [draft] = w.evaluate({ at: T0 + 1000, moved: [sent(7 * MiB)] }, none, settings);
  assert.ok(draft, '4 + 7 MiB: the negative and NaN amounts subtracted nothing');
  assert.match(draft.message, /sent 11\.0 MiB over TCP and UDP/);
  assert.equal(draft.proto, null);
});

test('a per-program mute, a muted kind, an ignored address, the own process and off: no alert', () => {
  const big = (over = {}) => ({ at: T0, moved: [sent(20 * MiB, over)] });
  const muteRsync = rules([{ value: 'traffic-volume /usr/bin/rsync' }]);
  assert.deepEqual(new TrafficWatch(1).evaluate(big(), muteRsync, settings), []);
  assert.equal(
    new TrafficWatch(1).evaluate(big({ exe: '/usr/bin/curl', process: 'curl' }), muteRsync, settings).length,
    1,
    'muted for rsync only',
  );
  assert.deepEqual(new TrafficWatch(1).evaluate(big(), rules([{ value: 'traffic-volume' }]), settings), []);
  const ignore = rules([{ kind: 'ignore-address', value: '203.0.113.0/24' }]);
  assert.deepEqual(new TrafficWatch(1).evaluate(big(), ignore, settings), []);
  assert.deepEqual(new TrafficWatch(7).evaluate(big(), rules(), settings), [], 'netwatch itself');
  assert.deepEqual(
    new TrafficWatch(1).evaluate(big(), rules(), { ...settings, trafficAlertEnabled: false }),
    [],
  );
});

test('a socket without a visible process is alerted by its user; markup in names stays text', () => {
  const w = new TrafficWatch(1);
  const [draft] = w.evaluate(
    {
      at: T0,
      moved: [sent(20 * MiB, { pid: null, exe: null, process: null, uid: 1001, user: '<b>bob</b>' })],
    },
    rules(),
    settings,
  );
  assert.ok(draft);
  assert.equal(draft.subject, 'uid:1001');
  assert.match(draft.message, /^a process of <b>bob<\/b> \(user <b>bob<\/b>\) sent 20\.0 MiB/);
});
