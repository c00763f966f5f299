// `netwatch export` and `netwatch remotes` as clients of the collector: a member of its group, who
// cannot read the collector's database, exports connections held inside a network namespace the
// test creates (which that user's own sampler cannot see) and counts them per remote address;
// the numbers are the ones the test's own program and `ss` inside the namespace report.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cliForOtherUser } from './cli-for-other-user';
import { canManageUsers, createUsers, netwatchAs, startCollector, tempDir } from './collector-harness';
import { firstJsonLine } from './json-line';

const canNetns = (): boolean => canManageUsers() && spawnSync('ip', ['netns', 'list']).status === 0;
const FROM = '127.77.0.9';
const COUNT = 7;

describe(
  'export and remotes through the collector',
  { skip: canNetns() ? false : 'needs root, useradd and ip netns' },
  () => {
    it('a group member exports and counts what only the collector sees', async (t) => {
      const users = createUsers(t, { members: ['member'], others: [] });
      const ns = `nwcx${process.pid % 100000}`;
      assert.equal(spawnSync('ip', ['netns', 'add', ns]).status, 0);
      t.after(() => spawnSync('ip', ['netns', 'del', ns]));
      assert.equal(spawnSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']).status, 0);

      const dir = tempDir(t, 'netwatch-collector-export-');
      const collector = startCollector(t, { dir, group: users.group });
      const cli = cliForOtherUser(t);
      await collector.ready();

      const crowd = spawn(
        'ip',
        [
          'netns',
          'exec',
          ns,
          process.execPath,
          '--import',
          'tsx',
          path.join(__dirname, 'crowd-child.ts'),
          FROM,
          String(COUNT),
        ],
        { cwd: path.resolve(__dirname, '../../..'), stdio: ['pipe', 'pipe', 'inherit'] },
      );
      t.after(() => crowd.kill());
      const held = await firstJsonLine<{ port: number; clientPorts: number[] }>(
        crowd,
        'the namespace’s crowd',
      );
      // The oracle for the count: ss inside the namespace.
      const ss = spawnSync('ip', ['netns', 'exec', ns, 'ss', '-Htn', 'state', 'established', 'dst', FROM], {
        encoding: 'utf8',
      });
      const bySs = ss.stdout.trim().split('\n').filter(Boolean).length;
      assert.equal(bySs, COUNT, ss.stdout);

      const env = { NETWATCH_COLLECTOR_SOCKET: collector.socket, NETWATCH_COLLECTOR_GROUP: users.group };
      const member = users.name('member');
      const readable = spawnSync('runuser', ['-u', member, '--', 'test', '-r', collector.db]);
      assert.notEqual(readable.status, 0, 'the member cannot read the collector’s database');

      interface Listing {
        remotes: { address: string; count: number; established: number }[];
        synRecv: number;
      }
      let listing: Listing | null = null;
      for (let i = 0; i < 20; i++) {
        const r = netwatchAs(cli, member, ['remotes', '--json', '--top', '1000'], env);
        assert.equal(r.status, 0, r.stderr);
        listing = JSON.parse(r.stdout) as Listing;
        if (listing?.remotes.some((x) => x.address === FROM)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const ours = listing?.remotes.find((r) => r.address === FROM);
      assert.deepEqual(
        ours && { count: ours.count, established: ours.established },
        { count: bySs, established: bySs },
        `remotes through the collector: ${JSON.stringify(listing)}`,
      );

      const text = netwatchAs(cli, member, ['remotes', '-n', '--flood', String(COUNT - 1)], env);
      assert.match(
        text.stdout,
        new RegExp(`\\s${COUNT}\\s+${COUNT}\\s+0\\s+${FROM.replace(/\./g, '\\.')}\\s+<- flood`),
      );

      // The export: every accepted connection (remote FROM, one per client port) with the namespace.
      const out = path.join(`/home/${member}`, 'held.csv');
      const exported = netwatchAs(
        cli,
        member,
        ['export', '--format', 'csv', '--port', String(held.port), '--out', out],
        env,
      );
      assert.equal(exported.status, 0, exported.stderr);
      assert.match(exported.stderr, /\(from the system collector\)/);
      const [header, ...lines] = spawnSync('cat', [out], { encoding: 'utf8' }).stdout.trim().split('\r\n');
      const cols = header!.split(',');
      const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
      const accepted = rows.filter((r) => r.remoteAddress === FROM).map((r) => Number(r.remotePort));
      assert.deepEqual(accepted.sort(), [...held.clientPorts].sort(), 'one row per client the crowd opened');
      assert.ok(
        rows.filter((r) => r.remoteAddress === FROM).every((r) => r.netns === ns),
        'tagged with the namespace',
      );
      const jsonl = netwatchAs(
        cli,
        member,
        ['export', '--format', 'jsonl', '--port', String(held.port)],
        env,
      );
      assert.equal(jsonl.status, 0, jsonl.stderr);
      assert.equal(jsonl.stdout.trim().split('\n').length, rows.length, 'JSON Lines: the same rows');

      // The HTML report through the collector: its summary counts the rows the CSV held, and its
      // table lists every client the crowd opened, by the ports the crowd reported.
      const html = netwatchAs(cli, member, ['export', '--format', 'html', '--port', String(held.port)], env);
      assert.equal(html.status, 0, html.stderr);
      assert.match(html.stdout, new RegExp(`<dd id="sum-connections">${rows.length}</dd>`));
      for (const port of held.clientPorts)
        assert.ok(html.stdout.includes(`<td>${FROM}:${port}</td>`), `the report lists ${FROM}:${port}`);
      const table = html.stdout.slice(html.stdout.indexOf('<table id="connections">'));
      const tableRows = table.split('\n').filter((l) => l.startsWith('<tr><td>'));
      assert.equal(tableRows.length, rows.length, 'the table holds the rows the CSV held');
      assert.ok(
        tableRows.filter((l) => l.includes(`<td>${FROM}:`)).every((l) => l.includes(`<td>${ns}</td>`)),
        'each of the crowd’s rows names the namespace',
      );
      assert.ok(!existsSync(`/home/${member}/.local/share/netwatch`), 'no database of the member’s own');
    });
  },
);
