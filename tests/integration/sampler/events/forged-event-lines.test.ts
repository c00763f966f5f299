// A program whose path holds a newline followed by a well-formed event line (real bpftrace, root):
// bpftrace prints the path as it is, so the text after the newline reaches the feed as a line of
// its own. It must never become a kernel event: here, a datagram to an address nobody sent to.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { run, startEventsRigOn, type EventsRig } from './events-service';

describe('forged kernel event lines', () => {
  let rig: EventsRig;
  before(async () => {
    rig = await startEventsRigOn();
  });
  after(() => rig.close());

  it('a path with a newline and a datagram line after it records no datagram', async () => {
    // Only text: nothing is sent to 10.66.66.66, the forged line merely names it.
    const forged = `U 1 4242 1 0 1 99 4 17 5555 10.66.66.66 4444 1 nw-forged`;
    const exe = rig.copy('/bin/true', `nw-forge-${process.pid}\n${forged}`);
    await run(exe, []);
    await rig.settle();
    const rows = (await rig.history()).filter((r) => r.remoteAddress === '10.66.66.66');
    assert.deepEqual(rows, []);
    assert.ok(rig.sampler.eventFeed!.malformed >= 1, 'the forged rest of the line is counted as malformed');
  });
});
