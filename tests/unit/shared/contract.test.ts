import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contract, listEvents, listMethods, methodChannel } from '../../../shared/contract';

test('every method has an input schema and a nw:-prefixed channel', () => {
  const methods = listMethods();
  assert.ok(methods.length >= 20, `only ${methods.length} methods`);
  for (const [service, name, spec] of methods) {
    assert.equal(typeof spec.input.safeParse, 'function', `${service}.${name}`);
    assert.match(methodChannel(service, name), /^nw:[a-z]+\.[a-zA-Z]+$/);
  }
});

test('events are named service.onX', () => {
  const events = listEvents();
  assert.deepEqual(events.sort(), [
    'alerts.onRaised',
    'live.onDelta',
    'reports.onProgress',
    'status.onChanged',
  ]);
});

test('inputs are strict: unknown keys and wrong types are refused', () => {
  assert.equal(contract.alerts.ack.input.safeParse({ id: 3 }).success, true);
  assert.equal(contract.alerts.ack.input.safeParse({ id: 3, extra: 1 }).success, false);
  assert.equal(contract.alerts.ack.input.safeParse({ id: '3' }).success, false);
  assert.equal(contract.history.query.input.safeParse({ filter: { port: 70000 } }).success, false);
  assert.equal(contract.settings.set.input.safeParse({ sampleIntervalMs: 1000 }).success, true);
  assert.equal(contract.settings.set.input.safeParse({ sampleIntervalMs: 1 }).success, false);
});
