// The sampler leaves out /proc/net/tcp6 while sockstat6 says it is empty: an IPv6 connection made
// right after such a tick must still be in the very next sample, with the ports Node reports.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { createLinuxSampler } from '../../../electron/core/sampler/linux/linux-sampler';

const listen = (server: net.Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '::1', port: 0 }, () => resolve((server.address() as net.AddressInfo).port));
  });

describe('tcp6 after an idle tick', { skip: process.platform !== 'linux' }, () => {
  it('shows a new IPv6 connection at the next sample, and its end at the one after', async () => {
    const sampler = createLinuxSampler();
    await sampler.sample();
    await sampler.sample(); // tcp6 may now be skipped as empty
    const server = net.createServer();
    const port = await listen(server);
    const client = net.connect({ host: '::1', port });
    await new Promise((resolve) => client.once('connect', resolve));
    const local = client.localPort!;
    try {
      const snapshot = await sampler.sample();
      const mine = snapshot.sockets.filter(
        (s) => s.proto === 'tcp' && s.family === 6 && (s.localPort === local || s.localPort === port),
      );
      assert.ok(mine.some((s) => s.state === 'LISTEN' && s.localPort === port));
      assert.ok(
        mine.some((s) => s.state === 'ESTABLISHED' && s.localPort === local && s.remotePort === port),
      );
      assert.ok(mine.every((s) => s.pid === process.pid));
    } finally {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
    const after = await sampler.sample();
    assert.ok(!after.sockets.some((s) => s.family === 6 && s.localPort === port && s.state === 'LISTEN'));
  });
});
