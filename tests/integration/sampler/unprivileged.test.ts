// Without root: the sampler, run as user nobody, still lists every socket with its uid, owns its
// own sockets, leaves root's sockets without a pid (never a guess) and says it is unprivileged.
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Snapshot } from '../../../shared/model';
import { NOBODY, runAsNobody } from './run-as-nobody';

describe('linux sampler without privileges', () => {
  it('reports other users sockets with their uid but no pid, and privileged false', async (t) => {
    assert.equal(process.getuid?.(), 0, 'the test runs as root so it can start a child as nobody');
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    t.after(() => server.close());
    const rootPort = (server.address() as net.AddressInfo).port;

    const output = await runAsNobody(t, path.join(__dirname, 'sample-once-child.ts'));
    const { port, pid, snapshot } = JSON.parse(output) as { port: number; pid: number; snapshot: Snapshot };

    assert.equal(snapshot.privileged, false);
    const rootListener = snapshot.sockets.find((s) => s.localPort === rootPort && s.state === 'LISTEN')!;
    assert.ok(rootListener, 'root socket is listed');
    assert.equal(rootListener.pid, null);
    assert.equal(rootListener.exe, null);
    assert.equal(rootListener.uid, 0);
    assert.equal(rootListener.user, 'root');
    const own = snapshot.sockets.find((s) => s.localPort === port && s.state === 'LISTEN')!;
    assert.equal(own.pid, pid, 'its own socket has its pid');
    assert.equal(own.uid, NOBODY);
  });
});
