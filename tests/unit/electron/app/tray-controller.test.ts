import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrayController } from '../../../../electron/app/tray-controller';
import type { TrayModel } from '../../../../electron/app/tray-model';
import { createPlainCore, sampleAlert, sampleStatus } from '../../../integration/web/plain-core';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('the tray follows status events and re-reads the last alerts when one is raised', async () => {
  const core = createPlainCore();
  const models: TrayModel[] = [];
  const tray = createTrayController({ core, render: (m) => models.push(m), open: () => {}, quit: () => {} });
  await tray.start();
  assert.equal(models.at(-1)!.badge, '');
  core.emit('status.onChanged', { ...sampleStatus, unreadAlerts: 3 });
  assert.equal(models.at(-1)!.badge, '3');
  core.emit('alerts.onRaised', sampleAlert(1));
  await tick();
  assert.ok(core.calls.filter((c) => c.method === 'alerts.list').length >= 2);
  assert.ok(models.at(-1)!.items.some((i) => i.kind === 'alert' && i.alertId === 1));
  tray.dispose();
});

test('menu actions become contract calls or window/quit requests', async () => {
  const core = createPlainCore();
  const opened: (number | null)[] = [];
  let quit = 0;
  const models: TrayModel[] = [];
  const tray = createTrayController({
    core,
    render: (m) => models.push(m),
    open: (id) => opened.push(id),
    quit: () => (quit += 1),
  });
  tray.act('pause');
  await tick();
  assert.ok(models.at(-1)!.items.some((i) => i.kind === 'action' && i.action === 'resume'));
  tray.act('resume');
  tray.act('ack-all');
  tray.act('open');
  tray.openAlert(5);
  tray.act('quit');
  await tick();
  assert.deepEqual(
    core.calls.map((c) => c.method).filter((m) => m !== 'status.get' && m !== 'alerts.list'),
    ['status.pause', 'status.resume', 'alerts.ackAll'],
  );
  assert.deepEqual(opened, [null, 5]);
  assert.equal(quit, 1);
  tray.dispose();
});

test('a failing core call is logged, not thrown', async () => {
  const core = createPlainCore((h) => {
    h.status.pause = async () => {
      throw new Error('worker gone');
    };
  });
  const logged: string[] = [];
  const tray = createTrayController({
    core,
    render: () => {},
    open: () => {},
    quit: () => {},
    log: (m) => logged.push(m),
  });
  tray.act('pause');
  await tick();
  assert.deepEqual(logged, ['tray action pause failed: worker gone']);
  tray.dispose();
});
