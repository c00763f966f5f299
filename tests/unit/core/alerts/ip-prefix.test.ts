import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePrefix, prefixContains } from '../../../../electron/core/alerts/ip-prefix';

function prefix(text: string) {
  const parsed = parsePrefix(text);
  assert.ok(parsed.ok, text);
  return parsed;
}

test('IPv4 networks match their addresses, also in the mapped form dual-stack sockets report', () => {
  const net = prefix('10.0.0.0/8').prefix;
  assert.equal(prefixContains(net, '10.255.3.4'), true);
  assert.equal(prefixContains(net, '::ffff:10.1.2.3'), true);
  assert.equal(prefixContains(net, '11.0.0.1'), false);
  assert.equal(prefixContains(net, '::a00:1'), false, 'IPv4-compatible is not IPv4-mapped');
  const odd = prefix('192.168.4.0/22').prefix;
  assert.equal(prefixContains(odd, '192.168.7.255'), true);
  assert.equal(prefixContains(odd, '192.168.8.0'), false);
  assert.equal(prefixContains(prefix('0.0.0.0/0').prefix, '8.8.8.8'), true);
  assert.equal(prefixContains(prefix('0.0.0.0/0').prefix, '2001:db8::1'), false, 'v4 /0 is not every v6');
});

test('IPv6 networks, single addresses, and text that is not an address', () => {
  const net = prefix('2001:db8::/32').prefix;
  assert.equal(prefixContains(net, '2001:db8:ffff::1'), true);
  assert.equal(prefixContains(net, '2001:db9::1'), false);
  assert.equal(prefixContains(prefix('::1').prefix, '::1'), true);
  assert.equal(prefixContains(prefix('::1').prefix, '::2'), false);
  assert.equal(prefixContains(prefix('fe80::/10').prefix, 'febf::1'), true);
  assert.equal(prefixContains(prefix('fe80::/10').prefix, 'fec0::1'), false);
  assert.equal(prefixContains(net, 'example.com'), false);
});

test('values are normalised; bad ones are refused with the reason', () => {
  assert.equal(prefix('2001:0DB8:0000:0000::/32').text, '2001:db8::/32');
  assert.equal(prefix('203.0.113.7').text, '203.0.113.7');
  assert.equal(prefix('203.0.113.7/32').text, '203.0.113.7');
  assert.equal(prefix('::ffff:1.2.3.4').text, '::ffff:1.2.3.4');
  assert.equal(prefix('1:0:0:2:0:0:0:3').text, '1:0:0:2::3');
  const hostBits = parsePrefix('10.1.2.3/8');
  assert.ok(!hostBits.ok && /host bits set; the network is 10\.0\.0\.0\/8/.test(hostBits.message));
  const long = parsePrefix('10.0.0.0/33');
  assert.ok(!long.ok && /prefix length must be 0 to 32/.test(long.message));
  const v6long = parsePrefix('::/129');
  assert.ok(!v6long.ok && /0 to 128/.test(v6long.message));
  for (const bad of ['', '10.0.0', '10.0.0.0/', '10.0.0.0/x', '300.1.1.1', 'fe80::1%eth0', '1.2.3.4/8/8']) {
    assert.equal(parsePrefix(bad).ok, false, bad);
  }
});
