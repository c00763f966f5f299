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

test('an ignored AS silences new programs and floods from every address the shipped data puts in it', () => {
  const rules = new RuleSet([rule(1, 'ignore-as', 'AS15169')]);
  // asn-ipv4.csv: 8.8.8.0,8.8.8.255,15169,Google LLC / 1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."
  assert.equal(rules.suppresses(facts({ remoteAddress: '8.8.8.8' })), true);
  assert.equal(rules.suppresses(facts({ kind: 'flood-remote', remoteAddress: '8.8.8.9' })), true);
  assert.equal(rules.suppresses(facts({ remoteAddress: '1.0.0.1' })), false);
  assert.equal(rules.suppresses(facts({ remoteAddress: '10.0.0.1' })), false, 'a private address has no AS');
  assert.equal(rules.suppresses(facts({ kind: 'new-listener', remoteAddress: '8.8.8.8' })), false);
});

test('without an AS rule no address is looked up', () => {
  let asked = 0;
  const rules = new RuleSet([rule(1, 'ignore-port', '5353')], () => {
    asked++;
    return 15169;
  });
  rules.suppresses(facts({ remoteAddress: '8.8.8.8' }));
  assert.equal(asked, 0);
});

test('a kind muted for one program is silent about that program only', () => {
  const rules = new RuleSet([
    { id: 1, kind: 'mute-kind', value: 'traffic-volume /usr/bin/rsync', createdAt: 0, note: null },
  ]);
  const traffic = (exe: string | null) =>
    rules.suppresses({
      kind: 'traffic-volume',
      exe,
      remoteAddress: '203.0.113.9',
      remotePort: null,
      localPort: null,
    });
  assert.deepEqual(
    [traffic('/usr/bin/rsync'), traffic('/usr/bin/curl'), traffic(null)],
    [true, false, false],
  );
  assert.equal(rules.mutes('traffic-volume'), false, 'the kind itself is not muted');
  assert.equal(
    rules.suppresses({
      kind: 'new-listener',
      exe: '/usr/bin/rsync',
      remoteAddress: null,
      remotePort: null,
      localPort: 873,
    }),
    false,
    'other kinds about that program are not',
  );
});
