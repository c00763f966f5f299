import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appUrl,
  createWindowController,
  type ManagedWindow,
} from '../../../../electron/app/window-controller';

function fakeWindow() {
  const log: string[] = [];
  const w: ManagedWindow & { log: string[]; destroyed: boolean } = {
    log,
    destroyed: false,
    isDestroyed: () => w.destroyed,
    isMinimized: () => false,
    restore: () => log.push('restore'),
    show: () => log.push('show'),
    focus: () => log.push('focus'),
    hide: () => log.push('hide'),
    loadURL: async (url) => void log.push(`load ${url}`),
  };
  return w;
}

function setup() {
  const made: ReturnType<typeof fakeWindow>[] = [];
  let close: (e: { preventDefault(): void }) => void = () => {};
  const controller = createWindowController({
    create(onClose) {
      close = onClose;
      const w = fakeWindow();
      made.push(w);
      return w;
    },
  });
  const closeEvent = () => {
    const e = { prevented: false, preventDefault: () => (e.prevented = true) };
    close(e);
    return e;
  };
  return { controller, made, closeEvent };
}

test('the window is made once, on first open, and shown', () => {
  const { controller, made } = setup();
  assert.equal(controller.current(), null);
  controller.open();
  controller.open();
  assert.equal(made.length, 1);
  assert.deepEqual(made[0]!.log, ['load app://netwatch/index.html', 'show', 'focus', 'show', 'focus']);
});

test('closing hides the window (watching goes on in the tray) until the app quits', () => {
  const { controller, made, closeEvent } = setup();
  controller.open();
  const e = closeEvent();
  assert.equal(e.prevented, true);
  assert.equal(made[0]!.log.at(-1), 'hide');
  controller.quitting();
  assert.equal(closeEvent().prevented, false);
});

test('opening on an alert (or the alerts list) changes the route in the hash, in the same window', () => {
  const { controller, made } = setup();
  controller.open({ alertId: 7 });
  controller.open('alerts');
  assert.equal(made.length, 1);
  assert.deepEqual(
    made[0]!.log.filter((l) => l.startsWith('load')),
    ['load app://netwatch/index.html#/alerts/7', 'load app://netwatch/index.html#/alerts'],
  );
  assert.equal(appUrl(null), 'app://netwatch/index.html');
  assert.equal(appUrl(), 'app://netwatch/index.html');
});

test('a destroyed window is replaced on the next open', () => {
  const { controller, made } = setup();
  controller.open();
  made[0]!.destroyed = true;
  assert.equal(controller.current(), null);
  controller.open();
  assert.equal(made.length, 2);
});
