// The new-program alert's line names the host the program asked for; reverse DNS is said to be one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newProgramText } from '../../../../electron/core/alerts/alert-text';
import { tracked } from '../store/store-fixtures';

test('the alert names the asked host first, and marks reverse DNS', () => {
  const base = { pid: 42, user: 'alice', remoteAddress: '192.0.2.7', remotePort: 443, service: 'https' };
  const asked = tracked(1, {
    ...base,
    remoteHost: 'telemetry.vendor.example',
    hostSource: 'asked',
  }).connection;
  const reverse = tracked(2, { ...base, remoteHost: 'a23.akamai.example', hostSource: 'reverse' }).connection;
  const none = tracked(3, { ...base, remoteHost: null, hostSource: null }).connection;
  assert.equal(
    newProgramText('curl', '/usr/bin/curl', asked),
    'curl (pid 42, user alice) connected to telemetry.vendor.example at 192.0.2.7:443 (https): /usr/bin/curl was never seen before',
  );
  assert.equal(
    newProgramText('curl', '/usr/bin/curl', reverse),
    'curl (pid 42, user alice) connected to 192.0.2.7:443 (a23.akamai.example by reverse DNS, https): /usr/bin/curl was never seen before',
  );
  assert.match(newProgramText('curl', '/usr/bin/curl', none), /connected to 192\.0\.2\.7:443 \(https\):/);
});
