import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetstatStatistics } from '../../../../../electron/core/sampler/darwin/netstat-statistics-parser';
import { recordedNetstatStatistics } from './darwin-session';

test('the real OS X `netstat -s -p tcp`: sentences become keys, nested under their parent', () => {
  const text = recordedNetstatStatistics();
  const stats = parseNetstatStatistics(text);
  assert.deepEqual(Object.keys(stats), ['Tcp']);
  const tcp = stats.Tcp ?? {};
  assert.equal(tcp['packets sent'], 6878757);
  assert.equal(tcp['packets sent / data packets (bytes)'], 1509288);
  assert.equal(tcp['packets sent / data packets (bytes) [bytes]'], 741004496);
  assert.equal(tcp['packets sent / checksummed in software / segments (bytes) over IPv4'], 3020674);
  assert.equal(tcp['packets received / checksummed in software / segments (bytes) over IPv4'], 3160449);
  assert.equal(tcp['segments updated rtt (of attempts)'], 1494844);
  assert.equal(tcp['segments updated rtt (of attempts) [attempts]'], 1747114);
  assert.equal(tcp['connections closed (including drops)'], 478728);
  assert.equal(tcp['connections closed (including drops) [drops]'], 35378);
  // Oracle: every standalone number in the capture is a counter, and no two share a key.
  assert.equal(Object.keys(tcp).length, (text.match(/\b\d+\b/g) ?? []).length);
});

test('several sections, "name: value" lines, histograms and junk', () => {
  const stats = parseNetstatStatistics(
    [
      'udp:',
      '\t12 datagrams received',
      '\t\t0 with incomplete header',
      'icmp:',
      '\tOutput histogram:',
      '\t\techo reply: 5',
      '\t\tdestination unreachable: 7',
      '\tInput histogram:',
      '\t\techo reply: 3',
      'ip6:',
      '\tno number on this line',
      '\t99 constructor',
      '\t1 __proto__',
    ].join('\n'),
  );
  assert.deepEqual(stats.Udp, { 'datagrams received': 12, 'datagrams received / with incomplete header': 0 });
  assert.deepEqual(stats.Icmp, {
    'Output histogram / echo reply': 5,
    'Output histogram / destination unreachable': 7,
    'Input histogram / echo reply': 3,
  });
  assert.equal(stats.Ip6?.constructor, 99);
  assert.equal(Object.getPrototypeOf(stats.Ip6), Object.prototype);
  assert.deepEqual(parseNetstatStatistics('tcp:\n\t68'), { Tcp: {} });
});
