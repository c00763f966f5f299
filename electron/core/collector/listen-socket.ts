// Opens the collector's Unix socket so that only root and one group can connect: created with
// mode 0660 (umask around listen, so it is never wider, not even for a moment), then owned by
// root:group. A stale socket from a killed collector is replaced; a live one is refused.
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import path from 'node:path';

export class CollectorRunningError extends Error {
  override name = 'CollectorRunningError';
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

export async function listenSocket(socketPath: string, gid: number | null): Promise<Server> {
  const dir = path.dirname(socketPath);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    if (gid !== null) chownSync(dir, process.getuid?.() ?? 0, gid);
  }
  if (existsSync(socketPath)) {
    if (!lstatSync(socketPath).isSocket())
      throw new Error(`${socketPath} exists and is not a socket; remove it or choose --socket`);
    if (await answers(socketPath))
      throw new CollectorRunningError(`another collector already answers at ${socketPath}`);
    unlinkSync(socketPath);
  }
  const server = createServer();
  const umask = process.umask(0o117);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(socketPath, 0o660);
  if (gid !== null) chownSync(socketPath, process.getuid?.() ?? 0, gid);
  return server;
}
