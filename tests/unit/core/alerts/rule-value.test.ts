import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeRuleValue, RuleValueError } from '../../../../electron/core/alerts/rule-value';

test('each rule kind accepts its values in normal form', () => {
  assert.equal(normalizeRuleValue('trust-program', '/usr/bin/curl'), '/usr/bin/curl');
  assert.equal(normalizeRuleValue('trust-program', 'C:\\Windows\\curl.exe'), 'C:\\Windows\\curl.exe');
  assert.equal(normalizeRuleValue('trust-program', '/tmp/<b>odd\nname'), '/tmp/<b>odd\nname', 'text kept');
  assert.equal(normalizeRuleValue('ignore-address', ' 10.0.0.0/8 '), '10.0.0.0/8');
  assert.equal(normalizeRuleValue('ignore-port', '0053'), '53');
  assert.equal(normalizeRuleValue('mute-kind', 'new-listener'), 'new-listener');
  assert.equal(normalizeRuleValue('mute-kind', ' traffic-volume '), 'traffic-volume');
  assert.equal(
    normalizeRuleValue('mute-kind', 'traffic-volume   /opt/my app/<b>sync'),
    'traffic-volume /opt/my app/<b>sync',
    'a kind for one program: the path kept as text',
  );
  assert.equal(normalizeRuleValue('ignore-as', 'as15169'), 'AS15169');
  assert.equal(normalizeRuleValue('ignore-as', ' 13335 '), 'AS13335');
});

test('bad values are refused with a message saying what was expected', () => {
  const refused = (kind: Parameters<typeof normalizeRuleValue>[0], value: string, message: RegExp) =>
    assert.throws(
      () => normalizeRuleValue(kind, value),
      (e: unknown) => e instanceof RuleValueError && message.test(e.message),
    );
  refused('trust-program', '/usr/bin/a\0b', /NUL/);
  refused('trust-program', 'curl', /not an absolute executable path/);
  refused('trust-program', '/' + 'a'.repeat(5000), /1 to 4096/);
  refused('ignore-address', '10.1.2.3/8', /host bits/);
  refused('ignore-address', 'example.com', /not an IP address or CIDR/);
  refused('ignore-port', '70000', /not a port number \(0 to 65535\)/);
  refused('ignore-port', '-1', /not a port number/);
  refused('ignore-port', '8080/tcp', /not a port number/);
  refused('ignore-as', 'AS0', /not an AS number/);
  refused('ignore-as', 'AS99999999999', /not an AS number/);
  refused('ignore-as', 'Google', /not an AS number/);
  refused('mute-kind', 'everything', /not an alert kind \(new-program, changed-program/);
  refused('mute-kind', 'traffic-volume rsync', /not an absolute executable path/);
  refused('mute-kind', 'flood-remote /usr/bin/rsync', /flood-remote alerts name no program/);
});
