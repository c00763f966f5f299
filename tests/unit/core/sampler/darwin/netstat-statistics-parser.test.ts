import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNetstatStatistics } from '../../../../../electron/core/sampler/darwin/netstat-statistics-parser';
import { readRecording } from '../contract/recorded-output';
import { recordedNetstatStatistics } from './darwin-session';

test('the real OS X `netstat -s -p tcp`: sentences become keys, nested under their parent', () => {
  const text = recordedNetstatStatistics();
  const stats = readNetstatStatistics(text).stats;
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
  // Oracle: a counter is a line's leading number or a number in parentheses, and no two share a
  // key; the numbers inside labels ("coalesced 3 or 4 packets") are not counters.
  const leading = text.split('\n').filter((l) => /^\s*\d+\s/.test(l)).length;
  const parenthesised = (text.match(/\([^()\d]*\d+[^()]*\)/g) ?? []).length;
  assert.equal(Object.keys(tcp).length, leading + parenthesised);
  assert.equal(tcp['LRO coalesced packets / times LRO coalesced 3 or 4 packets'], 0);
});

test('the real macOS `netstat -s`: labels that hold numbers keep one key per bucket', () => {
  const text = readRecording('darwin/netstat-s-macos-timer-drift.txt');
  const { stats, unread, firstUnread } = readNetstatStatistics(text);
  const tcp = stats.Tcp ?? {};
  const drift = Object.keys(tcp).filter((k) => k.startsWith('timer drift'));
  // Oracle: the capture's own "timer drift" lines.
  assert.equal(drift.length, text.split('\n').filter((l) => /^\s*\d+ timer drift/.test(l)).length);
  assert.ok(drift.includes('timer drift less or equal to 10 ms'));
  assert.ok(!Object.keys(tcp).some((k) => k.includes('[ms]') || k.includes('#2')));
  assert.equal(tcp['LRO coalesced packet / time LRO coalesced 3 or 4 packets'], 0);
  assert.equal(
    stats.Udp?.['datagrams received / checksummed in software / datagrams (byte) over IPv4 [byte]'],
    3585930185,
  );
  assert.equal(stats.Ip6?.['Mbuf statistics / two or more mbuf / lo0'], 1268);
  assert.deepEqual([unread, firstUnread], [0, null]);
});

test('a line that holds a number but reads as no counter is counted', () => {
  const { unread, firstUnread } = readNetstatStatistics(
    'tcp:\n\t12 packets sent\n\tsome 5 odd line\n\tTCP:\n',
  );
  assert.deepEqual([unread, firstUnread], [1, 'some 5 odd line']);
});

test('several sections, "name: value" lines, histograms and junk', () => {
  const { stats } = readNetstatStatistics(
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
  assert.deepEqual(readNetstatStatistics('tcp:\n\t68').stats, { Tcp: {} });
});
