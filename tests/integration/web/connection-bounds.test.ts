// The headless server under an attack probe, on a real 127.0.0.1 port: the page needs its token
// however its path is spelled (encoded, trailing slash, doubled slashes), and connections that
// never finish a request, sit idle, or come in a flood are closed, so they cannot hold file
// descriptors the sampler needs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';
import { createPlainCore } from './plain-core';
import { get } from './socket-client';

let server: WebServer;
let dir: string;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netwatch-bounds-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  server = await startWebServer({
    core: createPlainCore(),
    rendererDir: dir,
    connectionLimits: { headersTimeoutMs: 800, requestTimeoutMs: 1500, idleTimeoutMs: 1500, maxSockets: 6 },
  });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the page needs the token however its path is spelled', async () => {
  const host = { Host: `127.0.0.1:${server.port}` };
  for (const spelling of [
    '/%69ndex.html',
    '/index.html/',
    '//index.html',
    '/./index.html',
    '/%2e/index.html',
    '/assets/../index.html',
  ]) {
    assert.equal((await get(server.port, spelling, host)).status, 401, spelling);
    assert.equal((await get(server.port, `${spelling}?token=${server.token}`, host)).status, 200, spelling);
  }
  assert.equal((await get(server.port, '/assets/app.js', host)).status, 200, 'assets stay public');
});

/** Opens a socket, writes `text`, and resolves with how it ended: 'closed by the server' or not. */
function openAndWait(text: string, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    socket.on('error', () => {});
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve('still open');
    }, waitMs);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve(`closed by the server ${answer.split('\r\n')[0] ?? ''}`.trim());
    });
  });
}

test('a connection that sends nothing, half a request, or sits idle after one is closed', async () => {
  const [silent, halfHeaders, halfBody, keptAlive] = await Promise.all([
    openAndWait('', 10_000),
    openAndWait(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: `, 10_000),
    openAndWait(
      `GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 100\r\n\r\nabc`,
      10_000,
    ),
    openAndWait(`GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`, 10_000),
  ]);
  assert.match(silent!, /^closed by the server/);
  assert.match(halfHeaders!, /^closed by the server/);
  assert.match(halfBody!, /^closed by the server/);
  assert.match(keptAlive!, /^closed by the server HTTP\/1.1 200/);
});

test('sockets beyond the cap are closed on arrival; the server still answers afterwards', async () => {
  const held: net.Socket[] = [];
  for (let i = 0; i < 6; i++) {
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((r) => socket.once('connect', r));
    held.push(socket);
  }
  await new Promise((r) => setTimeout(r, 100)); // Accepted by the server's loop.
  const extra = await openAndWait(
    `GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`,
    5000,
  );
  assert.equal(extra, 'closed by the server', 'no answer: closed on arrival');
  for (const socket of held) socket.destroy();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal((await get(server.port, '/assets/app.js', { Host: `127.0.0.1:${server.port}` })).status, 200);
});
