// The headless server seen by a real browser (Debian's Chromium): a small page of its own (not
// the app's UI) opens /api with the token from its URL and calls the contract, while the CSP
// the server sends blocks inline script and connections to any other origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';
import { createPlainCore, sampleAlert, type PlainCore } from './plain-core';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-browser-'));
let server: WebServer;
let core: PlainCore;
let browser: Browser;

const pageScript = `
const out = (k, v) => { document.getElementById(k).textContent = String(v); };
const token = new URLSearchParams(location.search).get('token');
const ws = new WebSocket('ws://' + location.host + '/api?token=' + token);
ws.onmessage = (m) => {
  const f = JSON.parse(m.data);
  if (f.type === 'result' && f.id === 1) out('status', f.ok ? f.value.platform : 'error');
  if (f.type === 'event') out('event', f.name + ' ' + f.payload.id);
};
ws.onopen = () => { out('socket', 'open'); ws.send(JSON.stringify({ type: 'call', id: 1, method: 'status.get', input: {} })); };
fetch('http://example.invalid/').then(() => out('foreign', 'allowed'), () => out('foreign', 'blocked'));
`;

before(async () => {
  const renderer = path.join(dir, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(
    path.join(renderer, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>probe</title>' +
      '<p id="socket">closed</p><p id="status">-</p><p id="event">-</p><p id="foreign">-</p><p id="inline">not run</p>' +
      '<script>document.getElementById("inline").textContent = "ran";</script>' +
      '<script src="/assets/probe.js"></script>',
  );
  writeFileSync(path.join(renderer, 'assets', 'probe.js'), pageScript);
  core = createPlainCore();
  server = await startWebServer({ core, rendererDir: renderer });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('Chromium is where the tests expect it', () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} (apt-get install chromium)`);
});

test('the page talks to the contract over /api, and receives events', async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.getElementById('status')!.textContent !== '-', null, {
    timeout: 10_000,
  });
  assert.equal(await page.textContent('#socket'), 'open');
  assert.equal(await page.textContent('#status'), 'linux');
  core.emit('alerts.onRaised', sampleAlert(31));
  await page.waitForFunction(() => document.getElementById('event')!.textContent !== '-', null, {
    timeout: 10_000,
  });
  assert.equal(await page.textContent('#event'), 'alerts.onRaised 31');
  await page.close();
});

test('the CSP blocks inline script and connections to other origins', async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(server.url);
  await page.waitForFunction(() => document.getElementById('foreign')!.textContent !== '-', null, {
    timeout: 10_000,
  });
  assert.equal(await page.textContent('#inline'), 'not run');
  assert.equal(await page.textContent('#foreign'), 'blocked');
  assert.ok(violations.length >= 2, violations.join('\n'));
  await page.close();
});

test('without the token the page is refused and no socket opens', async () => {
  const page = await browser.newPage();
  const before = server.clientCount();
  const response = await page.goto(server.url.replace(/\?token=.*/, ''));
  assert.equal(response?.status(), 401);
  assert.ok(server.clientCount() <= before, 'no new socket');
  await page.close();
});
