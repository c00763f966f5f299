// The getaddrinfo probe on real bpftrace: a child resolves a name through the C library and
// connects to it; the index answers that name for the child's pid + start time and the address it
// connected to. The name comes from a hosts file bound over /etc/hosts in the child's own mount
// namespace (unshare -m), so nothing changes for the rest of the machine.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  startAskedNameFeed,
  type AskedNameFeed,
} from '../../../electron/core/resolve/asked-names/asked-name-feed';

const ASKED = 'telemetry.vendor.example';
let feed: AskedNameFeed;
let server: net.Server;
let port = 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netwatch-asked-'));

before(async () => {
  feed = startAskedNameFeed();
  await feed.ready;
  server = net.createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  port = address.port;
});

after(() => {
  feed.stop();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ChildReport {
  pid: number;
  startTicks: number;
  remoteAddress: string;
}

/** Runs a Node child in its own mount namespace that connects to `name`; reports what it saw. */
async function connectInPrivateNamespace(name: string): Promise<ChildReport> {
  const hosts = path.join(dir, 'hosts');
  fs.writeFileSync(hosts, `127.0.0.1 ${ASKED}\n`);
  const script = path.join(dir, 'connect.cjs');
  fs.writeFileSync(
    script,
    `const net = require('node:net'); const fs = require('node:fs');
     const start = Number(fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')[19]);
     const s = net.connect({ host: process.argv[2], port: Number(process.argv[3]), family: 4 }, () => {
       console.log(JSON.stringify({ pid: process.pid, startTicks: start, remoteAddress: s.remoteAddress }));
       s.destroy();
     });`,
  );
  const child = spawn(
    'unshare',
    [
      '-m',
      'sh',
      '-c',
      'mount --bind "$0" /etc/hosts && exec "$1" "$2" "$3" "$4"',
      hosts,
      process.execPath,
      script,
      name,
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 0, `child failed: ${err}`);
  const report: unknown = JSON.parse(out.trim());
  assert.ok(typeof report === 'object' && report !== null);
  const r = report as Record<string, unknown>;
  assert.ok(
    typeof r.pid === 'number' && typeof r.startTicks === 'number' && typeof r.remoteAddress === 'string',
  );
  return { pid: r.pid, startTicks: r.startTicks, remoteAddress: r.remoteAddress };
}

/** bpftrace's lines reach us a moment after the child is gone: wait for them, bounded. */
async function waitFor<T>(probe: () => T | null, ms = 5000): Promise<T | null> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== null || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the name a child asked getaddrinfo for is the name of the address it connected to', async () => {
  const child = await connectInPrivateNamespace(ASKED);
  assert.equal(child.remoteAddress, '127.0.0.1');
  const name = await waitFor(() => feed.index.nameFor(child.pid, child.startTicks, child.remoteAddress));
  assert.equal(name, ASKED);
  assert.deepEqual(
    feed.index.namesOf(child.pid, child.startTicks).map((n) => n.name),
    [ASKED],
  );
  // another process (a reused pid has another start time) asked nothing
  assert.equal(feed.index.nameFor(child.pid, child.startTicks + 1, child.remoteAddress), null);
  // the rest of the machine never saw the name
  assert.doesNotMatch(fs.readFileSync('/etc/hosts', 'utf8'), new RegExp(ASKED.replace(/\./g, '\\.')));
});
