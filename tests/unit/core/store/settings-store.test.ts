import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../../../../electron/core/store/open-store';
import { defaultSettings } from '../../../../electron/core/store/settings-store';

test('defaults: 1 s, 30 days, flood 100, SYN_RECV 50, 60 s window, 100 MiB sent in 10 min, no login start, system theme, names on, 1 GiB', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  assert.deepEqual(store.settings(), {
    sampleIntervalMs: 1000,
    retentionDays: 30,
    floodRemoteThreshold: 100,
    synRecvThreshold: 50,
    floodWindowSeconds: 60,
    trafficAlertEnabled: true,
    trafficAlertMb: 100,
    trafficWindowMinutes: 10,
    startAtLogin: false,
    theme: 'system',
    resolveHostNames: true,
    maxDatabaseMb: 1024,
  });
  assert.deepEqual(store.settings(), defaultSettings);
});

test('a change is validated, persisted and read back', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  assert.equal(store.updateSettings({ retentionDays: 7, theme: 'dark' }).retentionDays, 7);
  assert.deepEqual(store.settings(), { ...defaultSettings, retentionDays: 7, theme: 'dark' });
  assert.throws(() => store.updateSettings({ sampleIntervalMs: 10 }));
  assert.equal(store.settings().sampleIntervalMs, 1000, 'a refused change writes nothing');
});

test('a stored value that does not parse falls back to its default, with a message', (t) => {
  const notices: string[] = [];
  const store = openStore({ path: ':memory:', onNotice: (m) => notices.push(m) });
  t.after(() => store.close());
  store.db
    .prepare(
      `INSERT INTO settings (key, value) VALUES ('retentionDays', '"forever"'), ('theme', '{bad json')`,
    )
    .run();
  assert.deepEqual(store.settings(), defaultSettings);
  assert.equal(notices.length, 2);
  assert.match(notices[0]!, /retentionDays/);
});
