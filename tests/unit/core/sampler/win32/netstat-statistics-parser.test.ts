import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWindowsNetstatStatistics } from '../../../../../electron/core/sampler/win32/netstat-statistics-parser';
import { parseNetstatEthernet } from '../../../../../electron/core/sampler/win32/netstat-ethernet-parser';
import { recordedEthernetAndStatistics } from './win32-session';

test('the real Windows `netstat -s`: every section, "Name = value" and the ICMP tables', () => {
  const { statistics } = recordedEthernetAndStatistics();
  const { stats, unread } = readWindowsNetstatStatistics(statistics);
  assert.equal(unread, 0);
  assert.deepEqual(Object.keys(stats), ['Ip', 'Ip6', 'Icmp', 'Icmp6', 'Tcp', 'Tcp6', 'Udp', 'Udp6']);
  assert.equal(stats.Ip?.['Packets Received'], 60090845);
  assert.equal(stats.Ip6?.['Received Address Errors'], 1262);
  assert.equal(stats.Icmp?.['Messages Received'], 16443);
  assert.equal(stats.Icmp?.['Messages Sent'], 22923);
  assert.equal(stats.Icmp6?.['Router Advertisements Received'], 1500);
  assert.equal(stats.Tcp?.['Active Opens'], 64644);
  assert.equal(stats.Tcp6?.['Active Opens'], 2103);
  assert.equal(stats.Udp6?.['Datagrams Sent'], 147179);
  // Oracle: every "=" line is one counter of the key/value sections.
  const pairs = (statistics.match(/=\s*\d+/g) ?? []).length;
  const keyValue = ['Ip', 'Ip6', 'Tcp', 'Tcp6', 'Udp', 'Udp6'].reduce(
    (n, g) => n + Object.keys(stats[g] ?? {}).length,
    0,
  );
  assert.equal(keyValue, pairs);
});

test('localized titles still find their protocol; counter names stay as written', () => {
  const { stats, unread, firstUnread } = readWindowsNetstatStatistics(
    [
      'IPv4-Statistik',
      '',
      '  Empfangene Pakete            = 5',
      '',
      'TCP-Statistik für IPv6',
      '',
      '  Aktive Öffnungen  = 7',
      '  kaputt =',
    ].join('\r\n'),
  );
  assert.deepEqual(stats, { Ip: { 'Empfangene Pakete': 5 }, Tcp6: { 'Aktive Öffnungen': 7 } });
  assert.deepEqual([unread, firstUnread], [1, 'kaputt =']);
});

test('the real `netstat -e`: totals of all adapters, by row position', () => {
  const { ethernet } = recordedEthernetAndStatistics();
  const total = parseNetstatEthernet(ethernet);
  assert.deepEqual(
    total && [
      total.name,
      total.rxBytes,
      total.txBytes,
      total.rxPackets,
      total.txPackets,
      total.rxMulticast,
      total.rxDropped,
      total.txErrors,
    ],
    ['Ethernet (all adapters)', 1279913096, 89768387, 961149 + 2660, 234136 + 325731, 2660, 0, 0],
  );
  const german = [
    'Schnittstellenstatistik',
    '',
    '                           Empfangen          Gesendet',
    '',
    'Bytes                    100        200',
    'Unicastpakete             3          4',
    'Nicht-Unicastpakete       5          6',
    'Verworfen                 7          8',
    'Fehler                    9         10',
    'Unbekannte Protokolle     0',
  ].join('\r\n');
  assert.equal(parseNetstatEthernet(german)?.txDropped, 8);
  assert.equal(parseNetstatEthernet(german.slice(0, german.indexOf('Verworfen'))), null);
});
