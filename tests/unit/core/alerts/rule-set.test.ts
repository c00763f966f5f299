import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuleSet, type AlertFacts } from '../../../../electron/core/alerts/rule-set';
import type { RuleRecord } from '../../../../shared/model';

const rule = (id: number, kind: RuleRecord['kind'], value: string): RuleRecord => ({
  id,
  kind,
  value,
  createdAt: 0,
  note: null,
});
const facts = (over: Partial<AlertFacts>): AlertFacts => ({
  kind: 'new-program',
  exe: '/usr/bin/app',
  remoteAddress: '203.0.113.9',
  remotePort: 443,
  localPort: 40000,
  ...over,
});

test('a trusted path silences new programs and listeners, not a changed binary', () => {
  const rules = new RuleSet([rule(1, 'trust-program', '/usr/bin/app')]);
  assert.equal(rules.suppresses(facts({})), true);
  assert.equal(rules.suppresses(facts({ kind: 'new-listener' })), true);
  assert.equal(rules.suppresses(facts({ kind: 'changed-program' })), false);
  assert.equal(
    rules.settles(facts({ kind: 'changed-program' })),
    true,
    'trusting it acknowledges the change',
  );
  assert.equal(rules.suppresses(facts({ exe: '/usr/bin/app2' })), false);
});

test('ignored networks and ports, muted kinds', () => {
  const rules = new RuleSet([
    rule(1, 'ignore-address', '203.0.113.0/24'),
    rule(2, 'ignore-port', '5353'),
    rule(3, 'mute-kind', 'syn-flood'),
  ]);
  assert.equal(rules.suppresses(facts({})), true);
  assert.equal(rules.suppresses(facts({ remoteAddress: '::ffff:203.0.113.200' })), true);
  assert.equal(rules.suppresses(facts({ remoteAddress: '198.51.100.1' })), false);
  assert.equal(rules.suppresses(facts({ remoteAddress: '198.51.100.1', remotePort: 5353 })), true);
  assert.equal(rules.suppresses(facts({ kind: 'new-listener', localPort: 5353 })), true);
  assert.equal(rules.suppresses(facts({ kind: 'new-listener', localPort: 22 })), false);
  assert.equal(rules.suppresses(facts({ kind: 'flood-remote', localPort: null })), true);
  assert.equal(rules.suppresses(facts({ kind: 'syn-flood', remoteAddress: null })), true);
  assert.equal(rules.suppresses(facts({ kind: 'changed-program' })), false, 'a binary is not an address');
  assert.equal(new RuleSet([]).suppresses(facts({})), false);
});
