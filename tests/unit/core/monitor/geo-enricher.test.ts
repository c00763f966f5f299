import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGeoEnricher } from '../../../../electron/core/monitor/geo-enricher';
import { Monitor } from '../../../../electron/core/monitor/monitor';
import type { SocketRow } from '../../../../shared/model';

test('the monitor gives each new connection the country and AS of its remote address', () => {
  const geo = createGeoEnricher();
  const monitor = new Monitor({ enricher: { hostOf: () => null, serviceOf: () => null, geoOf: geo.geoOf } });
  const row = (remoteAddress: string, inode: number): SocketRow => ({
    proto: 'tcp',
    family: 4,
    localAddress: '10.0.0.2',
    localPort: 40000 + inode,
    remoteAddress,
    remotePort: 443,
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 0,
    user: 'root',
    inode,
    pid: null,
    process: null,
    exe: null,
    cmdline: null,
    processStart: null,
  });
  const changes = monitor.apply({
    takenAt: 1_000,
    monotonicMs: 1,
    sockets: [row('8.8.8.8', 1), row('127.0.0.1', 2), row('0.0.0.0', 3)],
    interfaces: [],
    privileged: true,
  });
  const byRemote = new Map(changes.opened.map((t) => [t.connection.remoteAddress, t.connection]));
  // 8.8.8.0,8.8.8.255,15169,Google LLC (asn-ipv4.csv); 6.0.0.0,8.10.5.255,US (geo-whois-asn-country-ipv4.csv)
  assert.deepEqual(pick(byRemote.get('8.8.8.8')), { country: 'US', asn: 15169, asOrg: 'Google LLC' });
  assert.deepEqual(pick(byRemote.get('127.0.0.1')), { country: 'loopback', asn: null, asOrg: null });
  assert.deepEqual(pick(byRemote.get('0.0.0.0')), { country: null, asn: null, asOrg: null });
});

function pick(
  c: { country?: string | null; asn?: number | null; asOrg?: string | null } | undefined,
): object {
  return { country: c?.country, asn: c?.asn, asOrg: c?.asOrg };
}

test('a database that cannot load leaves geo empty and says so once', () => {
  const warnings: string[] = [];
  const geo = createGeoEnricher(
    () => {
      throw new Error('ENOENT: geo-whois-asn-country.mmdb');
    },
    (m) => warnings.push(m),
  );
  assert.deepEqual(geo.geoOf('8.8.8.8'), { country: null, asn: null, asOrg: null });
  geo.geoOf('1.1.1.1');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /no country\/AS data.*ENOENT/);
});

test('loopback, private and unspecified addresses are labelled without loading the data (some 30 MB)', () => {
  let loads = 0;
  const geo = createGeoEnricher(
    () => {
      loads++;
      throw new Error('not loaded in this test');
    },
    () => {},
  );
  assert.deepEqual(geo.geoOf('127.0.0.1'), { country: 'loopback', asn: null, asOrg: null });
  assert.deepEqual(geo.geoOf('::ffff:127.0.0.1'), { country: 'loopback', asn: null, asOrg: null });
  assert.equal(geo.geoOf('192.168.1.20').country, 'private');
  assert.deepEqual(geo.geoOf('::'), { country: null, asn: null, asOrg: null });
  assert.equal(loads, 0);
  geo.geoOf('8.8.8.8');
  assert.equal(loads, 1, 'the first public address loads it');
});
