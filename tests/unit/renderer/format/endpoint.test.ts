// Endpoints as netstat users read them, and sort keys that order addresses as numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { endpointSortKey, endpointText, protoText } from '../../../../renderer/src/format/endpoint';

test('IPv4 and IPv6 endpoints, wildcard ports, names in place of numbers', () => {
  assert.equal(endpointText('127.0.0.1', 8080), '127.0.0.1:8080');
  assert.equal(endpointText('::1', 53), '[::1]:53');
  assert.equal(endpointText('0.0.0.0', 0), '0.0.0.0:*');
  assert.equal(endpointText('93.184.216.34', 443, 'example.org', 'https'), 'example.org:https');
  assert.equal(protoText('tcp', 6), 'tcp6');
  assert.equal(protoText('udp', 4), 'udp');
});

/** The oracle: the address as 16 bytes, the way the OS stores it (IPv4 first, as 4-in-6 is not mixed). */
function bytesOf(address: string): string {
  if (net.isIPv4(address))
    return `0${address
      .split('.')
      .map((o) => Number(o).toString(16).padStart(2, '0'))
      .join('')}`;
  // Expand with the URL parser's canonical form, then pad each group.
  const full = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail = ''] = full.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = full.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return `1${groups.map((g) => g.padStart(4, '0')).join('')}`;
}

test('addresses sort numerically: 9.x before 10.x, IPv4 before IPv6, then by port', () => {
  const endpoints: [string, number][] = [
    ['10.0.0.2', 80],
    ['9.255.1.1', 443],
    ['10.0.0.10', 22],
    ['::1', 1],
    ['2001:db8::1', 5],
    ['2001:db8:0:0:1::', 5],
    ['fe80::2', 7],
    ['10.0.0.2', 8],
    ['127.0.0.1', 65535],
  ];
  const byKey = [...endpoints].sort((a, b) => (endpointSortKey(...a) < endpointSortKey(...b) ? -1 : 1));
  const byOracle = [...endpoints].sort((a, b) => {
    const ka = bytesOf(a[0]);
    const kb = bytesOf(b[0]);
    return ka !== kb ? (ka < kb ? -1 : 1) : a[1] - b[1];
  });
  assert.deepEqual(byKey, byOracle);
});
