import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultDataDir, resolveDbPath } from '../../../../electron/core/store/data-paths';

test('per-user data folder by platform', () => {
  assert.equal(defaultDataDir('linux', {}, '/home/ann'), '/home/ann/.local/share/netwatch');
  assert.equal(defaultDataDir('linux', { XDG_DATA_HOME: '/data/ann' }, '/home/ann'), '/data/ann/netwatch');
  assert.equal(
    defaultDataDir('linux', { XDG_DATA_HOME: 'relative' }, '/home/ann'),
    '/home/ann/.local/share/netwatch',
  );
  assert.equal(defaultDataDir('darwin', {}, '/Users/ann'), '/Users/ann/Library/Application Support/netwatch');
  assert.equal(
    defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann'),
    'C:\\Users\\ann\\AppData\\Roaming\\netwatch',
  );
});

test('--db wins over NETWATCH_DB, which wins over the app folder and the default', () => {
  const env = { NETWATCH_DB: '/env/n.db' };
  assert.equal(resolveDbPath({ flag: '/flag/n.db', env, home: '/h', platform: 'linux' }), '/flag/n.db');
  assert.equal(resolveDbPath({ env, userDataDir: '/ud', home: '/h', platform: 'linux' }), '/env/n.db');
  assert.equal(
    resolveDbPath({ env: {}, userDataDir: '/ud', home: '/h', platform: 'linux' }),
    '/ud/netwatch.db',
  );
  assert.equal(
    resolveDbPath({ env: {}, home: '/h', platform: 'linux' }),
    '/h/.local/share/netwatch/netwatch.db',
  );
});
