// The kernel event feed when it cannot run or stops: without privileges it is off with the reason
// and polling is as before; a bpftrace that dies is restarted with a backoff and said once; a
// flood of events is bounded by the queue, the rest counted as drops.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { EventFeedStatus, Snapshot } from '../../../../shared/model';
import { EventFeed, PROGRAM_FILE } from '../../../../electron/core/sampler/linux/events/event-feed';
import { runAsNobody } from '../run-as-nobody';

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('kernel event feed off, dying, flooded', () => {
  it('is off with the reason for a user without privileges, and polling is unchanged', async (t) => {
    const output = await runAsNobody(t, path.join(__dirname, 'events-off-child.ts'), [PROGRAM_FILE]);
    const { port, pid, ready, notices, snapshot } = JSON.parse(output) as {
      port: number;
      pid: number;
      ready: EventFeedStatus;
      notices: string[];
      snapshot: Snapshot;
    };
    assert.equal(ready.state, 'off');
    assert.match(ready.reason ?? '', /not root .*CAP_BPF and CAP_PERFMON/);
    assert.deepEqual(snapshot.events, ready);
    assert.deepEqual(snapshot.flows, []);
    assert.equal(notices.filter((n) => n.startsWith('kernel events off')).length, 1, JSON.stringify(notices));
    const own = snapshot.sockets.find((s) => s.localPort === port && s.state === 'LISTEN');
    assert.equal(own?.pid, pid, 'its own socket is still found by polling');
  });

  it('restarts a bpftrace that died, with a backoff, and says so once', async (t) => {
    const notices: string[] = [];
    const feed = new EventFeed({ bootTimeSeconds: 0, backoffMs: 300, onNotice: (m) => notices.push(m) });
    t.after(() => feed.close());
    assert.equal((await feed.ready(60_000)).state, 'on', JSON.stringify(notices));
    for (let round = 0; round < 2; round++) {
      const first = feed.childPid!;
      process.kill(first, 'SIGKILL');
      assert.ok(await until(() => feed.status.state === 'off', 5000), 'off once it died');
      assert.match(
        feed.status.reason ?? '',
        /bpftrace was killed \(SIGKILL\); polling alone until it restarts/,
      );
      assert.ok(await until(() => feed.status.state === 'on', 20_000), 'on again after the backoff');
      assert.notEqual(feed.childPid, first);
    }
    assert.equal(feed.restarts, 2);
    assert.equal(notices.filter((n) => n.includes('was killed')).length, 1, JSON.stringify(notices));
    assert.equal(notices.filter((n) => n === 'kernel events on again').length, 1, JSON.stringify(notices));
  });

  it('keeps at most the queue cap of a flood and counts the rest as drops', async (t) => {
    // A real program in bpftrace's place, printing 20,000 datagram events and bpftrace's own loss line.
    const flood = [
      "process.stdout.write('H\\n');",
      "let s='';for(let i=0;i<20000;i++)s+=`U ${1000+i} 1 1 0 5 77 4 17 40000 127.0.0.1 53 10 flood\\n`;",
      "process.stdout.write(s+'Lost 7 events\\n',()=>setTimeout(()=>{},60000));",
    ].join('');
    const feed = new EventFeed({
      bootTimeSeconds: 0,
      queueCap: 500,
      command: { file: process.execPath, args: ['-e', flood] },
    });
    t.after(() => feed.close());
    await feed.ready(60_000);
    assert.ok(await until(() => feed.status.drops >= 19_500 + 7, 10_000), `drops ${feed.status.drops}`);
    const drained = feed.drain();
    assert.equal(drained.flows.length, 500);
    assert.equal(drained.status.drops, 19_507);
    assert.equal(feed.drain().flows.length, 0);
  });
});
