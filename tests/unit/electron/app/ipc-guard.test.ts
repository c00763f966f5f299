import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  handleIpcCall,
  registerContractHandlers,
  type IpcGuardOptions,
  type IpcInvokeEvent,
} from '../../../../electron/app/ipc-guard';
import { isAppUrl } from '../../../../electron/app/window-options';
import { createPlainCore } from '../../../integration/web/plain-core';

const ownContents = { id: 1 };
const foreignContents = { id: 2 };
const refusals: string[] = [];
const options: IpcGuardOptions = {
  isOwnSender: (sender) => sender === ownContents,
  isAppUrl,
  maxPayloadBytes: 10_000,
  onRefused: (channel, reason) => refusals.push(`${channel}: ${reason}`),
};
const fromApp: IpcInvokeEvent = {
  sender: ownContents,
  senderFrame: { url: 'app://netwatch/index.html', parent: null },
};

test('a call from the app window on a method channel reaches the core with the parsed input', async () => {
  const core = createPlainCore();
  assert.deepEqual(await handleIpcCall(options, core, fromApp, 'nw:alerts.ack', { id: 1 }), {
    ok: true,
    value: true,
  });
  assert.deepEqual(core.calls, [{ method: 'alerts.ack', input: { id: 1 } }]);
});

test('foreign senders, sub-frames and frames not showing the app are refused', async () => {
  const core = createPlainCore();
  const cases: [IpcInvokeEvent, RegExp][] = [
    [
      { sender: foreignContents, senderFrame: { url: 'app://netwatch/index.html', parent: null } },
      /not a netwatch window/,
    ],
    [{ sender: ownContents, senderFrame: null }, /frame is gone/],
    [{ sender: ownContents, senderFrame: { url: 'app://netwatch/index.html', parent: {} } }, /sub-frame/],
    [
      { sender: ownContents, senderFrame: { url: 'https://example.org/', parent: null } },
      /does not show netwatch/,
    ],
    [
      { sender: ownContents, senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      /does not show netwatch/,
    ],
  ];
  for (const [event, reason] of cases) {
    const reply = await handleIpcCall(options, core, event, 'nw:status.get', {});
    assert.equal(reply.ok, false);
    if (!reply.ok) {
      assert.equal(reply.error.code, 'forbidden');
      assert.match(reply.error.message, reason);
    }
  }
  assert.equal(core.calls.length, 0);
});

test('channels without the nw: prefix or naming no method are refused', async () => {
  const core = createPlainCore();
  for (const channel of [
    'status.get',
    'nw:status',
    'nw:status.nope',
    'nw:event:alerts.onRaised',
    'nw:__proto__',
    'other:status.get',
  ]) {
    const reply = await handleIpcCall(options, core, fromApp, channel, {});
    assert.equal(reply.ok, false, channel);
    if (!reply.ok) assert.match(reply.error.message, /unknown channel/);
  }
  assert.equal(core.calls.length, 0);
});

test('malformed payloads get a bad-request reply and never reach the core', async () => {
  const core = createPlainCore();
  for (const payload of [{ id: '1' }, { id: 1, extra: 1 }, 'text', 42, [1], null, { id: -1 }]) {
    const reply = await handleIpcCall(options, core, fromApp, 'nw:alerts.ack', payload);
    assert.equal(reply.ok, false, JSON.stringify(payload));
    if (!reply.ok) assert.equal(reply.error.code, 'bad-request');
  }
  assert.equal(core.calls.length, 0);
});

test('oversized, too deep and cyclic payloads are refused before validation', async () => {
  const core = createPlainCore();
  const cyclic: Record<string, unknown> = { filter: {} };
  cyclic.self = cyclic;
  let deep: Record<string, unknown> = {};
  for (let i = 0; i < 100; i += 1) deep = { filter: deep };
  const payloads = [
    { filter: { program: 'x'.repeat(20_000) } },
    { filter: {}, pad: Array.from({ length: 5000 }, () => 1) },
    cyclic,
    deep,
  ];
  for (const payload of payloads) {
    const reply = await handleIpcCall(options, core, fromApp, 'nw:history.query', payload);
    assert.equal(reply.ok, false);
    if (!reply.ok) assert.match(reply.error.message, /payload larger than 10000 bytes/);
  }
  assert.equal(core.calls.length, 0);
});

test('every method channel is registered, and only those; removal undoes it', () => {
  const handled = new Map<string, unknown>();
  const remove = registerContractHandlers(
    { handle: (c, l) => handled.set(c, l), removeHandler: (c) => handled.delete(c) },
    createPlainCore(),
    options,
  );
  const channels = [...handled.keys()];
  assert.ok(channels.length >= 20);
  assert.ok(
    channels.every((c) => /^nw:[a-z]+\.[a-zA-Z]+$/.test(c)),
    channels.join(),
  );
  assert.ok(channels.includes('nw:history.query'));
  assert.ok(!channels.some((c) => c.includes('.on')), 'events are not invocable');
  remove();
  assert.equal(handled.size, 0);
});
