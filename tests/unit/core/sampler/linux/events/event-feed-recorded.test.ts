// The feed assembling recorded bpftrace output (replayed by `cat` in bpftrace's place) into flows
// and connect-time owners: a v6 loopback connection both ways, a ping, an exec with a spaced path.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { EventFeed } from '../../../../../../electron/core/sampler/linux/events/event-feed';

const FIXTURE = path.resolve(__dirname, '../../../../../fixtures/events/netwatch-events-recorded.txt');

test('recorded lines become flows with owners, end states and bytes', async (t) => {
  const feed = new EventFeed({
    bootTimeSeconds: 1_700_000_000,
    procRoot: '/nonexistent', // the recorded processes are gone: what the events said is all there is
    command: { file: 'cat', args: [FIXTURE] },
    backoffMs: 60_000,
  });
  t.after(() => feed.close());
  await feed.ready(60_000);
  await new Promise((r) => setTimeout(r, 300)); // cat prints it all, then exits (off, restart later)
  const { flows, status } = feed.drain();
  assert.equal(status.state, 'off');
  assert.match(status.reason ?? '', /cat exited with code 0/);
  const v6 = flows.filter((f) => f.family === 6);
  assert.deepEqual(
    v6.map((f) => [
      f.direction,
      f.localPort,
      f.remotePort,
      f.endState,
      f.bytesSent,
      f.owner?.process ?? null,
    ]),
    [
      ['inbound', 41207, 51192, 'TIME_WAIT', 0, null],
      ['outbound', 51192, 41207, 'CLOSE', 1, 'node'],
    ],
  );
  const out = v6[1]!;
  assert.equal(out.owner?.pid, 10227);
  assert.equal(
    out.owner?.processStart,
    1_700_000_000_000 + 1960410,
    'start_boottime in ticks, as /proc says',
  );
  assert.ok(out.closedAt! - out.openedAt >= 1 && out.closedAt! - out.openedAt <= 2, 'its lifetime: 1.7 ms');
  const ping = flows.find((f) => f.owner?.process === 'ping');
  assert.deepEqual(
    [ping?.proto, ping?.remoteAddress, ping?.owner?.exe],
    ['raw', '127.0.0.1', '/usr/bin/ping'],
  );
  const refused = flows.find((f) => f.endState === 'SYN_SENT');
  assert.equal(refused, undefined, 'a close of a socket never seen opening is no flow');
});
