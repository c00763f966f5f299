import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ShellRequestError,
  ShellUnavailableError,
} from '../../../../../electron/core/sampler/win32/shell-session';
import { createWin32Sampler } from '../../../../../electron/core/sampler/win32/win32-sampler';
import type { Clock } from '../../../../../electron/core/sampler/seams';
import { readRecording } from '../contract/recorded-output';
import { createReplayRunner } from '../contract/replay-runner';
import {
  createReplayShell,
  recordedEthernetAndStatistics,
  WIN32,
  win32SessionRecordings,
} from './win32-session';

const clock: Clock = { now: () => 1_700_000_000_000, monotonic: () => 7 };

function sessionSampler() {
  const replay = createReplayRunner(win32SessionRecordings());
  const shell = createReplayShell();
  const sampler = createWin32Sampler({ run: replay.run, shell, clock });
  return { replay, shell, sampler };
}

const netstat = readRecording('win32/netstat-ano-win10.txt');
const tcpLines = (netstat.match(/^\s+TCP\s/gm) ?? []).length;
const udpLines = (netstat.match(/^\s+UDP\s/gm) ?? []).length;

test('PowerShell mode: every socket with its owner; a non-admin sees no path for services', async () => {
  const { sampler, replay } = sessionSampler();
  const snap = await sampler.sample();
  assert.equal(snap.privileged, false);
  assert.equal(snap.takenAt, 1_700_000_000_000);
  // Oracle: the netstat capture the reply was converted from, plus the five constructed rows.
  assert.equal(snap.sockets.filter((s) => s.proto === 'tcp').length, tcpLines + 5);
  assert.equal(snap.sockets.filter((s) => s.proto === 'udp').length, udpLines);
  assert.ok(!replay.calls.includes(WIN32.netstatAno), 'netstat -ano is the fallback only');

  const svchost = snap.sockets.find((s) => s.pid === 1712);
  assert.deepEqual(
    svchost && [svchost.process, svchost.exe, svchost.cmdline, svchost.user, svchost.processStart],
    ['svchost.exe', null, null, null, null],
  );
  const spotify = snap.sockets.find((s) => s.pid === 27696);
  assert.equal(spotify?.exe, 'C:\\Users\\user\\AppData\\Roaming\\Spotify\\Spotify.exe');
  assert.equal(spotify?.user, 'WIN10\\user');
  assert.equal(snap.sockets.find((s) => s.pid === 6372)?.process, 'NVIDIA Web Helper.exe');
  // Pids netstat -b could not name: no identity, no guess.
  assert.deepEqual(
    [...new Set(snap.sockets.filter((s) => s.pid !== null && s.process === null).map((s) => s.pid))].sort(
      (a, b) => (a ?? 0) - (b ?? 0),
    ),
    [1036, 1400, 1428, 10404],
  );
  const app = snap.sockets.find((s) => s.pid === 40404 && s.family === 6 && s.state === 'LISTEN');
  assert.deepEqual(app, {
    proto: 'tcp',
    family: 6,
    localAddress: 'fe80::244e:2f1e:2096:62b2%9',
    localPort: 8081,
    remoteAddress: '::',
    remotePort: 0,
    state: 'LISTEN',
    recvQ: 0,
    sendQ: 0,
    uid: null,
    user: 'WIN10\\user',
    inode: 0,
    pid: 40404,
    process: 'Ünïcode Äpp ☕.exe',
    exe: 'C:\\Program Files\\Ünïcode Äpp\\Ünïcode Äpp ☕.exe',
    cmdline: '"C:\\Program Files\\Ünïcode Äpp\\Ünïcode Äpp ☕.exe" --name "a \\"b\\""',
    // Oracle: the owners reply's CreationDate, read with a regex.
    processStart: Number(
      /"ProcessId":40404,[^}]*"CreationDate":(\d+)/.exec(
        readRecording('win32/powershell-owners-reply.txt'),
      )?.[1],
    ),
  });
  const timeWait = snap.sockets.find((s) => s.state === 'TIME_WAIT');
  assert.deepEqual(timeWait && [timeWait.pid, timeWait.process], [null, null]);
  assert.equal(snap.sockets.find((s) => s.localPort === 52002)?.state, 'CLOSE');
  assert.deepEqual(
    snap.interfaces.map((i) => [i.name, i.rxBytes]),
    [['Ethernet (all adapters)', 1279913096]],
  );
});

test('owners are asked for once, and again for a pid whose identity changed (reuse)', async () => {
  const { sampler, shell } = sessionSampler();
  await sampler.sample();
  await sampler.sample();
  assert.deepEqual(shell.requests, ['sockets', 'owners', 'sockets']);
  const reply = readRecording('win32/powershell-sockets-reply.txt').replace(
    '{"Id":27696,"Name":"Spotify","Start":',
    '{"Id":27696,"Name":"evil","Start":1',
  );
  shell.next.sockets = reply;
  shell.next.owners = JSON.stringify([
    {
      ProcessId: 27696,
      Name: 'evil.exe',
      ExecutablePath: 'C:\\Temp\\evil.exe',
      CommandLine: 'evil.exe',
      CreationDate: 1,
      User: 'WIN10\\user',
    },
  ]);
  const snap = await sampler.sample();
  assert.deepEqual(shell.requests.slice(3), ['sockets', 'owners']);
  assert.equal(snap.sockets.find((s) => s.pid === 27696)?.exe, 'C:\\Temp\\evil.exe');
  assert.equal(snap.sockets.find((s) => s.pid === 1712)?.process, 'svchost.exe');
});

test('a shell that fails or hangs rejects the tick with its message; the next tick is unaffected', async () => {
  const { sampler, shell, replay } = sessionSampler();
  const baseline = await createWin32Sampler({
    run: createReplayRunner(win32SessionRecordings()).run,
    shell: createReplayShell(),
    clock,
  }).sample();
  shell.next.sockets = new Error('PowerShell did not answer within 15000 ms (restarted on the next request)');
  await assert.rejects(sampler.sample(), /PowerShell did not answer within 15000 ms/);
  shell.next.sockets = '{"tcp":[{"LocalAdd';
  await assert.rejects(sampler.sample(), /PowerShell sockets reply not understood: not JSON/);
  replay.set(WIN32.netstatEthernet, { stdout: '', stderr: 'Der Befehl ist unbekannt.\r\n', code: 1 });
  await assert.rejects(sampler.sample(), {
    message: 'netstat -e failed: Der Befehl ist unbekannt. (exit code 1)',
  });
  replay.set(WIN32.netstatEthernet, win32SessionRecordings()[WIN32.netstatEthernet] ?? '');
  assert.deepEqual(await sampler.sample(), baseline);
});

for (const [why, error] of [
  ['PowerShell is missing', new ShellUnavailableError('PowerShell', 'ENOENT')],
  [
    'its NetTCPIP cmdlets are missing',
    new ShellRequestError('PowerShell', "The term 'Get-NetTCPConnection' is not recognized"),
  ],
] as const) {
  test(`when ${why}: netstat -ano and tasklist, for good`, async () => {
    const { sampler, shell, replay } = sessionSampler();
    shell.next.sockets = error;
    const snap = await sampler.sample();
    assert.equal(snap.sockets.length, tcpLines + udpLines);
    assert.equal(snap.privileged, false);
    assert.equal(snap.sockets.find((s) => s.pid === 27696)?.process, 'Spotify.exe');
    assert.equal(snap.sockets.find((s) => s.pid === 4)?.process, 'System');
    assert.ok(snap.sockets.every((s) => s.exe === null && s.cmdline === null));
    await sampler.sample();
    assert.deepEqual(shell.requests, ['sockets']);
    assert.equal(shell.closed, 1);
    assert.equal(replay.calls.filter((c) => c === WIN32.netstatAno).length, 2);
  });
}

test('fallback: netstat -ano failing is a clear error', async () => {
  const { sampler, shell, replay } = sessionSampler();
  shell.next.sockets = new ShellUnavailableError('PowerShell', 'ENOENT');
  replay.set(WIN32.netstatAno, 'missing');
  await assert.rejects(sampler.sample(), /^CommandFailedError: netstat -ano failed: netstat was not found/);
});

test('routes, protocol counters and interfaces on demand', async () => {
  const { sampler, shell } = sessionSampler();
  assert.ok((await sampler.routes()).some((r) => r.family === 6 && r.destination === '::1'));
  assert.equal((await sampler.protocolStats()).Tcp?.['Active Opens'], 64644);
  assert.equal((await sampler.interfaces())[0]?.txBytes, 89768387);
  sampler.close();
  assert.equal(shell.closed, 1);
});

test('odd replies are reported through onWarning once per distinct problem', async () => {
  const replay = createReplayRunner(win32SessionRecordings());
  const shell = createReplayShell();
  const warnings: string[] = [];
  const sampler = createWin32Sampler({ run: replay.run, shell, clock, onWarning: (m) => warnings.push(m) });
  const odd = readRecording('win32/powershell-sockets-reply.txt').replace(
    '"tcp":[',
    '"tcp":[{"LocalAddress":"0.0.0.0","LocalPort":1,"RemoteAddress":"0.0.0.0","RemotePort":0,"State":77,"OwningProcess":4},{"LocalAddress":"bogus","LocalPort":2,"RemoteAddress":"0.0.0.0","RemotePort":0,"State":2,"OwningProcess":4},{"LocalPort":"x"},',
  );
  shell.sticky.sockets = odd;
  const snap = await sampler.sample();
  await sampler.sample();
  assert.deepEqual(warnings, [
    'PowerShell: skipped 1 rows of an unexpected shape in the sockets reply',
    'Get-NetTCPConnection: unknown State 77, shown as UNKNOWN',
    'Get-NetTCPConnection: unreadable address "bogus" or "0.0.0.0", row skipped',
  ]);
  assert.equal(snap.sockets.find((s) => s.localPort === 1)?.state, 'UNKNOWN');
});

test('a route row and a netstat -s line it cannot read are each reported once', async () => {
  const replay = createReplayRunner(win32SessionRecordings());
  const warnings: string[] = [];
  const sampler = createWin32Sampler({
    run: replay.run,
    shell: createReplayShell(),
    clock,
    onWarning: (m) => warnings.push(m),
  });
  const route = readRecording('win32/route-print-win10.txt');
  // The real default route, its metric mangled.
  replay.set(WIN32.routePrint, route.replace(/^(\s+0\.0\.0\.0\s+0\.0\.0\.0\s+\S+\s+\S+\s+)\d+/m, '$1x'));
  const { statistics } = recordedEthernetAndStatistics();
  replay.set(WIN32.netstatStatistics, `${statistics}\r\n  Broken Counter = x1\r\n`);
  for (let tick = 0; tick < 2; tick++) {
    await sampler.routes();
    await sampler.protocolStats();
  }
  assert.equal(warnings.length, 2);
  assert.match(warnings[0] ?? '', /^route print: skipped 1 routes it could not read, first: "0\.0\.0\.0 /);
  assert.equal(
    warnings[1],
    'netstat -s: 1 lines read as neither counter nor title, first: "Broken Counter = x1"',
  );
});
