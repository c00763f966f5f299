// The headless server's doors on a real 127.0.0.1 port: the token on the page and the socket,
// the Host and Origin checks against DNS rebinding, the security headers, and the static files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';
import { createPlainCore } from './plain-core';
import { get, upgradeStatus } from './socket-client';

let server: WebServer;
let dir: string;
const indexHtml =
  '<!doctype html><title>netwatch test page</title><script src="/assets/app-1234.js"></script>';

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netwatch-web-'));
  mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'renderer', 'index.html'), indexHtml);
  writeFileSync(path.join(dir, 'renderer', 'assets', 'app-1234.js'), 'console.log("hi")');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  server = await startWebServer({ core: createPlainCore(), rendererDir: path.join(dir, 'renderer') });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('binds 127.0.0.1 on a free port and prints a URL with a long random token', () => {
  assert.equal(server.host, '127.0.0.1');
  assert.ok(server.port > 0);
  assert.match(server.url, new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{40,}$`));
  assert.equal(new URL(server.url).searchParams.get('token'), server.token);
});

test('the page needs the token: none is 401, a wrong one 403, the right one 200', async () => {
  const host = { Host: `127.0.0.1:${server.port}` };
  assert.equal((await get(server.port, '/', host)).status, 401);
  assert.equal((await get(server.port, '/index.html', host)).status, 401);
  assert.equal((await get(server.port, '/?token=nope', host)).status, 403);
  const wrongSameLength = server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  assert.equal((await get(server.port, `/?token=${wrongSameLength}`, host)).status, 403);
  const ok = await get(server.port, `/?token=${server.token}`, host);
  assert.equal(ok.status, 200);
  assert.equal(ok.body, indexHtml);
  assert.match(String(ok.headers['content-type']), /^text\/html/);
});

test('the page carries a strict CSP, nosniff, no referrer and is never cached', async () => {
  const res = await get(server.port, `/?token=${server.token}`, { Host: `127.0.0.1:${server.port}` });
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${server.port}`));
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['referrer-policy'], 'no-referrer');
  assert.equal(res.headers['cache-control'], 'no-store');
});

test('a Host header naming another host is refused (DNS rebinding); localhost is accepted', async () => {
  const evil = await get(server.port, `/?token=${server.token}`, { Host: `evil.example:${server.port}` });
  assert.equal(evil.status, 403);
  assert.equal(
    (await get(server.port, '/assets/app-1234.js', { Host: `evil.example:${server.port}` })).status,
    403,
  );
  const wrongPort = await get(server.port, `/?token=${server.token}`, {
    Host: `127.0.0.1:${server.port + 1}`,
  });
  assert.equal(wrongPort.status, 403);
  const local = await get(server.port, `/?token=${server.token}`, { Host: `localhost:${server.port}` });
  assert.equal(local.status, 200);
});

test('assets are served without the token; paths leaving the renderer folder are not', async () => {
  const host = { Host: `127.0.0.1:${server.port}` };
  const asset = await get(server.port, '/assets/app-1234.js', host);
  assert.equal(asset.status, 200);
  assert.equal(asset.body, 'console.log("hi")');
  assert.match(String(asset.headers['content-type']), /^text\/javascript/);
  assert.equal(asset.headers['x-content-type-options'], 'nosniff');
  for (const p of [
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets',
    '/missing.js',
  ]) {
    const res = await get(server.port, p, host);
    assert.equal(res.status, 404, p);
    assert.doesNotMatch(res.body, /outside the renderer/);
  }
});

test('only GET and HEAD; /api over plain HTTP says it is a WebSocket', async () => {
  const host = { Host: `127.0.0.1:${server.port}` };
  assert.equal((await get(server.port, `/?token=${server.token}`, host, 'POST')).status, 405);
  const head = await get(server.port, `/?token=${server.token}`, host, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal((await get(server.port, `/api?token=${server.token}`, host)).status, 426);
});

test('the socket needs the token, the right Host and the page own Origin', async () => {
  const host = `127.0.0.1:${server.port}`;
  assert.equal(await upgradeStatus(server.port, '/api', { Host: host }), 401);
  assert.equal(await upgradeStatus(server.port, '/api?token=wrong', { Host: host }), 403);
  assert.equal(await upgradeStatus(server.port, `/elsewhere?token=${server.token}`, { Host: host }), 404);
  assert.equal(
    await upgradeStatus(server.port, `/api?token=${server.token}`, { Host: `evil.example:${server.port}` }),
    403,
  );
  assert.equal(
    await upgradeStatus(server.port, `/api?token=${server.token}`, {
      Host: host,
      Origin: 'http://evil.example',
    }),
    403,
  );
  assert.equal(
    await upgradeStatus(server.port, `/api?token=${server.token}`, { Host: host, Origin: `http://${host}` }),
    101,
  );
});
