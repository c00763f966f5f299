// Routes and interfaces from the live /proc and /sys against net-tools on the same machine:
// `netstat -rn` (IPv4), `netstat -rn -6` (IPv6) and `netstat -ia`, read with their own regexes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { createLinuxSampler } from '../../../electron/core/sampler/linux/linux-sampler';

const run = (args: string[]): string[] =>
  execFileSync('netstat', args, { encoding: 'utf8' }).split('\n').slice(2);

describe('linux sampler routes and interfaces', () => {
  const sampler = createLinuxSampler();

  it('lists the IPv4 routes of netstat -rn', async () => {
    const expected = run(['-rn'])
      .map((line) => /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+\d+\s+\d+\s+\d+\s+(\S+)$/.exec(line.trim()))
      .filter((m) => m !== null)
      .map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]} ${m[5]}`);
    assert.ok(expected.length > 0);
    const routes = (await sampler.routes()).filter((r) => r.family === 4);
    assert.deepEqual(
      routes.map((r) => `${r.destination} ${r.gateway} ${r.genmask} ${r.flags} ${r.iface}`),
      expected,
    );
  });

  it('lists the IPv6 routes of netstat -rn -6', async () => {
    const expected = run(['-rn', '-6'])
      .map((line) => /^(\S+)\s+(\S+)\s+(\S+)\s+(-?\d+)\s+\d+\s+\d+\s+(\S+)$/.exec(line.trim()))
      .filter((m) => m !== null)
      .map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]} ${m[5]}`);
    const routes = (await sampler.routes()).filter((r) => r.family === 6);
    assert.deepEqual(
      routes.map((r) => `${r.destination}/${r.prefixLength} ${r.gateway} ${r.flags} ${r.metric} ${r.iface}`),
      expected,
    );
  });

  it('gives every interface of netstat -ia with its MTU and flag letters', async () => {
    const expected = run(['-ia'])
      .map((line) => /^(\S+)\s+(\d+)\s+(?:\d+\s+){8}(\S+)$/.exec(line.trim()))
      .filter((m) => m !== null)
      .map((m) => `${m[1]} ${m[2]} ${m[3]}`)
      .sort();
    assert.ok(expected.some((e) => e.startsWith('lo ')));
    const interfaces = await sampler.interfaces();
    assert.deepEqual(interfaces.map((i) => `${i.name} ${i.mtu} ${i.flags}`).sort(), expected);
    const snapshot = await sampler.sample();
    assert.deepEqual(
      snapshot.interfaces.map((i) => i.name).sort(),
      interfaces.map((i) => i.name).sort(),
      'every sample carries the interfaces',
    );
  });
});
