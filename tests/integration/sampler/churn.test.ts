// Churn: short-lived processes open loopback sockets and exit while the sampler runs back to back.
// No sample may fail, and a socket is only ever credited to the process that really held it
// (each child tells its port; a row credited to a child must involve that port).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { createLinuxSampler } from '../../../electron/core/sampler/linux/linux-sampler';

// Opens a listener and a connection to it, then exits after a random moment (0-150 ms).
const CHILD = `
const net = require('net');
const s = net.createServer(() => {}).listen(0, '127.0.0.1', () => {
  process.stdout.write(String(s.address().port));
  net.connect(s.address().port, '127.0.0.1');
  setTimeout(() => process.exit(0), Math.random() * 150);
});`;

const TOTAL = 24;
const AT_ONCE = 4;

describe('linux sampler under process churn', () => {
  it('never fails a sample while processes come and go', async () => {
    const sampler = createLinuxSampler({ ownerRefreshMs: 200 });
    const exe = fs.realpathSync(process.execPath);
    const childPids = new Set<number>();
    const portOf = new Map<number, number>();
    let started = 0;
    let running = 0;
    let finished = 0;
    const startOne = (): void => {
      started++;
      running++;
      const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'pipe', 'ignore'] });
      const pid = child.pid!;
      childPids.add(pid);
      child.stdout!.on('data', (data: Buffer) => portOf.set(pid, Number(String(data))));
      child.on('exit', () => {
        running--;
        finished++;
        if (started < TOTAL) startOne();
      });
    };
    for (let i = 0; i < AT_ONCE; i++) startOne();

    let samples = 0;
    let attributedToChildren = 0;
    const deadline = Date.now() + 60_000;
    while ((finished < TOTAL || running > 0) && Date.now() < deadline) {
      const snapshot = await sampler.sample(); // a rejection fails the test
      samples++;
      // Ports told before the sample: a row of a child whose port is known must involve it.
      const known = new Map(portOf);
      for (const row of snapshot.sockets) {
        if (row.pid !== null && childPids.has(row.pid)) {
          const port = known.get(row.pid);
          if (port !== undefined) {
            assert.ok(
              row.localPort === port || row.remotePort === port,
              `pid ${row.pid} credited with a foreign socket`,
            );
          }
          attributedToChildren++;
          assert.equal(row.exe, exe, 'a churn child is credited with its own executable');
          assert.equal(row.process, 'node');
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(finished, TOTAL, 'every child ran and exited');
    assert.ok(samples >= 10, `sampled ${samples} times during the churn`);
    assert.ok(attributedToChildren > 0, 'the children sockets were seen with their owners');
  });
});
