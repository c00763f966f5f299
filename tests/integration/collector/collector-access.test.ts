// The system collector as root, its clients as other users: a member of its group reads through
// it (another user's socket with that process's pid and exe) without a core of its own, writes a
// rule through it, and a user outside the group is refused with a clear message.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { bundleForOtherUser } from '../sampler/bundle-for-other-user';
import { cliForOtherUser } from './cli-for-other-user';
import { canManageUsers, createUsers, netwatchAs, startCollector, tempDir } from './collector-harness';
import { firstJsonLine } from './json-line';

interface Holder {
  pid: number;
  exe: string;
  port: number;
  uid: number;
}
interface Row {
  localPort: number;
  pid: number | null;
  exe: string | null;
  user: string | null;
  direction: string;
}

describe('system collector access', { skip: canManageUsers() ? false : 'needs root and useradd' }, () => {
  it('serves members of its group and refuses everyone else', async (t) => {
    const users = createUsers(t, { members: ['member'], others: ['outsider', 'third'] });
    const dir = tempDir(t, 'netwatch-collector-');
    const collector = startCollector(t, { dir, group: users.group });
    const cli = cliForOtherUser(t);
    await collector.ready();

    const mode = statSync(collector.socket);
    assert.equal(mode.mode & 0o777, 0o660, 'socket mode 0660');
    assert.equal(mode.uid, 0);
    const gid = Number(execFileSync('getent', ['group', users.group], { encoding: 'utf8' }).split(':')[2]);
    assert.equal(mode.gid, gid, 'socket group is the collector group');

    // A third user's process holds a listener; it reports its own pid, exe and port.
    const holderProcess = spawn(
      process.execPath,
      [await bundleForOtherUser(t, path.join(__dirname, 'holder-child.ts'))],
      {
        cwd: '/',
        uid: users.uid('third'),
        gid: users.uid('third'),
        env: { PATH: process.env.PATH, HOME: '/tmp' },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    t.after(() => holderProcess.kill());
    const holder = await firstJsonLine<Holder>(holderProcess, 'the third user’s process');
    assert.equal(holder.uid, users.uid('third'));

    const env = { NETWATCH_COLLECTOR_SOCKET: collector.socket, NETWATCH_COLLECTOR_GROUP: users.group };
    const member = users.name('member');
    let rows: Row[] = [];
    for (let i = 0; i < 10 && rows.length === 0; i++) {
      const r = netwatchAs(cli, member, ['history', '--port', String(holder.port), '--json'], env);
      assert.equal(r.status, 0, r.stderr);
      rows = (JSON.parse(r.stdout) as Row[]).filter((row) => row.direction === 'listen');
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(rows.length, 1, 'the member sees the third user’s listener');
    assert.equal(rows[0]!.pid, holder.pid);
    assert.equal(rows[0]!.exe, holder.exe);
    assert.equal(rows[0]!.user, users.name('third'));
    assert.ok(
      !existsSync(`/home/${member}/.local/share/netwatch`),
      'the member’s client opened no database (no core) of its own',
    );

    // A write goes through the collector: the rule is in the collector's list, for root as well.
    const mute = netwatchAs(cli, member, ['mute', 'syn-flood', '--note', 'from a member'], env);
    assert.equal(mute.status, 0, mute.stderr);
    assert.match(mute.stdout, /^rule #\d+: mute-kind syn-flood\n$/);
    const status = netwatchAs(cli, member, ['collector', 'status'], env);
    assert.match(status.stdout, /answers\nrecords: {3}System collector: all users/);
    assert.equal(status.status, 0);

    // Outside the group: refused, told why and how to join, and shown nothing of the collector's.
    const outsider = netwatchAs(cli, users.name('outsider'), ['rules', '--json'], env);
    assert.match(
      outsider.stderr,
      new RegExp(`refused this user: it answers root and members of the group '${users.group}' only`),
    );
    assert.ok(!outsider.stdout.includes('from a member'), outsider.stdout);
    const outsiderStatus = netwatchAs(cli, users.name('outsider'), ['collector', 'status'], env);
    assert.equal(outsiderStatus.status, 4);
    assert.match(outsiderStatus.stdout, /refused this user/);
  });
});
