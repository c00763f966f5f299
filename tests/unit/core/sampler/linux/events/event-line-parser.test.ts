// The event lines as bpftrace printed them on this machine (tests/fixtures/events, recorded with
// netwatch-events.bt on kernel 6.18 / bpftrace 0.17), and lines that must be refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseEventLine } from '../../../../../../electron/core/sampler/linux/events/event-line-parser';

const FIXTURE = path.resolve(__dirname, '../../../../../fixtures/events/netwatch-events-recorded.txt');

test('every recorded line parses, with the fields in their places', () => {
  const lines = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  const events = lines.map(parseEventLine);
  assert.deepEqual(
    events.map((e) => e?.kind),
    [
      'hello',
      'connect',
      'connect',
      'established',
      'accept',
      'close',
      'datagram',
      'exec',
      'datagram',
      'connect',
      'established',
      'accept',
      'established',
      'close',
      'close',
      'exec',
      'exit',
    ],
  );
  assert.deepEqual(events[9], {
    kind: 'connect',
    ns: 1960697784254,
    sk: '18446612688153552640',
    family: 6,
    remoteAddress: '::1',
    remotePort: 41207,
    task: { pid: 10227, ppid: 10145, uid: 0, startNs: 1960418112077, comm: 'node' },
  });
  const ping = events[8];
  assert.ok(ping?.kind === 'datagram');
  assert.deepEqual(
    [ping.protocol, ping.remoteAddress, ping.bytes, ping.task.comm],
    [1, '127.0.0.1', 64, 'ping'],
  );
  const exec = events[15];
  assert.ok(exec?.kind === 'exec');
  assert.equal(exec.path, '/tmp/my prog', 'a path with a space is kept whole');
});

test('a comm with spaces and escapes stays text; malformed lines are refused, never thrown', () => {
  const odd = parseEventLine('O 1 2 3 0 4 5 4 127.0.0.1 80 a b \u001b[31mred');
  assert.ok(odd?.kind === 'connect');
  assert.equal(odd.task.comm, 'a b \u001b[31mred');
  for (const bad of [
    '',
    'O',
    'O 1 2 3 0 4 5 4 127.0.0.1 80', // no comm
    'O 1 2 3 0 4 5 4 999.0.0.1 80 x', // not an address
    'O 1 2 3 0 4 5 6 127.0.0.1 80 x', // family 6 with an IPv4 address
    'T 1 5 4 127.0.0.1 99999 127.0.0.1 80', // port out of range
    'C 1 5 5 0', // truncated
    'C 1 5 5 0 -1',
    'U 1 2 3 0 4 5 4 17 40000 127.0.0.1 53 12345678901234567890123 x', // beyond 2^53
    'X 1 2 3 0 4 ',
    'E 1',
    'Z 1 2',
    'Lost many events',
  ]) {
    assert.equal(parseEventLine(bad), null, JSON.stringify(bad));
  }
  assert.deepEqual(parseEventLine('Lost 12 events'), { kind: 'lost', count: 12 });
});

test('a B line is a socket inode with its byte totals; a zero inode or a missing field is refused', () => {
  assert.deepEqual(parseEventLine('B 17109193981898 18446612686380030528 4722761 17 1200 90000'), {
    kind: 'bytes',
    ns: 17109193981898,
    sk: '18446612686380030528',
    inode: 4722761,
    protocol: 17,
    sent: 1200,
    received: 90000,
  });
  assert.equal(parseEventLine('B 1 2 0 17 1 1'), null);
  assert.equal(parseEventLine('B 1 2 3 17 1'), null);
  assert.equal(parseEventLine('B 1 2 3 17 1 -1'), null);
});
