// Lookups in the shipped databases. The expected country and AS of each address come from the
// packages' own CSV text (tests/fixtures/geo/ip-location-db-lines.txt), matched to the address with
// node's BlockList, not with the code under test; special ranges come from the IANA registries.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { GeoLookup } from '../../../../../electron/core/resolve/geo/geo-lookup';

interface CsvLine {
  file: string;
  first: string;
  last: string;
  value: string[];
}

function fixtureLines(): CsvLine[] {
  const text = fs.readFileSync(
    path.join(import.meta.dirname, '../../../../fixtures/geo/ip-location-db-lines.txt'),
    'utf8',
  );
  const lines: CsvLine[] = [];
  let file = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line === '') continue;
    if (line.startsWith('@')) {
      file = line.slice(1).split(' ')[0] ?? '';
      continue;
    }
    const [first = '', last = '', ...rest] = line.split(',');
    const value = rest.join(',');
    lines.push({
      file,
      first,
      last,
      value: /^\d+,".*"$/.test(value)
        ? [value.split(',')[0] ?? '', value.slice(value.indexOf('"') + 1, -1)]
        : rest,
    });
  }
  return lines;
}

const csv = fixtureLines();

/** The CSV line of `file` (family-less name) whose range holds the address, via net.BlockList. */
function sourceLine(kind: 'geo-whois-asn-country' | 'asn', address: string): CsvLine | null {
  const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
  for (const line of csv.filter((l) => l.file === `${kind}-${family}.csv`)) {
    const list = new net.BlockList();
    list.addRange(line.first, line.last, family);
    if (list.check(address, family)) return line;
  }
  return null;
}

const geo = new GeoLookup();

const ONE_PER_CONTINENT = [
  ['8.8.8.8', 'North America'],
  ['177.0.0.1', 'South America'],
  ['2.16.0.1', 'Europe'],
  ['41.0.0.1', 'Africa'],
  ['1.0.16.1', 'Asia'],
  ['1.0.0.1', 'Oceania'],
  ['2a00:1450:4001::1', 'IPv6'],
] as const;

for (const [address, where] of ONE_PER_CONTINENT) {
  test(`${where}: ${address} has the country and AS of its CSV lines`, () => {
    const country = sourceLine('geo-whois-asn-country', address);
    const as = sourceLine('asn', address);
    assert.ok(country && as, 'the fixture holds both lines');
    assert.deepEqual(geo.lookup(address), {
      scope: 'public',
      country: country.value[0],
      asn: Number(as.value[0]),
      asOrg: as.value[1],
    });
  });
}

test('a v4-mapped IPv6 address is looked up as its IPv4 address', () => {
  assert.deepEqual(geo.lookup('::ffff:8.8.8.8'), geo.lookup('8.8.8.8'));
});

test('an address in a gap of both databases is public and unknown', () => {
  // the fixture holds the lines on either side of 5.249.168.0 in both files
  assert.equal(sourceLine('geo-whois-asn-country', '5.249.168.0'), null);
  assert.equal(sourceLine('asn', '5.249.168.0'), null);
  assert.deepEqual(geo.lookup('5.249.168.0'), { scope: 'public', country: null, asn: null, asOrg: null });
});

test('private, CGNAT and the other special ranges are labelled, never located', () => {
  const expected: [string, string][] = [
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['224.0.0.251', 'multicast'],
    ['ff02::fb', 'multicast'],
    ['192.0.2.7', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.7', 'documentation'],
    ['2001:db8::7', 'documentation'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
  ];
  for (const [address, scope] of expected) {
    assert.deepEqual(geo.lookup(address), { scope, country: null, asn: null, asOrg: null }, address);
  }
  // the edges just outside are public
  assert.equal(geo.lookup('100.128.0.1').scope, 'public');
  assert.equal(geo.lookup('172.32.0.1').scope, 'public');
});

test('malformed text is no address and asks nothing', () => {
  for (const bad of ['', 'localhost', '1.2.3', '1.2.3.256', '::g', '<script>']) {
    assert.deepEqual(geo.lookup(bad), { scope: 'public', country: null, asn: null, asOrg: null }, bad);
  }
});

test('a cached answer is the same answer', () => {
  const first = geo.lookup('41.0.0.1');
  assert.equal(geo.lookup('41.0.0.1'), first);
});
