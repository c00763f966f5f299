import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  linkStats,
  parseNetstatInterfaceTable,
} from '../../../../../electron/core/sampler/darwin/netstat-interface-parser';
import { readRecording } from '../contract/recorded-output';

/** Oracle: the capture's own <Link#N> rows, counted by a regex, not by the parser. */
const linkRows = (text: string): string[] => text.split('\n').filter((l) => /\s<Link#\d+>\s/.test(l));

test('the real `netstat -ib` of a recent macOS: one entry per <Link#N> row', () => {
  const text = readRecording('darwin/netstat-ib.txt');
  const { links, skipped, short } = parseNetstatInterfaceTable(text);
  assert.deepEqual([links.length, skipped, short], [linkRows(text).length, 0, 0]);
  const en0 = links.find((l) => l.printedName === 'en0');
  assert.deepEqual(en0 && [en0.index, en0.mtu, en0.up], [14, 1500, true]);
  assert.deepEqual(en0 && linkStats(en0, 'en0'), {
    name: 'en0',
    mtu: 1500,
    flags: 'U',
    rxBytes: 4404763710,
    rxPackets: 5473980,
    rxErrors: 0,
    rxDropped: 0,
    rxOverruns: 0,
    rxFrame: 0,
    rxMulticast: 0,
    txBytes: 2235748839,
    txPackets: 3683504,
    txErrors: 0,
    txDropped: 0,
    txOverruns: 0,
    txCarrier: 0,
    txCollisions: 0,
  });
  // "gif0*": down; utun0 has no Address at all.
  assert.equal(links.find((l) => l.printedName === 'gif0')?.up, false);
  assert.equal(links.find((l) => l.printedName === 'utun0')?.counters.txBytes, 39296);
});

test('macOS 10.14 `netstat -i` with names cut to 5 characters: two "vmnet" rows stay two interfaces', () => {
  const text = readRecording('darwin/netstat-i-macos-10.14.txt');
  const { links, skipped } = parseNetstatInterfaceTable(text);
  assert.equal(skipped, 0);
  assert.equal(links.length, linkRows(text).length);
  const vmnets = links.filter((l) => l.printedName === 'vmnet');
  assert.deepEqual(
    vmnets.map((l) => [l.index, l.counters.rxPackets]),
    [
      [19, 0],
      [20, 1853],
    ],
  );
  // en5 prints Oerrs 721: read as what the header says, not shifted.
  const en5 = links.find((l) => l.printedName === 'en5');
  assert.deepEqual(
    en5 && [en5.counters.rxPackets, en5.counters.txPackets, en5.counters.txErrors],
    [140215, 137522, 721],
  );
});

test('FreeBSD 12 `netstat -ib`: Idrop is read as rxDropped; lo0 names itself in the Address column', () => {
  const text = readRecording('darwin/netstat-ib-freebsd12.txt');
  const { links, skipped } = parseNetstatInterfaceTable(text);
  assert.equal(skipped, 0);
  assert.deepEqual(
    links.map((l) => [l.printedName, l.index, l.counters.rxPackets, l.counters.rxBytes, l.counters.txBytes]),
    [
      ['em0', 1, 372717, 372538087, 198573339],
      ['lo0', 2, 98, 21024, 21024],
    ],
  );
  const withDrops = parseNetstatInterfaceTable(
    text.replace(/^(em0\s+1500 <Link#1>\s+\S+\s+372717\s+0\s+)0/m, '$17'),
  );
  assert.equal(withDrops.links[0]?.counters.rxDropped, 7);
});

test('a link row with fewer counters than the header keeps its interface and is counted as short', () => {
  const text = [
    'Name       Mtu   Network       Address            Ipkts Ierrs     Ibytes    Opkts Oerrs     Obytes  Coll  Drop',
    'en0        1500  <Link#14>   bc:d0:74:21:5b:76  5473980     0 4404763710  3683504     0 2235748839     0',
    'utun0      1380  <Link#18>                            0     0          0      726     0      39296     0',
  ].join('\n');
  const { links, short, firstShort, skipped } = parseNetstatInterfaceTable(text);
  assert.deepEqual([links.length, short, skipped], [2, 2, 0]);
  assert.match(firstShort ?? '', /^en0 /);
  assert.deepEqual(
    links.map((l) => [
      l.printedName,
      l.counters.rxBytes,
      l.counters.txBytes,
      l.counters.txCollisions,
      l.counters.txDropped,
    ]),
    [
      ['en0', 4404763710, 2235748839, 0, 0],
      ['utun0', 0, 39296, 0, 0],
    ],
  );
});

test('rows it cannot read are counted, never dropped without a word', () => {
  const noHeader = parseNetstatInterfaceTable('lo0 16384 <Link#1> 1 0 2 3 0 4 0');
  assert.deepEqual([noHeader.links.length, noHeader.skipped], [0, 1]);
  const text = [
    'Name       Mtu   Network       Address            Ipkts Ierrs     Ibytes    Opkts Oerrs     Obytes  Coll',
    'en1        1500  <Link#15>   bc:d0:74:21:5b:77        -     0          0        0     0          0     0',
    'en2        1500  <Link#16>   bc:d0:74:21:5b:78        1     0          2        3     0          4     0',
    'en3        1500  <Link#17>   bc:d0:74:21:5b:79        1     0          2        3     0          4     0    9',
  ].join('\n');
  const table = parseNetstatInterfaceTable(text);
  assert.deepEqual(
    [table.links.map((l) => l.printedName), table.skipped, table.firstSkipped?.slice(0, 3)],
    [['en2'], 2, 'en1'],
  );
});
