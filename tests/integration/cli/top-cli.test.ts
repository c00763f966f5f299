// `netwatch top` (the built CLI) on a bulk loopback transfer the test's own program made: the
// program's totals are what its two ends wrote and read, within 10%; --json is one object per run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { near, startTransfer, type TransferEnd } from '../sampler/bulk-transfer';

const cli = path.resolve(__dirname, '../../../bin/netwatch.cjs');
const MiB = 2 ** 20;

function top(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [cli, 'top', ...args],
      { timeout: 60_000, maxBuffer: 1 << 26 },
      (e, out, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out)),
    ),
  );
}

interface TopJson {
  counters: string;
  intervalMs: number;
  programs: {
    pid: number | null;
    bytesSent: number | null;
    bytesReceived: number | null;
    sendRate: number | null;
  }[];
}

test('netwatch top --json: the transfer program with its bytes', async (t) => {
  const transfer = startTransfer(t, ['pair', String(16 * MiB), String(2 * MiB)]);
  const ends = (await transfer.next(60_000)) as TransferEnd[];
  const out = await top(['--json', '--top', '1000']);
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 1, 'once: one object');
  const report = JSON.parse(lines[0]!) as TopJson;
  assert.equal(report.counters, 'sock-diag');
  assert.ok(report.intervalMs >= 900);
  const mine = report.programs.find((p) => p.pid === transfer.child.pid);
  assert.ok(mine, `pid ${transfer.child.pid} among ${report.programs.length} programs`);
  const written = ends.reduce((n, e) => n + e.written, 0);
  const read = ends.reduce((n, e) => n + e.read, 0);
  assert.ok(near(mine.bytesSent, written), `sent ${mine.bytesSent} vs ${written}`);
  assert.ok(near(mine.bytesReceived, read), `received ${mine.bytesReceived} vs ${read}`);
  assert.equal(mine.sendRate, 0, 'the transfer was over before the interval began');
  const table = await top([]);
  assert.match(table, /^Traffic per program over \d/);
  assert.match(table, new RegExp(`^ +${transfer.child.pid} `, 'm'));
});
