// The TCP table between full reads, fed with lines bpftrace printed on this machine
// (tests/fixtures/events/tcp-life-cycle-recorded.txt: netwatch-events.bt on kernel 6.18 /
// bpftrace 0.17, in a network namespace of its own): a dual-stack listener on port 40459, a
// v4 client from port 51490 that closes first, the server end that closes after. The states
// expected at each point are what `ss -tan` showed in that namespace when it was recorded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { EventPatchedTcp } from '../../../../../electron/core/sampler/linux/event-patched-tcp';
import { parseEventLine } from '../../../../../electron/core/sampler/linux/events/event-line-parser';
import { TcpChangeLog } from '../../../../../electron/core/sampler/linux/events/tcp-change-log';
import type { ProcNetRow } from '../../../../../electron/core/sampler/linux/proc-net-parser';

const FIXTURE = path.resolve(__dirname, '../../../../fixtures/events/tcp-life-cycle-recorded.txt');
const NETNS = 4026532174;
const lines = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');

function shown(rows: ProcNetRow[]): string[] {
  return rows
    .map(
      (r) => `${r.state} ${r.localAddress}:${r.localPort} > ${r.remoteAddress}:${r.remotePort} #${r.inode}`,
    )
    .sort();
}

/** The table after the first `n` lines, from an empty full read, at nowNs (the feed's clock). */
function after(n: number, netns = NETNS, nowNs = 0): { table: EventPatchedTcp; complete: boolean } {
  const log = new TcpChangeLog(netns);
  const table = new EventPatchedTcp(log);
  table.reset([], null);
  for (const line of lines.slice(0, n)) {
    const event = parseEventLine(line);
    assert.ok(event, line);
    log.add(event);
  }
  const { changes, complete } = log.take();
  table.apply(changes, nowNs);
  return { table, complete };
}

/** The feed's time of the line of the client's close (C ... 51490 ...): its TIME_WAIT starts there. */
const clientCloseNs = Number(lines.find((l) => l.startsWith('C ') && l.includes(' 51490 '))!.split(' ')[1]);

test('the recorded life cycle, line by line, gives the states ss showed', () => {
  assert.deepEqual(shown(after(2).table.rows()), ['LISTEN :::40459 > :::0 #5199082']);
  // connect (O) adds nothing: no local port yet; established (T) and the passive end (A, T) do
  assert.deepEqual(shown(after(6).table.rows()), [
    'ESTABLISHED 127.0.0.1:51490 > 127.0.0.1:40459 #5199083',
    // before accept() the passive end has no inode (as /proc shows it)
    'ESTABLISHED ::ffff:127.0.0.1:40459 > ::ffff:127.0.0.1:51490 #0',
    'LISTEN :::40459 > :::0 #5199082',
  ]);
  assert.deepEqual(shown(after(8).table.rows()), [
    'CLOSE_WAIT ::ffff:127.0.0.1:40459 > ::ffff:127.0.0.1:51490 #5199084',
    'FIN_WAIT1 127.0.0.1:51490 > 127.0.0.1:40459 #5199083',
    'LISTEN :::40459 > :::0 #5199082',
  ]);
  // the client closed before the server's FIN: an orphan in FIN_WAIT2, then its remnant; the
  // server's LAST_ACK was already on the way, so the remnant is in TIME_WAIT
  assert.deepEqual(shown(after(11).table.rows()), [
    'LAST_ACK ::ffff:127.0.0.1:40459 > ::ffff:127.0.0.1:51490 #5199084',
    'LISTEN :::40459 > :::0 #5199082',
    'TIME_WAIT 127.0.0.1:51490 > 127.0.0.1:40459 #0',
  ]);
  const end = after(lines.length);
  assert.equal(end.complete, true);
  assert.deepEqual(shown(end.table.rows()), ['TIME_WAIT 127.0.0.1:51490 > 127.0.0.1:40459 #0']);
});

test('a TIME_WAIT remnant is gone 60 s after the close that made it, as in the kernel (no event says so)', () => {
  const remnant = ['TIME_WAIT 127.0.0.1:51490 > 127.0.0.1:40459 #0'];
  assert.deepEqual(shown(after(lines.length, NETNS, clientCloseNs + 59e9).table.rows()), remnant);
  assert.deepEqual(shown(after(lines.length, NETNS, clientCloseNs + 61e9).table.rows()), []);
});

test("another namespace's changes are not this table's", () => {
  const { table, complete } = after(lines.length, NETNS + 1);
  assert.equal(complete, true);
  assert.deepEqual(table.rows(), []);
});

test('a lost event or a line without its namespace makes the log incomplete', () => {
  const log = new TcpChangeLog(NETNS);
  log.add({ kind: 'lost', count: 3 });
  assert.equal(log.take().complete, false);
  assert.equal(log.take().complete, true, 'complete again once taken (the sampler read in full)');
  // a line of the older program, without inode, uid and namespace
  const old = parseEventLine('T 1 18446612687787828480 4 127.0.0.1 51490 127.0.0.1 40459');
  assert.ok(old);
  log.add(old);
  assert.equal(log.take().complete, false);
});

test('bytes: the last reading, plus what the feed counted since, never below what was shown', () => {
  const log = new TcpChangeLog(NETNS);
  const table = new EventPatchedTcp(log);
  const row: ProcNetRow = {
    proto: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 5000,
    remoteAddress: '127.0.0.1',
    remotePort: 6000,
    stateCode: 1,
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 0,
    inode: 77,
  };
  const reading = (sent: number, received: number) => ({
    sentOf: (i: number) => (i === 77 ? sent : null),
    receivedOf: (i: number) => (i === 77 ? received : null),
  });
  const bytes = (sent: number, received: number) =>
    log.add({ kind: 'bytes', ns: 1, sk: '9', inode: 77, protocol: 6, sent, received });
  bytes(1000, 10); // the feed saw these before the read
  table.reset([row], reading(5000, 50));
  assert.equal(table.sentOf(77), 5000);
  bytes(4000, 10); // 3,000 more written since
  assert.equal(table.sentOf(77), 8000);
  assert.equal(table.receivedOf(77), 50);
  // the next reading counts acknowledged bytes, fewer than written: the count does not go back
  table.reset([row], reading(7900, 50));
  assert.equal(table.sentOf(77), 8000);
  assert.equal(table.sentOf(78), null, 'an inode the reading does not have stays unknown');
  table.reset([row], null);
  assert.equal(table.sentOf(77), null, 'counters off: unknown');
});
