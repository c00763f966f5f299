import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, dispatchCall, methodNames } from '../../../../electron/transport/contract-dispatch';
import { createPlainCore } from '../../../integration/web/plain-core';

test('every method of the contract can be dispatched by its qualified name', () => {
  const names = methodNames();
  assert.ok(names.includes('history.query'));
  assert.ok(names.includes('status.pause'));
  assert.ok(!names.some((n) => n.includes('.on')), 'events are not methods');
});

test('names that are not methods find nothing, whatever they look like', async () => {
  const core = createPlainCore();
  for (const name of [
    '__proto__',
    'constructor',
    'toString',
    'status',
    'status.get.x',
    'alerts.onRaised',
    7,
    null,
  ]) {
    const out = await dispatchCall(core.handlers, name, {});
    assert.equal(out.ok, false);
    if (!out.ok) assert.equal(out.error.code, 'bad-request');
  }
  assert.equal(core.calls.length, 0);
});

test('the handler gets the parsed input; defaults and no-input work', async () => {
  const core = createPlainCore();
  assert.deepEqual(await dispatchCall(core.handlers, 'alerts.ack', { id: 1 }), { ok: true, value: true });
  assert.equal((await dispatchCall(core.handlers, 'status.get', undefined)).ok, true);
  assert.deepEqual(
    core.calls.map((c) => c.method),
    ['alerts.ack', 'status.get'],
  );
});

test('error messages are one short line', () => {
  assert.equal(clip('a\nb\u0000c'), 'a b c');
  assert.equal(clip('x'.repeat(2000)).length, 600);
});
