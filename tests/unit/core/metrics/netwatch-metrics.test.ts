// The metrics fed tick by tick: gauges follow opened, changed and closed connections, per-program
// series are bounded (top N and "other"), byte counters exist only once connections carry bytes,
// and hostile program names are escaped as the exposition format requires (promtool agrees),
// their control and bidi characters shown as text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import type { FollowedTick } from '../../../../electron/core/metrics/delta-follower';
import { NetwatchMetrics } from '../../../../electron/core/metrics/netwatch-metrics';
import type { LiveConnection } from '../../../../shared/model';
import { statusFixture } from './status-fixture';

let nextPort = 1;
function conn(exe: string, extra: Partial<LiveConnection> = {}): LiveConnection {
  const port = nextPort++;
  return {
    proto: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: port,
    remoteAddress: '127.0.0.1',
    remotePort: 443,
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 0,
    user: 'root',
    inode: port,
    pid: 1,
    process: exe.slice(exe.lastIndexOf('/') + 1, 15),
    exe,
    cmdline: null,
    processStart: 1,
    key: `k${port}`,
    direction: 'outbound',
    firstSeen: 0,
    remoteHost: null,
    service: null,
    programId: null,
    ...extra,
  };
}

const tick = (n: number, parts: Partial<FollowedTick>): FollowedTick => ({
  tick: n,
  at: n * 1000,
  opened: [],
  changed: [],
  closed: [],
  ...parts,
});

function lines(text: string, name: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}

test('connection gauges and counters follow the ticks', async () => {
  const m = new NetwatchMetrics({ processMetrics: false });
  const a = conn('/usr/bin/curl');
  const b = conn('/usr/bin/curl');
  const l = conn('/usr/sbin/nginx', { state: 'LISTEN', direction: 'listen', remotePort: 0 });
  m.onTick(tick(1, { opened: [a, b, l] }));
  m.onTick(
    tick(2, {
      changed: [{ before: a, now: { ...a, state: 'TIME_WAIT', pid: null, exe: null, process: null } }],
    }),
  );
  m.onTick(tick(3, { closed: [b] }));
  const text = await m.text();
  assert.deepEqual(lines(text, 'netwatch_connections').sort(), [
    'netwatch_connections{protocol="tcp",state="LISTEN",direction="listen"} 1',
    'netwatch_connections{protocol="tcp",state="TIME_WAIT",direction="outbound"} 1',
  ]);
  assert.deepEqual(lines(text, 'netwatch_connections_opened_total').sort(), [
    'netwatch_connections_opened_total{protocol="tcp",direction="listen"} 1',
    'netwatch_connections_opened_total{protocol="tcp",direction="outbound"} 2',
  ]);
  assert.deepEqual(lines(text, 'netwatch_connections_closed_total'), [
    'netwatch_connections_closed_total{protocol="tcp",direction="outbound"} 1',
  ]);
  assert.deepEqual(lines(text, 'netwatch_program_connections').sort(), [
    'netwatch_program_connections{program="nginx"} 1',
    'netwatch_program_connections{program="other"} 0',
    'netwatch_program_connections{program="unknown"} 1',
  ]);
  assert.equal(lines(text, 'netwatch_program_sent_bytes_total').length, 0, 'no bytes: no byte series');
  assert.doesNotMatch(text, /netwatch_program_sent_bytes_total/);
});

test('per-program series: the top N by connections, the rest summed as other', async () => {
  const m = new NetwatchMetrics({ topPrograms: 3, processMetrics: false });
  const opened: LiveConnection[] = [];
  for (let p = 0; p < 50; p++) for (let i = 0; i <= p % 10; i++) opened.push(conn(`/opt/prog${p}`));
  m.onTick(tick(1, { opened }));
  const series = lines(await m.text(), 'netwatch_program_connections');
  assert.equal(series.length, 4);
  const total = series.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  assert.equal(total, opened.length);
  assert.ok(series.includes('netwatch_program_connections{program="other"} ' + String(opened.length - 30)));
  // A program that is itself called "other" is not the bucket.
  const n = new NetwatchMetrics({ processMetrics: false });
  n.onTick(tick(1, { opened: [conn('/usr/bin/other')] }));
  assert.ok(
    lines(await n.text(), 'netwatch_program_connections').includes(
      'netwatch_program_connections{program="other (program)"} 1',
    ),
  );
});

test('bytes per program appear once connections carry byte counts, counted as deltas', async () => {
  const m = new NetwatchMetrics({ processMetrics: false });
  const a = Object.assign(conn('/usr/bin/curl'), { bytesSent: 100, bytesReceived: 1000 });
  m.onTick(tick(1, { opened: [a] }));
  await m.text(); // a scrape chooses the labeled programs; bytes before it went to "other"
  const a2 = { ...a, bytesSent: 150, bytesReceived: 1600 };
  m.onTick(tick(2, { changed: [{ before: a, now: a2 }] }));
  const text = await m.text();
  assert.deepEqual(lines(text, 'netwatch_program_sent_bytes_total').sort(), [
    'netwatch_program_sent_bytes_total{program="curl"} 50',
    'netwatch_program_sent_bytes_total{program="other"} 100',
  ]);
  assert.deepEqual(lines(text, 'netwatch_program_received_bytes_total').sort(), [
    'netwatch_program_received_bytes_total{program="curl"} 600',
    'netwatch_program_received_bytes_total{program="other"} 1000',
  ]);
});

test('hostile program names are escaped in label values and promtool accepts the exposition', async () => {
  const m = new NetwatchMetrics();
  const names = ['a"b', 'back\\slash', 'new\nline', '\u001b[31mred', '\u202eevil', 'ok'];
  m.onTick(tick(1, { opened: names.map((name) => conn(`/tmp/${name}`)), durationMs: 12.5 }));
  m.onStatus(statusFixture());
  const text = await m.text();
  for (const expected of [
    'program="a\\"b"',
    'program="back\\\\slash"',
    // Controls and bidi characters reach the exposition as text: curl | less shows no escape.
    'program="new\\\\nline"',
    'program="\\\\x1b[31mred"',
    'program="\\\\u202eevil"',
  ]) {
    assert.ok(text.includes(expected), expected);
  }
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  assert.ok(text.includes('netwatch_database_size_bytes 4096'));
  assert.ok(text.includes('netwatch_tick_duration_seconds_count 1'));
  // promtool is on the Linux machines (scripts/test-prerequisites.mjs); the unit suites also run
  // on macOS and Windows, where the Prometheus integration test does not.
  if (existsSync('/usr/bin/promtool')) {
    const check = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  }
});

test('the status is read at each scrape, not per tick; the kernel feed shows once the status has one', async () => {
  let reads = 0;
  let drops = 3;
  const m = new NetwatchMetrics({
    processMetrics: false,
    readStatus: async () => {
      reads++;
      return statusFixture(
        { unattributedSockets: 2, events: { state: 'on', reason: null, drops } },
        8192 * reads,
      );
    },
  });
  for (let i = 1; i <= 50; i++) m.onTick(tick(i, { opened: [conn('/usr/bin/curl')], durationMs: 4 }));
  assert.equal(reads, 0);
  let text = await m.text();
  assert.equal(reads, 1);
  assert.ok(text.includes('netwatch_database_size_bytes 8192'), text);
  assert.ok(text.includes('netwatch_kernel_events_enabled 1'));
  assert.ok(text.includes('netwatch_kernel_events_dropped_total 3'));
  assert.ok(text.includes('netwatch_unattributed_sockets 2'));
  assert.ok(text.includes('netwatch_tick_duration_seconds_count 50'));
  drops = 10;
  text = await m.text();
  assert.ok(text.includes('netwatch_database_size_bytes 16384'));
  assert.ok(text.includes('netwatch_kernel_events_dropped_total 10'));
});
