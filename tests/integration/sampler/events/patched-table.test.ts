// With kernel events on, samples between two full reads of /proc/net/tcp take their TCP rows from
// the last read and the feed's state changes. Run in a network namespace of its own, through a
// whole TCP life cycle (listen, connect, transfer, half close, TIME_WAIT, closes of sockets the
// feed never saw open, IPv6 and v4-mapped), every such sample shows what `ss -tanH` shows at the
// same moment, and a transfer's bytes within the feed's unreported tail (1/16).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

interface Step {
  step: string;
  from: string;
  rows: string[];
  ss: string[];
  bytes?: { sent: number | null; received: number | null; wrote: number };
  error?: string;
}

const child = path.join(__dirname, 'patched-table-child.ts');

test('samples between full reads show the TCP table ss shows', { timeout: 120_000 }, () => {
  assert.equal(process.getuid?.(), 0, 'the kernel event tests run as root');
  const run = spawnSync(
    'unshare',
    ['-n', 'sh', '-c', `ip link set lo up && exec '${process.execPath}' --import tsx '${child}'`],
    { encoding: 'utf8', cwd: path.resolve(__dirname, '../../../..'), timeout: 110_000 },
  );
  const steps = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Step);
  assert.ok(steps.length > 0 && !steps.some((s) => s.error), `${run.stdout}\n${run.stderr}`);
  assert.deepEqual(
    steps.map((s) => s.step),
    [
      'full read',
      'listener',
      'established',
      'transfer',
      'half closed',
      'closed',
      'old ones closed',
      'IPv6 and v4-mapped',
      'IPv6 closed',
    ],
  );
  assert.equal(steps[0]!.from, 'read');
  for (const s of steps.slice(1)) assert.equal(s.from, 'events', `${s.step}: rows from events`);
  for (const s of steps) assert.deepEqual(s.rows, s.ss, `${s.step}: the sample's TCP rows are ss's`);

  const states = (name: string): string[] =>
    steps.find((s) => s.step === name)!.ss.map((r) => r.split(' ')[0]!);
  // the life cycle went through the states it is meant to check
  assert.ok(states('half closed').includes('FIN_WAIT2') && states('half closed').includes('CLOSE_WAIT'));
  assert.ok(states('closed').includes('TIME_WAIT'));

  const { sent, wrote } = steps.find((s) => s.step === 'transfer')!.bytes!;
  assert.ok(sent !== null && sent <= wrote && sent >= wrote * (15 / 16), `sent ${sent} of ${wrote}`);
});
