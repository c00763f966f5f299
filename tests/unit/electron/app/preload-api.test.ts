import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildNetwatchApi,
  exposedNames,
  unwrapReply,
  type IpcRendererLike,
} from '../../../../electron/app/preload-api';

/**
 * The allowlist, written out by hand from the services (not derived from the contract):
 * growing the exposed surface must be a visible change here.
 */
const ALLOWED = [
  'alerts.ack:function',
  'alerts.ackAll:function',
  'alerts.list:function',
  'alerts.onRaised:function',
  'history.query:function',
  'live.onDelta:function',
  'live.snapshot:function',
  'network.interfaces:function',
  'network.protocolStats:function',
  'network.routes:function',
  'network.topRemotes:function',
  'network.topTalkers:function',
  'programs.get:function',
  'programs.list:function',
  'reports.export:function',
  'reports.onProgress:function',
  'reports.summary:function',
  'rules.add:function',
  'rules.list:function',
  'rules.remove:function',
  'series.query:function',
  'settings.get:function',
  'settings.set:function',
  'status.get:function',
  'status.onChanged:function',
  'status.pause:function',
  'status.resume:function',
];

function fakeIpc() {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  let reply: unknown = { ok: true, value: 'v' };
  const ipc: IpcRendererLike = {
    async invoke(channel, payload) {
      invoked.push([channel, payload]);
      return reply;
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  return { ipc, invoked, listeners, setReply: (r: unknown) => (reply = r) };
}

test('window.netwatch exposes exactly the allowlisted named functions', () => {
  const api = buildNetwatchApi(fakeIpc().ipc);
  assert.deepEqual(exposedNames(api), ALLOWED);
  assert.ok(Object.isFrozen(api) && Object.isFrozen(api.status));
});

test('nothing exposed is, or leads to, ipcRenderer', () => {
  const { ipc } = fakeIpc();
  const api = buildNetwatchApi(ipc);
  const seen = JSON.stringify(api, (_k, v: unknown) => (typeof v === 'function' ? 'fn' : v));
  assert.doesNotMatch(seen, /invoke|removeListener|ipc/i);
  for (const service of Object.values(api)) {
    for (const member of Object.values(service as object)) assert.notEqual(member, ipc);
  }
});

test('a method invokes its nw: channel and resolves with the value; a failure rejects', async () => {
  const { ipc, invoked, setReply } = fakeIpc();
  const api = buildNetwatchApi(ipc);
  assert.equal(await api.alerts.ack({ id: 3 }), 'v');
  assert.deepEqual(invoked, [['nw:alerts.ack', { id: 3 }]]);
  setReply({ ok: false, error: { code: 'bad-request', message: 'invalid input for alerts.ack: id' } });
  await assert.rejects(api.alerts.ack({ id: 3 }), /invalid input for alerts\.ack/);
  setReply('garbage');
  await assert.rejects(api.status.get({}), /malformed reply/);
});

test('an event listener gets the payload only, never the IPC event, and can unsubscribe', () => {
  const { ipc, listeners } = fakeIpc();
  const api = buildNetwatchApi(ipc);
  const got: unknown[][] = [];
  const off = api.alerts.onRaised((...args: unknown[]) => got.push(args));
  const channel = 'nw:event:alerts.onRaised';
  assert.equal(listeners.get(channel)?.size, 1);
  for (const l of listeners.get(channel)!) l({ sender: 'the ipcRenderer' }, { id: 9 });
  assert.deepEqual(got, [[{ id: 9 }]]);
  off();
  assert.equal(listeners.get(channel)?.size, 0);
  assert.throws(
    () => (api.alerts.onRaised as (l: unknown) => unknown)('not a function'),
    /listener function/,
  );
});

test('replies are unwrapped strictly', () => {
  assert.equal(unwrapReply({ ok: true, value: 0 }), 0);
  assert.throws(
    () => unwrapReply({ ok: false, error: { code: 'failed', message: 'disk full' } }),
    /disk full/,
  );
  assert.throws(() => unwrapReply(undefined), /malformed reply/);
});
