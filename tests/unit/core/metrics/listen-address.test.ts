// --metrics HOST:PORT: loopback unless a host is written out; names and bad ports refused clearly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseListenAddress } from '../../../../electron/core/metrics/listen-address';

test('a port alone, or with an empty host, is loopback', () => {
  assert.deepEqual(parseListenAddress('9464'), { ok: true, address: { host: '127.0.0.1', port: 9464 } });
  assert.deepEqual(parseListenAddress(':9464'), { ok: true, address: { host: '127.0.0.1', port: 9464 } });
});

test('written hosts: IPv4, bracketed IPv6, localhost, every address', () => {
  assert.deepEqual(parseListenAddress('[::1]:0'), { ok: true, address: { host: '::1', port: 0 } });
  assert.deepEqual(parseListenAddress('localhost:9464'), {
    ok: true,
    address: { host: 'localhost', port: 9464 },
  });
  assert.deepEqual(parseListenAddress('0.0.0.0:9464'), {
    ok: true,
    address: { host: '0.0.0.0', port: 9464 },
  });
});

test('names, bad ports and junk are refused with the reason', () => {
  for (const [text, reason] of [
    ['example.com:9464', /IP address/],
    ['127.0.0.1:70000', /out of range/],
    ['127.0.0.1', /PORT or HOST:PORT/],
    ['::1:9464', /PORT or HOST:PORT/],
    ['1.2.3.4:9464\n', /./],
    ['', /PORT or HOST:PORT/],
  ] as const) {
    const parsed = parseListenAddress(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.match(parsed.message, reason);
  }
});
