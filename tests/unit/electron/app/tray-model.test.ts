import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badgeText, trayModel } from '../../../../electron/app/tray-model';
import { menuLabel } from '../../../../electron/app/menu-text';
import { sampleAlert } from '../../../integration/web/plain-core';

test('no alerts: open, pause, a note, quit; nothing on the badge', () => {
  const model = trayModel({ unread: 0, paused: false, recent: [] });
  assert.equal(model.badge, '');
  assert.equal(model.title, '');
  assert.equal(model.tooltip, 'netwatch: watching');
  assert.deepEqual(
    model.items.map((i) => (i.kind === 'action' ? i.action : i.kind)),
    ['open', 'pause', 'separator', 'note', 'separator', 'quit'],
  );
});

test('unread alerts: the count on the badge and tooltip, the last five alerts, mark-all-read; resume when paused', () => {
  const recent = Array.from({ length: 8 }, (_, i) => sampleAlert(i + 1, `program ${i + 1} connected`));
  const model = trayModel({ unread: 12, paused: true, recent });
  assert.equal(model.badge, '9+');
  assert.equal(model.title, '12');
  assert.equal(model.tooltip, 'netwatch: paused, 12 unread alerts');
  const alerts = model.items.filter((i) => i.kind === 'alert');
  assert.deepEqual(
    alerts.map((i) => (i.kind === 'alert' ? i.alertId : 0)),
    [1, 2, 3, 4, 5],
  );
  assert.ok(model.items.some((i) => i.kind === 'action' && i.action === 'resume'));
  assert.ok(!model.items.some((i) => i.kind === 'action' && i.action === 'pause'));
  assert.ok(model.items.some((i) => i.kind === 'action' && i.action === 'ack-all'));
  assert.deepEqual(model.items.at(-1), { kind: 'action', action: 'quit', label: 'Quit netwatch' });
});

test('badge text', () => {
  assert.deepEqual([0, -1, 1, 9, 10, NaN].map(badgeText), ['', '', '1', '9', '9+', '']);
});

test('hostile process text becomes one short menu line without accelerators', () => {
  const label = menuLabel('evil\n&Quit\u202e\u0007 ' + 'x'.repeat(100));
  assert.doesNotMatch(label, /[\n\u202e\u0007]/);
  assert.ok(label.startsWith('evil &&Quit'));
  assert.ok(label.length <= 61);
});
