// Without root: the sampler, run as user nobody, still lists every socket with its uid, owns its
// own sockets, leaves root's sockets without a pid (never a guess) and says it is unprivileged.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Snapshot } from '../../../shared/model';
import { bundleForOtherUser } from './bundle-for-other-user';

const NOBODY = 65534;

describe('linux sampler without privileges', () => {
  it('reports other users sockets with their uid but no pid, and privileged false', async (t) => {
    assert.equal(process.getuid?.(), 0, 'the test runs as root so it can start a child as nobody');
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    t.after(() => server.close());
    const rootPort = (server.address() as net.AddressInfo).port;

    // Bundled outside the clone: the clone may sit in a folder nobody cannot enter.
    const child = await bundleForOtherUser(t, path.join(__dirname, 'sample-once-child.ts'));
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [child],
        {
          uid: NOBODY,
          gid: NOBODY,
          cwd: path.dirname(child),
          env: { PATH: process.env.PATH, HOME: '/tmp' },
          timeout: 30_000,
          maxBuffer: 1 << 26,
        },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
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
