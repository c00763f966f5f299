import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appProtocolHandler } from '../../../../electron/app/app-protocol';
import { APP_CONTENT_SECURITY_POLICY } from '../../../../electron/app/window-options';

const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-proto-'));
mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(path.join(dir, 'renderer', 'assets', 'a.js'), 'void 0');
writeFileSync(path.join(dir, 'secret'), 'secret');
after(() => rmSync(dir, { recursive: true, force: true }));
const handle = appProtocolHandler(path.join(dir, 'renderer'));

test('serves the renderer with the app CSP and its content type', async () => {
  const index = await handle(new Request('app://netwatch/'));
  assert.equal(index.status, 200);
  assert.equal(await index.text(), '<!doctype html><title>t</title>');
  assert.equal(index.headers.get('content-security-policy'), APP_CONTENT_SECURITY_POLICY);
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  const js = await handle(new Request('app://netwatch/assets/a.js'));
  assert.match(js.headers.get('content-type')!, /^text\/javascript/);
});

test('nothing outside the renderer folder, no other host, GET only', async () => {
  for (const url of [
    'app://netwatch/../secret',
    'app://netwatch/%2e%2e/secret',
    'app://other/index.html',
    'app://netwatch/nope',
  ]) {
    const res = await handle(new Request(url));
    assert.equal(res.status, 404, url);
  }
  assert.equal(
    (await handle(new Request('app://netwatch/index.html', { method: 'POST', body: 'x' }))).status,
    405,
  );
});
