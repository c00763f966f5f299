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

/** The nonce the recorded program was made with (see the fixture's README). */
const NONCE = '0123456789abcdef';

function parseAll(lines: readonly string[]): { answers: AskedAnswer[]; parser: GetaddrinfoParser } {
  const parser = new GetaddrinfoParser(NONCE);
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
  // literal 10.0.0.1 answered, yet name nothing; the lines a name with newlines wrote, guessing at
  // the nonce, are no lines of the probe
  assert.equal(parser.badNames, 4);
  assert.ok(!answers.some((a) => a.pid === 1 || a.name === 'forged.example'));
  assert.equal(parser.malformed, 4, '"Attaching 3 probes..." and the three forged lines');
  assert.equal(answers[0]?.startTicks, 440533);
  assert.equal(answers[0]?.atMs, 4405337330169 / 1e6);
});

test('a name is a host only when well-formed, short enough and no address', () => {
  assert.equal(askedName('Telemetry.Vendor.Example'), 'telemetry.vendor.example');
  for (const hostile of [
    '<b>x</b>.example',
    'x\u001b[31m.example',
    '\u202eevil.example', // bidi override
    'ok.example\u0000more',
    'a\\b.example',
    'two words.example',
    'bücher.example', // raw UTF-8, not its punycode
    '10.0.0.1',
    '1.2.3.4.5',
    '0x7f000001',
    `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(16)}`, // 199: maybe cut
    "=cmd|' /C calc'!A0",
  ])
    assert.equal(askedName(hostile), null, hostile);
  assert.equal(
    askedName(`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(15)}`)?.length,
    198,
  );
});

test("a line without the run's nonce is no line of the probe", () => {
  const forged = [
    'Q ffffffffffffffff 1 1 1 1 0 forged.example',
    'A4 ffffffffffffffff 1 100007f',
    'E ffffffffffffffff 1',
  ];
  const { answers, parser } = parseAll(forged);
  assert.deepEqual(answers, []);
  assert.equal(parser.malformed, 3);
  assert.throws(() => new GetaddrinfoParser('not-hex'), /nonce/);
});

test('lines of two threads interleaved still pair each address with its own name', () => {
  const first = recorded.filter((l) => / 7789( |$)/.test(l));
  const second = recorded.filter((l) => / 7790( |$)/.test(l));
  const mixed = first.flatMap((l, i) => [l, second[i] ?? '']);
  const { answers } = parseAll(mixed);
  assert.deepEqual(answers.map((a) => [a.name, a.addresses]).sort(), [
    ['telemetry.vendor.example', ['127.0.0.1']],
    ['v6.vendor.example', ['::1']],
  ]);
});

test('garbage and cut lines are counted, never indexed', () => {
  const { answers, parser } = parseAll([
    `Q ${NONCE} 1 1 1 1 0`,
    `A4 ${NONCE} 1 zz`,
    `E ${NONCE} x`,
    '\u001b[2J',
    `Q ${NONCE} 9 9 9 9 0 ok.example`,
    `E ${NONCE} 9`,
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
