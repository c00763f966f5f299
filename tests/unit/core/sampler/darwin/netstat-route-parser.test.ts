import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseNetstatRoutes,
  prefixToNetmask,
} from '../../../../../electron/core/sampler/darwin/netstat-route-parser';
import { readRecording } from '../contract/recorded-output';

/** Oracle: data lines of each section of the real capture, counted without the parser. */
function dataLines(text: string, section: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(section);
  const out: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    out.push(line);
  }
  return out;
}

test('the real macOS 10.14 `netstat -rnl`: every route of both tables', () => {
  const text = readRecording('darwin/netstat-rnl.txt');
  const { routes, skipped } = parseNetstatRoutes(text);
  assert.equal(skipped, 0);
  const v4 = routes.filter((r) => r.family === 4);
  const v6 = routes.filter((r) => r.family === 6);
  assert.equal(v4.length, dataLines(text, 'Internet:').length);
  assert.equal(v6.length, dataLines(text, 'Internet6:').length);
  assert.deepEqual(v4[0], {
    family: 4,
    destination: '0.0.0.0',
    prefixLength: 0,
    gateway: '192.168.1.254',
    genmask: '0.0.0.0',
    flags: 'UGSc',
    metric: 0,
    ref: 83,
    use: 24,
    iface: 'en0',
  });
  const find = (dest: string, prefix: number): (typeof routes)[number] | undefined =>
    routes.find((r) => r.destination === dest && r.prefixLength === prefix);
  assert.equal(find('127.0.0.0', 8)?.genmask, '255.0.0.0');
  assert.equal(find('169.254.0.0', 16)?.gateway, '0.0.0.0');
  assert.equal(find('224.0.0.0', 4)?.genmask, '240.0.0.0');
  assert.equal(find('192.168.1.64', 32)?.gateway, 'e0:33:8e:68:38:d6');
  assert.equal(find('192.168.1.221', 32)?.flags, 'UCS');
  const v6default = v6.filter((r) => r.destination === '::' && r.prefixLength === 0);
  assert.deepEqual(
    v6default.map((r) => [r.gateway, r.iface]),
    [
      ['fe80::feae:34ff:fea1:3a80%en0', 'en0'],
      ['fe80::%utun0', 'utun0'],
      ['fe80::%utun1', 'utun1'],
      ['fe80::%utun2', 'utun2'],
      ['fe80::%utun3', 'utun3'],
    ],
  );
  assert.equal(find('fe80::', 64)?.iface, 'lo0');
  assert.equal(find('2600:1700:bab0:d40::', 64)?.gateway, '::');
  const ff02 = v6.filter((r) => r.destination === 'ff02::' && r.prefixLength === 32);
  assert.equal(ff02.length, (text.match(/^ff02::%\S+\/32 /gm) ?? []).length);
  assert.ok(ff02.every((r) => r.genmask === null && r.flags === 'UmCI'));
});

test('newer layouts without Refs/Use, junk and truncation', () => {
  const text = [
    'Routing tables',
    '',
    'Internet:',
    'Destination        Gateway            Flags               Netif Expire',
    'default            10.0.0.1           UGScg                 en0',
    '10/8               link#4             UCS                   en0      !',
    'garbage line',
    '10.0.0.5           1:2:3:4:5:6        UHLWIi                en0   1190',
    '10.0.0',
  ].join('\n');
  const { routes, skipped, firstSkipped } = parseNetstatRoutes(text);
  assert.deepEqual([skipped, firstSkipped], [2, 'garbage line']);
  assert.deepEqual(
    routes.map((r) => [r.destination, r.prefixLength, r.gateway, r.ref, r.use, r.iface]),
    [
      ['0.0.0.0', 0, '10.0.0.1', 0, 0, 'en0'],
      ['10.0.0.0', 8, '0.0.0.0', 0, 0, 'en0'],
      ['10.0.0.5', 32, '1:2:3:4:5:6', 0, 0, 'en0'],
    ],
  );
  assert.deepEqual(parseNetstatRoutes('').routes, []);
});

test('netmasks', () => {
  assert.equal(prefixToNetmask(0), '0.0.0.0');
  assert.equal(prefixToNetmask(20), '255.255.240.0');
  assert.equal(prefixToNetmask(32), '255.255.255.255');
});
