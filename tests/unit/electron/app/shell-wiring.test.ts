import { test } from 'node:test';
import assert from 'node:assert/strict';
import { observeSettings } from '../../../../electron/app/settings-hook';
import { relayEvents } from '../../../../electron/app/event-relay';
import { createPlainCore, sampleAlert, sampleStatus } from '../../../integration/web/plain-core';
import type { Settings } from '../../../../shared/model';

test('saved settings are seen by the shell; other calls pass through', async () => {
  const core = createPlainCore();
  const seen: Settings[] = [];
  const wrapped = observeSettings(core, (s) => seen.push(s));
  const saved = await wrapped.handlers.settings.set({ startAtLogin: true });
  assert.equal(saved.startAtLogin, true);
  assert.deepEqual(seen, [saved]);
  await wrapped.handlers.settings.get({});
  await wrapped.handlers.alerts.ack({ id: 1 });
  assert.equal(seen.length, 1);
  assert.deepEqual(
    core.calls.map((c) => c.method),
    ['settings.set', 'settings.get', 'alerts.ack'],
  );
});

test('events go to every live window on their nw:event: channel', () => {
  const core = createPlainCore();
  const sent: string[] = [];
  const target = (name: string, destroyed = false) => ({
    isDestroyed: () => destroyed,
    send: (channel: string, payload: unknown) =>
      sent.push(`${name} ${channel} ${JSON.stringify(payload).length > 0}`),
  });
  const stop = relayEvents(core, () => [target('a'), target('gone', true), target('b')]);
  core.emit('alerts.onRaised', sampleAlert(1));
  core.emit('status.onChanged', sampleStatus);
  assert.deepEqual(sent, [
    'a nw:event:alerts.onRaised true',
    'b nw:event:alerts.onRaised true',
    'a nw:event:status.onChanged true',
    'b nw:event:status.onChanged true',
  ]);
  stop();
  core.emit('status.onChanged', sampleStatus);
  assert.equal(sent.length, 4);
});
