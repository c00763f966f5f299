import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyLinuxAutostart,
  desktopExecArg,
  loginItemSettings,
  startedHidden,
} from '../../../../electron/app/login-item';

const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-autostart-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the login item starts the app hidden', () => {
  assert.deepEqual(loginItemSettings(true), { openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
  assert.equal(loginItemSettings(false).openAtLogin, false);
  assert.equal(startedHidden(['/opt/netwatch/netwatch', '--hidden'], false), true);
  assert.equal(startedHidden(['/opt/netwatch/netwatch'], true), true);
  assert.equal(startedHidden(['/opt/netwatch/netwatch'], false), false);
});

test('Linux: an XDG autostart entry is written and removed', () => {
  const file = applyLinuxAutostart(dir, true, '/home/u/Apps/net watch.AppImage');
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^\[Desktop Entry\]\n/);
  assert.match(text, /\nExec="\/home\/u\/Apps\/net watch\.AppImage" --hidden\n/);
  assert.match(text, /\nType=Application\n/);
  applyLinuxAutostart(dir, false, '/x');
  assert.equal(existsSync(file), false);
  applyLinuxAutostart(dir, false, '/x');
});

test('Exec arguments are quoted by the desktop entry rules', () => {
  assert.equal(desktopExecArg('/usr/bin/netwatch'), '/usr/bin/netwatch');
  assert.equal(desktopExecArg('/a b/$x"`\\'), '"/a b/\\$x\\"\\`\\\\"');
});
