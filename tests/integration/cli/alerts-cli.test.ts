// `netwatch record` raises alerts as it records (one escaped line each on stderr), and the alert
// commands work on its database while it runs: alerts, ack, trust, ignore, mute, rules.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import type { AlertRecord, ProgramRecord, RuleRecord } from '../../../shared/model';
import { PhoneHomeProgram } from '../alerts/phone-home-program';
import { tempDir } from '../store/temp-dir';

const root = path.resolve(__dirname, '../../..');
const cli = ['--import', 'tsx', path.join(root, 'electron/cli/main.ts')];

function netwatch(args: string[]) {
  return spawnSync(process.execPath, [...cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

/** Polls until `check` holds, at most `tries` times 200 ms apart. */
async function until(check: () => boolean, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

test(
  'record raises alerts on stderr; alerts, ack, trust, ignore, mute and rules work beside it',
  { timeout: 120_000 },
  async (t) => {
    const dir = tempDir(t, 'netwatch-alerts-cli-');
    const db = path.join(dir, 'netwatch.db');
    const held: net.Socket[] = [];
    const server = net.createServer((s) => held.push(s.on('error', () => undefined))).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    t.after(() => {
      held.forEach((s) => s.destroy());
      server.close();
    });
    const port = (server.address() as net.AddressInfo).port;

    const recorder = spawn(process.execPath, [...cli, 'record', '--db', db, '--interval', '250'], {
      cwd: root,
    });
    let stderr = '';
    recorder.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exit = new Promise<number | null>((resolve) => recorder.on('exit', (code) => resolve(code)));
    t.after(() => recorder.kill('SIGKILL'));
    assert.ok(await until(() => stderr.includes('recording into')), stderr);
    // The first ticks learn what runs (this test and its server): wait until they are recorded.
    const known = () => {
      const r = netwatch(['programs', '--db', db, '--json']);
      return r.status === 0 && (JSON.parse(r.stdout) as ProgramRecord[]).some((p) => p.baseline);
    };
    assert.ok(await until(known), 'the baseline was recorded');

    // A program whose name would drive a terminal if printed as it is.
    const program = new PhoneHomeProgram(dir, 'ph\x1b[31mone-home');
    const run = program.run(port);
    const shown = program.exe.replace('\x1b', '\\x1b');
    assert.ok(await until(() => stderr.includes(shown)), `an alert line on stderr naming it: ${stderr}`);
    const line = stderr.split('\n').find((l) => l.includes(shown))!;
    assert.match(line, /^netwatch: alert #\d+ \(new program, medium\): .* connected to 127\.0\.0\.1:\d+/);
    assert.ok(!stderr.includes('\x1b'), 'control characters are escaped');
    held.forEach((s) => s.end('bye\n'));
    await run.exited;

    const listed = netwatch(['alerts', '--db', db, '--json']);
    assert.equal(listed.status, 0, listed.stderr);
    const alert = (JSON.parse(listed.stdout) as AlertRecord[]).find((a) => a.exe === program.exe);
    assert.ok(alert && alert.kind === 'new-program' && !alert.acknowledged);
    const table = netwatch(['alerts', '--db', db]);
    assert.match(
      table.stdout,
      new RegExp(`^ +${alert.id} UNREAD medium new-program .*\\\\x1b\\[31mone-home`, 'm'),
    );

    const ack = netwatch(['ack', String(alert.id), '--db', db]);
    assert.equal(ack.status, 0, ack.stderr);
    assert.equal(ack.stdout, `acknowledged alert #${alert.id}\n`);
    assert.equal(
      netwatch(['ack', String(alert.id), '--db', db]).stdout,
      `alert #${alert.id} was already acknowledged\n`,
    );
    const missing = netwatch(['ack', '999999', '--db', db]);
    assert.deepEqual([missing.status, missing.stderr], [1, 'netwatch: ack: no alert #999999\n']);
    const unread = JSON.parse(netwatch(['alerts', '--db', db, '--json']).stdout) as AlertRecord[];
    assert.ok(!unread.some((a) => a.id === alert.id), 'acknowledged: not unread');
    const all = JSON.parse(netwatch(['alerts', '--all', '--db', db, '--json']).stdout) as AlertRecord[];
    assert.equal(all.find((a) => a.id === alert.id)?.acknowledged, true);

    const trust = netwatch(['trust', program.exe, '--db', db, '--note', 'test']);
    assert.equal(trust.status, 0, trust.stderr);
    assert.match(trust.stdout, /^rule #\d+: trust-program .*ph\\x1b\[31mone-home\n$/);
    const ignore = netwatch(['ignore', '10.0.0.0/8', '--db', db]);
    assert.match(ignore.stdout, /^rule #\d+: ignore-address 10\.0\.0\.0\/8\n$/);
    assert.match(netwatch(['ignore', '5353', '--db', db]).stdout, /ignore-port 5353/);
    assert.match(netwatch(['mute', 'syn-flood', '--db', db]).stdout, /^rule #\d+: mute-kind syn-flood\n$/);
    const muteFor = netwatch(['mute', 'traffic-volume', '/usr/bin/../bin/env', '--db', db]);
    assert.match(muteFor.stdout, /^rule #\d+: mute-kind traffic-volume \/usr\/bin\/env\n$/, muteFor.stderr);
    const floodFor = netwatch(['mute', 'flood-remote', '/usr/bin/env', '--db', db]);
    assert.deepEqual([floodFor.status, /name no program/.test(floodFor.stderr)], [2, true], floodFor.stderr);
    const rules = JSON.parse(netwatch(['rules', '--db', db, '--json']).stdout) as RuleRecord[];
    assert.deepEqual(
      rules.map((r) => [r.kind, r.value, r.note]),
      [
        ['trust-program', program.exe, 'test'],
        ['ignore-address', '10.0.0.0/8', null],
        ['ignore-port', '5353', null],
        ['mute-kind', 'syn-flood', null],
        ['mute-kind', 'traffic-volume /usr/bin/env', null],
      ],
    );
    const removed = netwatch(['rules', '--remove', String(rules[2]!.id), '--db', db]);
    assert.equal(removed.stdout, `removed rule #${rules[2]!.id}\n`, removed.stderr);
    const programs = JSON.parse(netwatch(['programs', '--db', db, '--json']).stdout) as ProgramRecord[];
    assert.equal(programs.find((p) => p.exe === program.exe)?.trusted, true);

    recorder.kill('SIGINT');
    assert.equal(await exit, 0, stderr);
  },
);

test('bad alert commands are usage errors (exit 2) with one clear line', (t) => {
  const db = path.join(tempDir(t, 'netwatch-alerts-cli-'), 'netwatch.db');
  const cases: [string[], RegExp][] = [
    [['ignore', '10.1.2.3/8'], /host bits set; the network is 10\.0\.0\.0\/8/],
    [['ignore', '70000'], /not a port number \(0 to 65535\)/],
    [['ignore', 'example.com'], /not an IP address or CIDR network/],
    [['ignore'], /expected one value/],
    [['mute', 'everything'], /"everything" is not an alert kind/],
    [['ack'], /expected alert ids or --all/],
    [['ack', 'x1'], /expected an alert id/],
    [['alerts', '--limit', '0'], /--limit: expected 1 to 5000/],
    [['alerts', '--bogus'], /alerts: Unknown option '--bogus'/],
    [['rules', '--remove', 'two'], /--remove: expected a rule id/],
  ];
  for (const [args, message] of cases) {
    const r = netwatch([...args, '--db', db]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /Try 'netwatch \w+ --help'/);
  }
  const trustBefore = netwatch(['trust', '/opt/tool', '--db', db]);
  assert.equal(trustBefore.status, 0, 'rules may be set before anything was recorded');
});
