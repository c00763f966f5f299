import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createAlertNotifier,
  notificationFor,
  type NotificationRequest,
} from '../../../../electron/app/alert-notifier';
import { sampleAlert } from '../../../integration/web/plain-core';

function manualClock() {
  const pending: { fn: () => void; cancelled: boolean }[] = [];
  return {
    schedule(fn: () => void) {
      const entry = { fn, cancelled: false };
      pending.push(entry);
      return { cancel: () => (entry.cancelled = true) };
    },
    /** Runs the timers due now (the window ending). */
    elapse() {
      const due = pending.splice(0);
      for (const e of due) if (!e.cancelled) e.fn();
    },
  };
}

test('an alert becomes a plain-text notification that knows its alert', () => {
  const note = notificationFor({ ...sampleAlert(4, 'curl\nconnected <b>to</b> 1.2.3.4:443'), count: 3 });
  assert.equal(note.title, 'netwatch: New program on the network');
  assert.equal(note.body, 'curl connected <b>to</b> 1.2.3.4:443 (3 times)');
  assert.equal(note.alertId, 4);
});

test('a burst shows the first few, then one summary of the rest', () => {
  const shown: NotificationRequest[] = [];
  const clock = manualClock();
  const notifier = createAlertNotifier({
    show: (n) => shown.push(n),
    maxPerWindow: 2,
    schedule: clock.schedule,
  });
  for (let id = 1; id <= 6; id += 1) notifier.alert(sampleAlert(id));
  assert.deepEqual(
    shown.map((n) => n.alertId),
    [1, 2],
  );
  clock.elapse();
  assert.equal(shown.length, 3);
  assert.deepEqual(shown[2], { title: 'netwatch', body: '4 more alerts', alertId: null });
  clock.elapse();
  notifier.alert(sampleAlert(7));
  assert.equal(shown.at(-1)?.alertId, 7);
  notifier.alert({ ...sampleAlert(8), acknowledged: true });
  assert.equal(shown.at(-1)?.alertId, 7, 'acknowledged alerts are not notified');
  notifier.dispose();
});
