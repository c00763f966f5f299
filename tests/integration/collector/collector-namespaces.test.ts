// The collector sees inside network namespaces: two namespaces the test creates, joined by a
// veth pair (10.200.x.1/30 and .2/30, addresses only inside them); a process of a temp user in
// one connects to a listener in the other. Both ends are recorded with their owner and the
// namespace's name, while the host's own /proc/net lists neither.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { bundleForOtherUser } from '../sampler/bundle-for-other-user';
import { canManageUsers, cliArgs, createUsers, root, startCollector, tempDir } from './collector-harness';
import { firstJsonLine } from './json-line';

const canNetns = (): boolean => canManageUsers() && spawnSync('ip', ['netns', 'list']).status === 0;

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

/** Two namespaces joined by a veth pair; removed (with the pair) when the test ends. */
function namespacePair(t: TestContext): { a: string; b: string; addressA: string; addressB: string } {
  const tag = `${process.pid % 100000}`;
  const a = `nwca${tag}`;
  const b = `nwcb${tag}`;
  const net = 10 + (process.pid % 200);
  const [addressA, addressB] = [`10.200.${net}.1`, `10.200.${net}.2`];
  ip(['netns', 'add', a]);
  t.after(() => spawnSync('ip', ['netns', 'del', a]));
  ip(['netns', 'add', b]);
  t.after(() => spawnSync('ip', ['netns', 'del', b]));
  ip(['link', 'add', `nwva${tag}`, 'netns', a, 'type', 'veth', 'peer', 'name', `nwvb${tag}`, 'netns', b]);
  ip(['-n', a, 'addr', 'add', `${addressA}/30`, 'dev', `nwva${tag}`]);
  ip(['-n', b, 'addr', 'add', `${addressB}/30`, 'dev', `nwvb${tag}`]);
  for (const [ns, dev] of [
    [a, `nwva${tag}`],
    [b, `nwvb${tag}`],
  ] as const) {
    ip(['-n', ns, 'link', 'set', dev, 'up']);
    ip(['-n', ns, 'link', 'set', 'lo', 'up']);
  }
  return { a, b, addressA, addressB };
}

interface Row {
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  pid: number | null;
  user: string | null;
  direction: string;
  netns?: string | null;
}

describe(
  'collector and network namespaces',
  { skip: canNetns() ? false : 'needs root, useradd and ip netns' },
  () => {
    it('records a connection across a veth pair between two namespaces, with owner and namespace', async (t) => {
      const users = createUsers(t, { members: [], others: ['client'] });
      const pair = namespacePair(t);
      const dir = tempDir(t, 'netwatch-netns-');
      const collector = startCollector(t, { dir, group: 'root' });
      await collector.ready();

      const server = spawn(
        'ip',
        [
          'netns',
          'exec',
          pair.b,
          process.execPath,
          '--import',
          'tsx',
          path.join(__dirname, 'holder-child.ts'),
          pair.addressB,
        ],
        { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
      );
      t.after(() => server.kill());
      const listener = await firstJsonLine<{ pid: number; port: number }>(server, 'the listener');
      const client = spawn(
        'ip',
        [
          'netns',
          'exec',
          pair.a,
          'runuser',
          '-u',
          users.name('client'),
          '--',
          process.execPath,
          await bundleForOtherUser(t, path.join(__dirname, 'connect-child.ts')),
          pair.addressB,
          String(listener.port),
        ],
        { cwd: '/', stdio: ['pipe', 'pipe', 'inherit'] },
      );
      t.after(() => client.kill());
      const end = await firstJsonLine<{ pid: number; localAddress: string; localPort: number }>(
        client,
        'the client',
      );
      assert.equal(end.localAddress, pair.addressA);

      // The oracle that the connection exists only inside the namespaces: ss in each, not on the host.
      const ssIn = (ns: string) =>
        spawnSync('ip', ['netns', 'exec', ns, 'ss', '-tn'], { encoding: 'utf8' }).stdout;
      assert.match(ssIn(pair.a), new RegExp(`${pair.addressA.replace(/\./g, '\\.')}:${end.localPort}\\s`));
      assert.doesNotMatch(
        spawnSync('ss', ['-tn'], { encoding: 'utf8' }).stdout,
        new RegExp(`${pair.addressA.replace(/\./g, '\\.')}:${end.localPort}\\s`),
      );

      let rows: Row[] = [];
      for (let i = 0; i < 50; i++) {
        const r = spawnSync(
          process.execPath,
          [...cliArgs, 'history', '--port', String(listener.port), '--json'],
          {
            cwd: root,
            encoding: 'utf8',
            env: { ...process.env, NETWATCH_DB: '', NETWATCH_COLLECTOR_SOCKET: collector.socket },
            timeout: 30_000,
          },
        );
        assert.equal(r.status, 0, r.stderr);
        rows = JSON.parse(r.stdout) as Row[];
        // Both ends named: a socket seen before its owner's descriptors is named at a later walk.
        if (
          rows.some((row) => row.direction === 'outbound' && row.pid !== null) &&
          rows.some(
            (row) => row.direction === 'listen' && row.localAddress === pair.addressB && row.pid !== null,
          )
        )
          break;
        await new Promise((res) => setTimeout(res, 500));
      }
      const outbound = rows.find((row) => row.direction === 'outbound' && row.localPort === end.localPort);
      assert.ok(outbound, `the client's connection is recorded: ${JSON.stringify(rows)}`);
      assert.equal(outbound.pid, end.pid);
      assert.equal(outbound.user, users.name('client'));
      assert.equal(outbound.netns, pair.a);
      const listen = rows.find((row) => row.direction === 'listen' && row.localAddress === pair.addressB);
      assert.ok(listen, 'the listener in the other namespace is recorded');
      assert.equal(listen.pid, listener.pid);
      assert.equal(listen.netns, pair.b);
    });
  },
);
