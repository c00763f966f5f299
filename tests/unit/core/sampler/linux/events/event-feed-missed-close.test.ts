// A close the kernel never reported: recorded under load, client sk ...926976 went to FIN_WAIT1
// (port 42940, pid 15377) and 3.4 ms later the same sk opened as another connection's server end,
// with no FIN_WAIT2 or close line between and no "Lost" line. Replayed by `cat` in bpftrace's place.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { EventFeed } from '../../../../../../electron/core/sampler/linux/events/event-feed';

const FIXTURE = path.resolve(__dirname, '../../../../../fixtures/events/missed-close-recorded.txt');

test('a reused sk ends the connection whose close never came, with its owner, and the table closes it', async (t) => {
  const feed = new EventFeed({
    bootTimeSeconds: 1_700_000_000,
    procRoot: '/nonexistent',
    command: { file: 'cat', args: [FIXTURE] },
    backoffMs: 60_000,
    netns: 4026531833, // the recording's namespace
  });
  t.after(() => feed.close());
  await feed.ready(60_000);
  await new Promise((r) => setTimeout(r, 300));
  const { flows, status } = feed.drain();
  const outbound = flows.filter((f) => f.direction === 'outbound');
  assert.deepEqual(
    outbound.map((f) => [f.localPort, f.endState, f.owner?.pid]),
    [
      [42932, 'TIME_WAIT', 15376], // closed as usual
      [42940, 'TIME_WAIT', 15377], // its last line said FIN_WAIT1: the kernel hands that to TIME_WAIT
    ],
  );
  const missed = outbound[1]!;
  assert.ok(missed.closedAt! >= missed.openedAt, 'closed no earlier than it opened');
  assert.equal(feed.unclosed, 1, 'the missed close is counted');
  assert.equal(status.drops, 0, 'and is no drop: nothing was left out');
  const closes = feed.tcp.take().changes.filter((c) => c.newState === 7 && c.localPort === 42940);
  assert.deepEqual(
    closes.map((c) => c.oldState),
    [4],
    'the table between full reads closes it too (a TIME_WAIT remnant from FIN_WAIT1)',
  );
});
