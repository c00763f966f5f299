import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findRendererDir } from '../../../../electron/web/renderer-dir';

const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-rdir-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('found from the bundle (dist/electron), the sources (electron/web) and a packaged app', () => {
  const project = path.join(dir, 'project');
  mkdirSync(path.join(project, 'dist', 'renderer'), { recursive: true });
  mkdirSync(path.join(project, 'dist', 'electron'), { recursive: true });
  mkdirSync(path.join(project, 'electron', 'web'), { recursive: true });
  writeFileSync(path.join(project, 'dist', 'renderer', 'index.html'), '');
  const expected = path.join(project, 'dist', 'renderer');
  assert.equal(findRendererDir(path.join(project, 'dist', 'electron')), expected);
  assert.equal(findRendererDir(path.join(project, 'electron', 'web')), expected);
  assert.equal(findRendererDir(project), expected);
});

test('null when the interface is not built', () => {
  const bare = path.join(dir, 'bare', 'dist', 'electron');
  mkdirSync(bare, { recursive: true });
  mkdirSync(path.join(dir, 'bare', 'dist', 'renderer'));
  assert.equal(findRendererDir(bare), null);
});
