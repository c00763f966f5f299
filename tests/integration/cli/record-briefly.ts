// Runs `netwatch record` on a database for a while, then Ctrl+C: the recorded history the CLI
// tests read back. The wait for its start is bounded.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

export async function recordBriefly(
  cli: readonly string[],
  root: string,
  db: string,
  ms: number,
): Promise<string> {
  const recorder = spawn(process.execPath, [...cli, 'record', '--db', db, '--interval', '250'], {
    cwd: root,
  });
  let stderr = '';
  recorder.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => recorder.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 150 && !stderr.includes('recording into'); i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.match(stderr, /recording into .*every 250 ms/);
  await new Promise((r) => setTimeout(r, ms));
  recorder.kill('SIGINT');
  assert.equal(await exit, 0, stderr);
  return stderr;
}
