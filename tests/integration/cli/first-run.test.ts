// A new user's machine: HOME has no .local/share and XDG_DATA_HOME is unset. `npm start`'s browser
// fallback, `netwatch serve` and `netwatch record`, each with no --db, create the data folder
// (0700) and the database (0600) on first run, come up, and record a loopback listener of this
// test, which `netwatch history` then reads back from the same default place.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ensureBuilt, root } from '../../e2e/support/serve-process';

const netwatch = path.join(root, 'bin/netwatch.cjs');

function freshHome(t: { after(fn: () => void): void }): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-first-run-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const home = path.join(dir, 'home');
  mkdirSync(home, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  delete env.XDG_DATA_HOME;
  delete env.NETWATCH_DB;
  return env;
}

/** Runs the command until `ready` shows on its output, lets it record, then Ctrl+C; its output. */
async function runUntilRecorded(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<string> {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    for (let i = 0; i < 300 && !ready.test(output) && child.exitCode === null; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.match(output, ready, `did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 2500)); // A few ticks at the default 1 s.
    child.kill('SIGINT');
    assert.equal(await exited, 0, output);
    return output;
  } finally {
    clearTimeout(killer);
    child.kill('SIGKILL');
  }
}

const starts: [string, string[], RegExp][] = [
  ["npm start's browser fallback", [path.join(root, 'scripts/start-electron.mjs')], /serving at http/],
  ['netwatch serve', [netwatch, 'serve'], /serving at http/],
  ['netwatch record', [netwatch, 'record'], /recording into/],
];

for (const [name, args, ready] of starts) {
  test(`${name} on a first run creates its data folder and records`, async (t) => {
    ensureBuilt();
    const env = freshHome(t);
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    t.after(() => server.close());
    const port = (server.address() as net.AddressInfo).port;

    const output = await runUntilRecorded(args, env, ready);
    assert.doesNotMatch(output, /ENOENT|could not start/, output);

    const dataDir = path.join(env.HOME!, '.local', 'share', 'netwatch');
    for (const folder of ['.local', '.local/share', '.local/share/netwatch'])
      assert.equal(statSync(path.join(env.HOME!, folder)).mode & 0o777, 0o700, folder);
    for (const file of readdirSync(dataDir))
      assert.equal(statSync(path.join(dataDir, file)).mode & 0o777, 0o600, file);
    assert.ok(readdirSync(dataDir).includes('netwatch.db'));

    const history = spawnSync(process.execPath, [netwatch, 'history', '--port', String(port), '--json'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(history.status, 0, history.stderr);
    const rows = JSON.parse(history.stdout) as { localPort: number; direction: string }[];
    assert.ok(
      rows.some((r) => r.localPort === port && r.direction === 'listen'),
      `the listener on ${port} was recorded: ${history.stdout}`,
    );
  });
}
