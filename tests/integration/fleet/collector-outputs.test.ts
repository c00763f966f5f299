// `netwatch collector run --metrics --events`: the system collector (its core in a worker) serves
// the metrics and writes the event stream as record does; this test's own listener, whose port
// Node reports, shows in both. The flags are refused with the other actions.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { netwatchSync, root, waitFor } from './fleet-processes';

test('collector run serves metrics and writes events', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-fleet-collector-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  t.after(() => server.close());
  const port = (server.address() as net.AddressInfo).port;
  const events = path.join(dir, 'events.jsonl');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'electron/cli/main.ts'),
      'collector',
      'run',
      '--socket',
      path.join(dir, 'c.sock'),
      '--db',
      path.join(dir, 'c.db'),
      '--metrics',
      '127.0.0.1:0',
      '--events',
      events,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const url = await waitFor('the metrics URL', 60_000, () => {
    if (child.exitCode !== null) throw new Error(`collector exited: ${stderr}`);
    return /metrics at (http:\S+)/.exec(stderr)?.[1] ?? null;
  });
  await waitFor('the listener in the event file', 60_000, () => {
    let text = '';
    try {
      text = readFileSync(events, 'utf8');
    } catch {
      return null;
    }
    const lines = text.split('\n').filter(Boolean);
    const docs = lines.map(
      (l) => JSON.parse(l) as { event: { action: string }; destination?: { port: number } },
    );
    return docs.some((d) => d.event.action === 'connection-opened' && d.destination?.port === port)
      ? true
      : null;
  });
  const metrics = await waitFor('the listener in the metrics', 30_000, async () => {
    const text = await (await fetch(url)).text();
    return /^netwatch_connections\{protocol="tcp",state="LISTEN",direction="listen"\} [1-9]/m.test(text)
      ? text
      : null;
  });
  assert.match(metrics, /^netwatch_events_written_total [1-9]/m);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);

  const refused = netwatchSync(['collector', 'status', '--metrics', '9464']);
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /--metrics and --events go with run/);
});
