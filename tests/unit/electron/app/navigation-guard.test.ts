import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  isSafeExternalUrl,
  navigationGuard,
} from '../../../../electron/app/navigation-guard';

function setup() {
  const opened: string[] = [];
  const refused: string[] = [];
  const guard = navigationGuard({
    openExternal: (u) => opened.push(u),
    onRefused: (k, u) => refused.push(`${k} ${u}`),
  });
  const event = () => {
    const e = { prevented: false, preventDefault: () => (e.prevented = true) };
    return e;
  };
  return { opened, refused, guard, event };
}

test('navigations away are refused; an https link opens in the browser instead', () => {
  const { opened, guard, event } = setup();
  for (const url of [
    'https://example.org/a',
    'http://example.org/',
    'file:///etc/passwd',
    'app://netwatch/index.html',
  ]) {
    const e = event();
    guard.onWillNavigate(e, url);
    assert.equal(e.prevented, true, url);
  }
  assert.deepEqual(opened, ['https://example.org/a']);
});

test('new windows are always denied; only https URLs reach openExternal', () => {
  const { opened, guard } = setup();
  for (const url of [
    'https://example.org/docs',
    'http://example.org/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://host/share',
    'https://user:pw@example.org/',
  ]) {
    assert.deepEqual(guard.windowOpenHandler({ url }), { action: 'deny' });
  }
  assert.deepEqual(opened, ['https://example.org/docs']);
});

test('redirects off the app and webviews are refused', () => {
  const { guard, event } = setup();
  const off = event();
  guard.onWillRedirect(off, 'https://example.org/');
  assert.equal(off.prevented, true);
  const own = event();
  guard.onWillRedirect(own, 'app://netwatch/index.html');
  assert.equal(own.prevented, false);
  const webview = event();
  guard.onWillAttachWebview(webview, {}, { src: 'https://example.org/' });
  assert.equal(webview.prevented, true);
});

test('external URL check: https with a host, no credentials, bounded length', () => {
  assert.equal(isSafeExternalUrl('https://example.org/x?y#z'), true);
  assert.equal(isSafeExternalUrl(`https://example.org/${'a'.repeat(3000)}`), false);
  assert.equal(isSafeExternalUrl('HTTPS://EXAMPLE.ORG'), true);
  assert.equal(isSafeExternalUrl('https://'), false);
  assert.equal(isSafeExternalUrl('ms-msdt:/id'), false);
});

test('permission requests and checks are denied', () => {
  let granted: boolean | null = null;
  denyPermissionRequest({}, 'media', (g) => (granted = g));
  assert.equal(granted, false);
  assert.equal(denyPermissionCheck(), false);
});
