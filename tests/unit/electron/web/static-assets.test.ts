import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveStaticFile, safeSegments } from '../../../../electron/web/static-assets';

const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-static-'));
const root = path.join(dir, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'assets', 'a.css'), 'body{}');
writeFileSync(path.join(dir, 'outside.txt'), 'secret');
symlinkSync(path.join(dir, 'outside.txt'), path.join(root, 'assets', 'link.txt'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('request paths that try to leave the folder are refused before touching the disk', () => {
  assert.deepEqual(safeSegments('/assets/a.css'), ['assets', 'a.css']);
  assert.deepEqual(safeSegments('/./assets//a.css'), ['assets', 'a.css']);
  for (const bad of [
    '/../x',
    '/assets/%2e%2e/x',
    '/a%2fb',
    '/a%5cb',
    '/a%00',
    '/%E0%A4%A',
    'relative',
    '/c:x',
  ]) {
    assert.equal(safeSegments(bad), null, bad);
  }
});

test('files resolve with their type; folders, missing files and symlinks out do not', async () => {
  const css = await resolveStaticFile(root, '/assets/a.css');
  assert.equal(css?.contentType, 'text/css; charset=utf-8');
  assert.equal(css?.size, 6);
  assert.equal(await resolveStaticFile(root, '/assets'), null);
  assert.equal(await resolveStaticFile(root, '/assets/none.js'), null);
  assert.equal(await resolveStaticFile(root, '/assets/link.txt'), null);
  assert.equal(await resolveStaticFile(root, '/'), null);
});
