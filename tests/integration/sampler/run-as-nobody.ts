// Runs a TypeScript child as user nobody (the tests run as root) and resolves with its stdout:
// what a user without privileges sees.
import { execFile } from 'node:child_process';
import path from 'node:path';

export const NOBODY = 65534;

export function runAsNobody(script: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script],
      {
        uid: NOBODY,
        gid: NOBODY,
        cwd: path.resolve(__dirname, '../../..'),
        env: { PATH: process.env.PATH, HOME: '/tmp' },
        timeout: 30_000,
        maxBuffer: 1 << 26,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}
