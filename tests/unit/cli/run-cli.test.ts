// The dispatcher in-process: exit codes and messages for bad usage and an unsupported platform,
// help, and an interval listing that stops when its signal aborts.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import type { CliIo } from '../../../electron/cli/cli-command';
import { runCli } from '../../../electron/cli/run-cli';
import { createSampler } from '../../../electron/core/sampler';

function collect(platform = process.platform, signal = new AbortController().signal) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    outStream: new PassThrough(),
    errIsTTY: false,
    signal,
    createSampler: () => createSampler({}, platform),
    env: {},
  };
  return { io, out, err };
}

describe('runCli', () => {
  it('refuses an unsupported platform with one line and a hint, exit 2', async () => {
    const { io, out, err } = collect('aix');
    assert.equal(await runCli(['-tn'], io), 2);
    assert.deepEqual(out, []);
    const lines = err.join('').trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^netwatch: netwatch cannot sample sockets on aix/);
    assert.match(lines[1]!, /netwatch --help/);
  });

  it('refuses an unknown command and an unknown switch, exit 2', async () => {
    for (const argv of [['frobnicate'], ['-tq'], ['--bogus']]) {
      const { io, err } = collect();
      assert.equal(await runCli(argv, io), 2, argv.join(' '));
      assert.match(err.join(''), /^netwatch: .+\nTry 'netwatch --help' for more information\.\n$/);
    }
  });

  it('prints the help with exit 0', async () => {
    const { io, out } = collect();
    assert.equal(await runCli(['--help'], io), 0);
    assert.match(out.join(''), /-p, --programs/);
    assert.match(out.join(''), /--json/);
  });

  it('repeats a listing until the signal aborts, then returns 0', async () => {
    const stop = new AbortController();
    const { io, out } = collect(process.platform, stop.signal);
    const listings = (): number => out.filter((t) => t.startsWith('Active Internet connections')).length;
    const running = runCli(['-tn', '0.1'], io);
    for (let i = 0; i < 200 && listings() < 3; i++) await new Promise((r) => setTimeout(r, 20));
    stop.abort('SIGINT');
    assert.equal(await running, 0);
    assert.ok(listings() >= 3);
  });
});
