import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostAllowed, hostPolicy, originAllowed, parseHostHeader } from '../../../../electron/web/host-guard';

test('Host headers are parsed with their port; IPv6 keeps its brackets off', () => {
  assert.deepEqual(parseHostHeader('127.0.0.1:8080'), { hostname: '127.0.0.1', port: 8080 });
  assert.deepEqual(parseHostHeader('[::1]:9'), { hostname: '::1', port: 9 });
  assert.deepEqual(parseHostHeader('LocalHost'), { hostname: 'localhost', port: 80 });
  for (const bad of ['', 'a b:1', 'x:99999', 'user@host:1', 'host:1/x', '[::1']) {
    assert.equal(parseHostHeader(bad), null, bad);
  }
});

test('a loopback bind answers its own address and localhost, on its port only', () => {
  const p = hostPolicy('127.0.0.1', 4000);
  assert.equal(hostAllowed(p, '127.0.0.1:4000'), true);
  assert.equal(hostAllowed(p, 'localhost:4000'), true);
  assert.equal(hostAllowed(p, 'attacker.example:4000'), false);
  assert.equal(hostAllowed(p, '127.0.0.1:4001'), false);
  assert.equal(hostAllowed(p, '10.0.0.1:4000'), false);
  assert.equal(hostAllowed(p, undefined), false);
});

test('a named bind answers that name only', () => {
  const p = hostPolicy('box.lan', 80);
  assert.equal(hostAllowed(p, 'box.lan'), true);
  assert.equal(hostAllowed(p, 'BOX.LAN:80'), true);
  assert.equal(hostAllowed(p, 'localhost'), false);
  assert.equal(hostAllowed(p, 'evil.example'), false);
});

test('a wildcard bind answers IP literals and localhost, never a DNS name', () => {
  const p = hostPolicy('0.0.0.0', 5000);
  assert.equal(hostAllowed(p, '192.168.1.20:5000'), true);
  assert.equal(hostAllowed(p, '[fe80::1]:5000'), true);
  assert.equal(hostAllowed(p, 'localhost:5000'), true);
  assert.equal(hostAllowed(p, 'rebind.attacker.example:5000'), false);
});

test('Origin: absent (not a browser) or this server own http origin', () => {
  const p = hostPolicy('127.0.0.1', 4000);
  assert.equal(originAllowed(p, undefined), true);
  assert.equal(originAllowed(p, 'http://127.0.0.1:4000'), true);
  assert.equal(originAllowed(p, 'http://localhost:4000'), true);
  assert.equal(originAllowed(p, 'https://127.0.0.1:4000'), false);
  assert.equal(originAllowed(p, 'http://evil.example:4000'), false);
  assert.equal(originAllowed(p, 'null'), false);
});
