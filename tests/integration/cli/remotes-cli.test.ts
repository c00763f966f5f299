// `netwatch remotes` as a sysadmin runs it: this test holds 30 connections from one loopback
// address of its own, and the count per remote address is checked against those it opened and
// against `ss`; past --flood the address is marked.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const HELD = 30;
// An address of 127/8 no other test uses, so the counts are this test's alone.
const CLIENT = `127.${77 + Math.floor(Math.random() * 100)}.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

function netwatch(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'electron/cli/main.ts'), ...args],
      { cwd: root, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

let server: net.Server;
const sockets: net.Socket[] = [];

before(async () => {
  server = net.createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  for (let i = 0; i < HELD; i++) {
    const client = net.connect({ host: '127.0.0.1', port, localAddress: CLIENT });
    await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
    sockets.push(client);
  }
  while (sockets.length < 2 * HELD) await new Promise((resolve) => setTimeout(resolve, 10));
});

after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

test('connections per remote address match what this test holds and what ss counts', async () => {
  const ssLines = execFileSync('ss', ['-Htn', 'state', 'established', 'dst', CLIENT], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim() !== '');
  assert.equal(ssLines.length, HELD, 'ss sees the server side of each connection');

  const result = await netwatch(['remotes', '--json', '--top', '1000']);
  assert.equal(result.code, 0, result.stderr);
  const listing = JSON.parse(result.stdout) as {
    remotes: { address: string; count: number; established: number; synRecv: number }[];
    synRecv: number;
  };
  const ours = listing.remotes.find((r) => r.address === CLIENT);
  assert.deepEqual(ours && { count: ours.count, established: ours.established, synRecv: ours.synRecv }, {
    count: HELD,
    established: HELD,
    synRecv: 0,
  });
  const counts = listing.remotes.map((r) => r.count);
  assert.deepEqual(
    counts,
    [...counts].sort((a, b) => b - a),
    'most connections first',
  );
});

test('past --flood the address is marked; a bad number is a usage error', async () => {
  const marked = await netwatch(['remotes', '-n', '--top', '1000', '--flood', String(HELD - 1)]);
  assert.equal(marked.code, 0, marked.stderr);
  const line = marked.stdout.split('\n').find((l) => l.includes(CLIENT));
  assert.match(
    line ?? '',
    new RegExp(`^\\s+${HELD}\\s+${HELD}\\s+0\\s+${CLIENT.replace(/\./g, '\\.')}\\s+<- flood$`),
  );

  const quiet = await netwatch(['remotes', '-n', '--top', '1000', '--flood', String(HELD)]);
  assert.doesNotMatch(quiet.stdout.split('\n').find((l) => l.includes(CLIENT)) ?? '', /flood/);

  const bad = await netwatch(['remotes', '--flood', '-3']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /netwatch remotes --help/);
});
