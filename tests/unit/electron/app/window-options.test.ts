import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP_CONTENT_SECURITY_POLICY,
  isAppUrl,
  mainWindowOptions,
} from '../../../../electron/app/window-options';

test('the window is isolated, sandboxed and has no Node in the page', () => {
  const options = mainWindowOptions({ preload: '/app/dist/electron/preload.cjs', devTools: false });
  const web = options.webPreferences!;
  assert.equal(web.contextIsolation, true);
  assert.equal(web.sandbox, true);
  assert.equal(web.nodeIntegration, false);
  assert.equal(web.nodeIntegrationInWorker, false);
  assert.equal(web.nodeIntegrationInSubFrames, false);
  assert.equal(web.webSecurity, true);
  assert.equal(web.allowRunningInsecureContent, false);
  assert.equal(web.webviewTag, false);
  assert.equal(web.experimentalFeatures, false);
  assert.equal(web.navigateOnDragDrop, false);
  assert.equal(web.devTools, false);
  assert.equal(web.preload, '/app/dist/electron/preload.cjs');
  assert.equal(options.show, false, 'shown when ready, or never when started hidden');
});

test('the app CSP allows only its own origin and nothing inline or evaluated', () => {
  const directives = new Map(
    APP_CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
  assert.deepEqual(directives.get('default-src'), ["'self'"]);
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
  assert.deepEqual(directives.get('connect-src'), ["'self'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  assert.doesNotMatch(APP_CONTENT_SECURITY_POLICY, /unsafe|https?:|\*/);
});

test('only app://netwatch/ is the app content', () => {
  assert.equal(isAppUrl('app://netwatch/index.html'), true);
  assert.equal(isAppUrl('app://netwatch/index.html#alert=3'), true);
  for (const url of [
    'app://netwatch.evil/index.html',
    'app://other/index.html',
    'app://user@netwatch/',
    'file:///app/index.html',
    'https://netwatch/',
    'http://127.0.0.1/',
    'not a url',
  ]) {
    assert.equal(isAppUrl(url), false, url);
  }
});
