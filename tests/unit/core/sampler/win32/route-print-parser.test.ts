import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoutePrint } from '../../../../../electron/core/sampler/win32/route-print-parser';
import { readRecording } from '../contract/recorded-output';

/** Oracle: the lines of the first table after a heading, counted without the parser. */
function activeRows(text: string, heading: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(heading));
  const header = lines.findIndex((l, i) => i > start && /Destination/.test(l));
  const end = lines.findIndex((l, i) => i > header && /^=+$/.test(l));
  return lines.slice(header + 1, end).filter((l) => /\S/.test(l));
}

test('the real Windows 10 `route print`: active routes of both families, persistent ones not twice', () => {
  const text = readRecording('win32/route-print-win10.txt');
  const routes = parseRoutePrint(text).routes;
  const v4 = routes.filter((r) => r.family === 4);
  const v6 = routes.filter((r) => r.family === 6);
  assert.equal(v4.length, activeRows(text, 'IPv4 Route Table').length);
  // IPv6 rows with a long destination wrap their gateway onto a line of its own.
  assert.equal(
    v6.length,
    activeRows(text, 'IPv6 Route Table').filter((l) => /^\s*\d+\s+\d+\s/.test(l)).length,
  );
  assert.deepEqual(v4[0], {
    family: 4,
    destination: '0.0.0.0',
    prefixLength: 0,
    gateway: '192.168.31.1',
    genmask: '0.0.0.0',
    flags: 'UG',
    metric: 30,
    ref: 0,
    use: 0,
    iface: '192.168.31.221',
  });
  assert.deepEqual(
    v4.filter((r) => r.destination === '157.0.0.0').map((r) => [r.gateway, r.metric]),
    [['157.55.80.1', 78]],
  );
  assert.equal(v4.find((r) => r.destination === '127.0.0.1')?.flags, 'UH');
  assert.equal(v4.find((r) => r.destination === '172.17.96.0')?.prefixLength, 20);
  const loop6 = v6.find((r) => r.destination === '::1');
  assert.deepEqual(loop6 && [loop6.prefixLength, loop6.gateway, loop6.flags, loop6.metric, loop6.iface], [
    128,
    '::',
    'UH',
    331,
    'Software Loopback Interface 1',
  ]);
  const wrapped = v6.find((r) => r.destination === 'fe80::244e:2f1e:2096:62b2');
  assert.deepEqual(wrapped && [wrapped.prefixLength, wrapped.gateway, wrapped.iface], [128, '::', '9']);
  assert.equal(v6.find((r) => r.iface === 'Hyper-V Virtual Ethernet Adapter #2')?.metric, 5256);
});

test('a German route print: translated titles and "Auf Verbindung" as on-link', () => {
  const text = [
    '===========================================================================',
    'Schnittstellenliste',
    '  7...00 15 5d fd 0d 45 ......Intel(R) Ethernet Connection',
    '===========================================================================',
    '',
    'IPv4-Routentabelle',
    '===========================================================================',
    'Aktive Routen:',
    '     Netzwerkziel    Netzwerkmaske          Gateway    Schnittstelle Metrik',
    '          0.0.0.0          0.0.0.0      192.168.0.1    192.168.0.20     25',
    '      192.168.0.0    255.255.255.0   Auf Verbindung    192.168.0.20    281',
    '===========================================================================',
    'Ständige Routen:',
    '  Keine',
    '',
    'IPv6-Routentabelle',
    '===========================================================================',
    'Aktive Routen:',
    ' Index Metrik Netzwerkziel             Gateway',
    '  7    281 fe80::/64                Auf Verbindung',
    '  7     25 ::/0                     fe80::1',
    '===========================================================================',
  ].join('\r\n');
  assert.deepEqual(
    parseRoutePrint(text).routes.map((r) => [
      r.family,
      r.destination,
      r.prefixLength,
      r.gateway,
      r.flags,
      r.iface,
    ]),
    [
      [4, '0.0.0.0', 0, '192.168.0.1', 'UG', '192.168.0.20'],
      [4, '192.168.0.0', 24, '0.0.0.0', 'U', '192.168.0.20'],
      [6, 'fe80::', 64, '::', 'U', 'Intel(R) Ethernet Connection'],
      [6, '::', 0, 'fe80::1', 'UG', 'Intel(R) Ethernet Connection'],
    ],
  );
});

test('cut output keeps the routes before the cut', () => {
  const text = readRecording('win32/route-print-win10.txt');
  const cut = text.slice(0, text.indexOf('172.26.240.0'));
  const table = parseRoutePrint(cut);
  assert.ok(table.routes.length >= 8 && table.routes.every((r) => r.family === 4));
  assert.deepEqual(parseRoutePrint('').routes, []);
  // The real captures read whole; a row cut mid-line is counted, not dropped without a word.
  for (const file of ['win32/route-print-win10.txt', 'win32/route-print-win7-forum.txt'])
    assert.equal(parseRoutePrint(readRecording(file)).skipped, 0, file);
  const mangled = parseRoutePrint(text.replace(/^(\s+0\.0\.0\.0\s+0\.0\.0\.0\s+\S+\s+)\S+/m, '$1???'));
  assert.equal(mangled.skipped, 1);
  assert.match(mangled.firstSkipped ?? '', /^0\.0\.0\.0 /);
});

test('Windows 7 interface lines without trailing dots still name the IPv6 routes', () => {
  const text = readRecording('win32/route-print-win7-forum.txt');
  const routes = parseRoutePrint(text).routes;
  const v6 = routes.filter((r) => r.family === 6);
  assert.equal(
    v6.length,
    activeRows(text, 'IPv6 Route Table').filter((l) => /^\s*\d+\s+\d+\s/.test(l)).length,
  );
  // Oracle: the Interface List's own text for index 16 and 14.
  assert.deepEqual([...new Set(v6.map((r) => r.iface))].sort(), [
    'Intel(R) Wireless WiFi Link 4965AGN',
    'Software Loopback Interface 1',
    'Teredo Tunneling Pseudo-Interface',
  ]);
  assert.ok(v6.every((r) => !/^\d+$/.test(r.iface)));
});

test('the interface line forms the issue quotes: no trailing dots, a space before the dots', () => {
  const routes = parseRoutePrint(
    [
      'Interface List',
      ' 13...00 00 00 00 00 00 00 e0 Microsoft 6to4 Adapter',
      '  8 ...00 12 3f ......Name',
      '===========================================================================',
      'IPv6 Route Table',
      '===========================================================================',
      'Active Routes:',
      ' If Metric Network Destination      Gateway',
      ' 13   1010 2002::/16                On-link',
      '  8    266 fe80::/64                On-link',
      '===========================================================================',
    ].join('\r\n'),
  ).routes;
  assert.deepEqual(
    routes.map((r) => r.iface),
    ['Microsoft 6to4 Adapter', 'Name'],
  );
});
