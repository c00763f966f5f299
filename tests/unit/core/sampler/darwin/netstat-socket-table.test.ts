import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseDottedEndpoint,
  parseNetstatSocketTable,
} from '../../../../../electron/core/sampler/darwin/netstat-socket-table';
import { readRecording } from '../contract/recorded-output';

const rowsOf = (text: string): number =>
  text.split('\n').filter((l) => /^(tcp|udp)(4|6|46)\s/.test(l)).length;

test('the real `netstat -anv -p tcp` rows (modern -v layout, a stray ``` after the last column)', () => {
  const table = parseNetstatSocketTable(readRecording('darwin/netstat-anv-p-tcp-ddev.txt'));
  assert.equal(table.skipped, 0);
  assert.deepEqual(
    table.sockets.map((s) => [
      s.proto,
      s.family,
      s.local.address,
      s.local.port,
      s.remote.address,
      s.remote.port,
      s.state,
    ]),
    [
      ['tcp', 4, '0.0.0.0', 80, '0.0.0.0', 0, 'LISTEN'],
      ['tcp', 4, '0.0.0.0', 443, '0.0.0.0', 0, 'LISTEN'],
    ],
  );
});

test('the real Mojave `netstat -vn -p tcp`, cut short in its last row, keeps every full row', () => {
  const text = readRecording('darwin/netstat-vn-p-tcp-mojave.txt');
  const table = parseNetstatSocketTable(text);
  assert.equal(table.sockets.length + table.skipped, rowsOf(text));
  assert.ok(table.sockets.length >= rowsOf(text) - 1);
  const closeWait = table.sockets.filter((s) => s.state === 'CLOSE_WAIT');
  assert.deepEqual(
    closeWait.map((s) => [s.local.port, s.remote.address, s.recvQ]),
    [
      [52040, '140.82.114.4', 24],
      [52036, '140.82.114.4', 24],
    ],
  );
});

test('the session tables: every row read, tcp46 is IPv6, zones kept, UDP has no state', () => {
  for (const name of ['netstat-anW-p-tcp-session.txt', 'netstat-anW-p-udp-session.txt']) {
    const text = readRecording(`darwin/${name}`);
    const table = parseNetstatSocketTable(text);
    assert.equal(table.skipped, 0, name);
    assert.equal(table.sockets.length, rowsOf(text), name);
  }
  const udp = parseNetstatSocketTable(readRecording('darwin/netstat-anW-p-udp-session.txt')).sockets;
  assert.deepEqual(udp[0], {
    proto: 'udp',
    family: 6,
    local: { address: 'fe80::aede:48ff:fe00:1122%en5', port: 5353 },
    remote: { address: '::', port: 0 },
    state: null,
    recvQ: 0,
    sendQ: 0,
  });
  assert.equal(
    udp.find((s) => s.local.port === 5353 && s.family === 6 && s.local.address === '::')?.proto,
    'udp',
  );
});

test('dotted endpoints', () => {
  assert.deepEqual(parseDottedEndpoint('192.168.1.191.52044', 4), { address: '192.168.1.191', port: 52044 });
  assert.deepEqual(parseDottedEndpoint('*.*', 6), { address: '::', port: 0 });
  assert.deepEqual(parseDottedEndpoint('::ffff:10.0.0.1.443', 6), { address: '::ffff:10.0.0.1', port: 443 });
  assert.deepEqual(parseDottedEndpoint('fe80::1%lo0.631', 6), { address: 'fe80::1%lo0', port: 631 });
  // Cut to the column without -W: not an address (see the 10.14 capture below).
  assert.equal(parseDottedEndpoint('2600:1700:bab0:d.5', 6), null);
  assert.equal(parseDottedEndpoint('host.https', 4), null);
  assert.equal(parseDottedEndpoint('1.2.3.4.70000', 4), null);
  assert.equal(parseDottedEndpoint('nodot', 4), null);
});

test('rows cut mid-address or with a missing state are skipped and counted', () => {
  const table = parseNetstatSocketTable(
    [
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)',
      'tcp4       0      0  192.168.1.191.52044    31.13.66',
      'tcp4       0      0  192.168.1.191.52044    31.13.66.35.443',
      'tcp4       0      0  10.0.0.1.22            10.0.0.2.5000          ESTABLISHED',
      'icm4    8136      0  *.*                    *.*',
    ].join('\n'),
  );
  assert.equal(table.sockets.length, 1);
  assert.equal(table.skipped, 2);
});

test('macOS 10.14 netstat without -W: IPv6 addresses cut to the column are refused and counted', () => {
  const text = readRecording('darwin/netstat-macos-10.14-truncated.txt');
  const table = parseNetstatSocketTable(text);
  const rows = text.split('\n').filter((l) => /^(tcp|udp)(4|6|46)\s/.test(l));
  // Oracle, from the capture's text: a row whose endpoints are all numeric and whole.
  const whole = (endpoint: string): boolean => {
    const host = endpoint.slice(0, endpoint.lastIndexOf('.'));
    return host === '*' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^[0-9a-f:]*::?[0-9a-f]+$/.test(host);
  };
  const readable = rows.filter((l) => {
    const [, , , local = '', remote = ''] = l.trim().split(/\s+/);
    return whole(local) && whole(remote) && /\.(\d+|\*)$/.test(local) && /\.(\d+|\*)$/.test(remote);
  });
  assert.ok(rows.some((l) => l.includes('fe80::aede:48ff:.61677')));
  assert.equal(table.sockets.length, readable.length);
  assert.equal(table.skipped, rows.length - readable.length);
  assert.ok(
    !table.sockets.some((s) => /[0-9a-f]:$/.test(s.local.address) || /[0-9a-f]:$/.test(s.remote.address)),
  );
});

test('a cut IPv6 address is not an address', () => {
  assert.equal(parseDottedEndpoint('fe80::87e6:73b7:.443', 6), null);
  assert.deepEqual(parseDottedEndpoint('fe80::87e6:73b7:1.443', 6), {
    address: 'fe80::87e6:73b7:1',
    port: 443,
  });
});
