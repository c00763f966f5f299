// The parser and the index on recorded bpftrace output (see tests/fixtures/asked-names/README.md):
// the expected names and addresses are those of the hosts file and of getent's own output.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AskedNameIndex } from '../../../../../electron/core/resolve/asked-names/asked-name-index';
import {
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

test('recorded answers: names, distinct addresses, a hostile name and a failure kept out', () => {
  const { answers, parser } = parseAll(recorded);
  assert.deepEqual(
    answers.map((a) => [a.pid, a.name, a.addresses]),
    [
      [25407, 'telemetry.vendor.example', ['127.0.0.1']],
      [25408, 'v6.vendor.example', ['::1']],
    ],
  );
  assert.equal(parser.badNames, 1, 'Bad<b>Name is no host name');
  assert.equal(parser.malformed, 1, 'only "Attaching 3 probes..." is unknown');
  assert.equal(answers[0]?.startTicks, 124954);
  assert.equal(answers[0]?.atMs, 1249549781285 / 1e6);
});

test('lines of two threads interleaved still pair each address with its own name', () => {
  const first = recorded.filter((l) => / 25407( |$)/.test(l));
  const second = recorded.filter((l) => / 25408( |$)/.test(l));
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
    'Q 9 9 9 9 0 ok.example',
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

test('a connection shows the asked name when there is one, else reverse DNS, marked', async () => {
  const { connectionHost } = await import('../../../../../electron/core/resolve/asked-names/connection-host');
  const index = new AskedNameIndex();
  index.add({
    pid: 7,
    startTicks: 100,
    atMs: 10,
    name: 'telemetry.vendor.example',
    addresses: ['192.0.2.1'],
  });
  const owner = { pid: 7, startTicks: 100 };
  const cdn = 'a23-45-67-89.deploy.static.akamaitechnologies.com';
  assert.deepEqual(connectionHost(index, owner, '192.0.2.1', 11, cdn), {
    host: 'telemetry.vendor.example',
    source: 'asked',
  });
  assert.deepEqual(connectionHost(null, owner, '192.0.2.1', 11, cdn), { host: cdn, source: 'reverse' });
  assert.deepEqual(connectionHost(index, null, '192.0.2.1', 11, cdn), { host: cdn, source: 'reverse' });
  assert.equal(connectionHost(index, owner, '192.0.2.9', 11, null), null);
});
