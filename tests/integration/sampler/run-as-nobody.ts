// Runs a TypeScript child as user nobody (the tests run as root) and resolves with its stdout:
// what a user without privileges sees. The child is bundled outside the clone first: the clone
// may sit in a folder nobody cannot enter (bundle-for-other-user.ts).
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { bundleForOtherUser } from './bundle-for-other-user';

export const NOBODY = 65534;

export async function runAsNobody(
  t: TestContext,
  script: string,
  assets: readonly string[] = [],
): Promise<string> {
  const child = await bundleForOtherUser(t, script, assets);
  return new Promise<string>((resolve, reject) => {
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
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}
