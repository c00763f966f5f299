import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetstatInterfaces } from '../../../../../electron/core/sampler/darwin/netstat-interface-parser';
import { readRecording } from '../contract/recorded-output';

test('the real `netstat -ib` of a recent macOS: one entry per <Link#N> row', () => {
  const text = readRecording('darwin/netstat-ib.txt');
  const list = parseNetstatInterfaces(text);
  assert.equal(list.length, (text.match(/<Link#\d+>/g) ?? []).length);
  const en0 = list.find((i) => i.name === 'en0');
  assert.deepEqual(
    en0 && [
      en0.mtu,
      en0.flags,
      en0.rxPackets,
      en0.rxErrors,
      en0.rxBytes,
      en0.txPackets,
      en0.txErrors,
      en0.txBytes,
      en0.txCollisions,
    ],
    [1500, 'U', 5473980, 0, 4404763710, 3683504, 0, 2235748839, 0],
  );
  // "gif0*": down, and no address column at all (utun0).
  assert.equal(list.find((i) => i.name === 'gif0')?.flags, '');
  assert.equal(list.find((i) => i.name === 'utun0')?.txBytes, 39296);
  assert.equal(list.find((i) => i.name === 'utun4')?.rxBytes, 3876);
});

test('no header, cut rows and dashes are refused row by row', () => {
  assert.deepEqual(parseNetstatInterfaces('lo0 16384 <Link#1> 1 0 2 3 0 4 0'), []);
  const text = [
    'Name       Mtu   Network       Address            Ipkts Ierrs     Ibytes    Opkts Oerrs     Obytes  Coll',
    'en0        1500  <Link#14>   bc:d0:74:21:5b:76  5473980     0 4404763710  3683504     0',
    'en1        1500  <Link#15>   bc:d0:74:21:5b:77        -     0          0        0     0          0     0',
    'en2        1500  <Link#16>   bc:d0:74:21:5b:78        1     0          2        3     0          4     0',
  ].join('\n');
  assert.deepEqual(
    parseNetstatInterfaces(text).map((i) => i.name),
    ['en2'],
  );
});
