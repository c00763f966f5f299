// The parser and the index on recorded bpftrace output (see tests/fixtures/asked-names/README.md):
// the expected names and addresses are those of the hosts file and of getent's own output.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AskedNameIndex } from '../../../../../electron/core/resolve/asked-names/asked-name-index';
import {
  askedName,
  GetaddrinfoParser,
  type AskedAnswer,
} from '../../../../../electron/core/resolve/asked-names/getaddrinfo-parser';

const recorded = fs
  .readFileSync(
    path.join(import.meta.dirname, '../../../../fixtures/asked-names/getaddrinfo-bpftrace.txt'),
    'utf8',
  )
  .split('\n');

function parseAll(lines: readonly string[]): { answers: AskedAnswer[]; parser: GetaddrinfoParser } {
  const parser = new GetaddrinfoParser();
  const answers: AskedAnswer[] = [];
  for (const line of lines) {
    const a = parser.line(line);
    if (a) answers.push(a);
  }
  return { answers, parser };
}

test('recorded answers: names, distinct addresses; hostile names, forged lines and failures kept out', () => {
  const { answers, parser } = parseAll(recorded);
  assert.deepEqual(
    answers.map((a) => [a.name, a.addresses]),
    [
      ['telemetry.vendor.example', ['127.0.0.1']],
      ['v6.vendor.example', ['::1']],
    ],
  );
  // Bad<b>Name, 1.2.3.4.5 (reads as an address), the 249-character name (cut at 199) and the
  // literal 10.0.0.1 answered, yet name nothing; the newline name that tried to forge an answer
  // for pid 1 stayed one line, a failed lookup
  assert.equal(parser.badNames, 4);
  assert.ok(!answers.some((a) => a.pid === 1 || a.name === 'forged.example'));
  assert.equal(parser.malformed, 1, 'only "Attaching 3 probes..." is unknown');
  assert.equal(answers[0]?.startTicks, 50301);
  assert.equal(answers[0]?.atMs, 503022997235 / 1e6);
});

test('a name field is a host only when printable, NUL-padded, short enough and no address', () => {
  const pad = '\\x00'.repeat(3);
  assert.equal(askedName(`Telemetry.Vendor.Example${pad}`), 'telemetry.vendor.example');
  for (const hostile of [
    'telemetry.vendor.example', // no padding: not what %r prints
    `<b>x</b>.example${pad}`,
    `x\\x1b[31m.example${pad}`,
    `\\xe2\\x80\\xaeevil.example${pad}`, // U+202E, bidi override
    `ok.example\\x00\\x0aQ 1${pad}`, // text after the NUL
    `a\\\\b.example${pad}`, // a backslash
    `10.0.0.1${pad}`,
    `1.2.3.4.5${pad}`,
    `0x7f000001${pad}`,
    `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(16)}${pad}`, // 199: maybe cut
    `=cmd|' /C calc'!A0${pad}`,
  ])
    assert.equal(askedName(hostile), null, hostile);
  assert.equal(
    askedName(`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(15)}${pad}`)?.length,
    198,
  );
});

test('lines of two threads interleaved still pair each address with its own name', () => {
  const first = recorded.filter((l) => / 15414( |$)/.test(l));
  const second = recorded.filter((l) => / 15415( |$)/.test(l));
  const mixed = first.flatMap((l, i) => [l, second[i] ?? '']);
  const { answers } = parseAll(mixed);
  assert.deepEqual(answers.map((a) => [a.name, a.addresses]).sort(), [
    ['telemetry.vendor.example', ['127.0.0.1']],
    ['v6.vendor.example', ['::1']],
  ]);
});

test('garbage and cut lines are counted, never indexed', () => {
  const { answers, parser } = parseAll([
    'Q 1 1 1 1 0',
    'A4 1 zz',
    'E x',
    '\u001b[2J',
    'Q 9 9 9 9 0 ok.example\\x00',
    'E 9',
  ]);
  assert.deepEqual(answers, [], 'an answer without addresses names nothing');
  assert.equal(parser.malformed, 4);
});

test('the index answers the latest name asked before the time, per process identity', () => {
  const index = new AskedNameIndex({ maxProcesses: 2 });
  index.add({ pid: 7, startTicks: 100, atMs: 10, name: 'a.example', addresses: ['192.0.2.1'] });
  index.add({ pid: 7, startTicks: 100, atMs: 20, name: 'b.example', addresses: ['192.0.2.1'] });
  assert.equal(index.nameFor(7, 100, '192.0.2.1', 15), 'a.example');
  assert.equal(index.nameFor(7, 100, '192.0.2.1', 25), 'b.example');
  assert.equal(index.nameFor(7, 100, '192.0.2.1', 5), null, 'asked after the connection');
  assert.equal(index.nameFor(7, 101, '192.0.2.1'), null, 'a reused pid is another process');
  assert.deepEqual(
    index.namesOf(7, 100).map((n) => n.name),
    ['a.example', 'b.example'],
  );
  index.add({ pid: 8, startTicks: 1, atMs: 1, name: 'c.example', addresses: ['192.0.2.2'] });
  index.add({ pid: 9, startTicks: 1, atMs: 1, name: 'd.example', addresses: ['192.0.2.3'] });
  assert.equal(index.size, 2, 'bounded');
  assert.equal(index.nameFor(7, 100, '192.0.2.1'), null, 'the oldest process went first');
});

test('a connection shows the asked name when there is one, else reverse DNS, marked; an asked name stays', async () => {
  const { connectionHost, keptHost } =
    await import('../../../../../electron/core/resolve/asked-names/connection-host');
  const cdn = 'a23-45-67-89.deploy.static.akamaitechnologies.com';
  const asked = { host: 'telemetry.vendor.example', source: 'asked' } as const;
  const reverse = { host: cdn, source: 'reverse' } as const;
  assert.deepEqual(connectionHost('telemetry.vendor.example', cdn), asked);
  assert.deepEqual(connectionHost(null, cdn), reverse);
  assert.equal(connectionHost(undefined, null), null);
  assert.deepEqual(keptHost(null, reverse), reverse);
  assert.deepEqual(keptHost(reverse, asked), asked, 'the asked name replaces reverse DNS');
  assert.deepEqual(keptHost(asked, reverse), asked, 'and stays once seen');
  assert.deepEqual(keptHost(asked, null), asked);
  assert.deepEqual(keptHost(reverse, null), reverse);
});

test('the sampler finds the name by pid and start time in ms, as /proc gives them', async () => {
  const { AskedHostLookup } =
    await import('../../../../../electron/core/resolve/asked-names/asked-host-lookup');
  const index = new AskedNameIndex();
  index.add({ pid: 7, startTicks: 12345, atMs: 0, name: 'a.example', addresses: ['192.0.2.1'] });
  const boot = 1_700_000_000;
  const lookup = new AskedHostLookup(index, boot);
  const start = boot * 1000 + 123_450; // 12345 ticks of 10 ms
  assert.equal(lookup.hostOf(7, start, '192.0.2.1'), 'a.example');
  assert.equal(lookup.hostOf(7, start + 10, '192.0.2.1'), null, 'another start: another process');
  assert.equal(lookup.hostOf(7, start, '192.0.2.2'), null);
  assert.equal(lookup.hostOf(null, null, '192.0.2.1'), null);
});
