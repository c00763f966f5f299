import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDarwinSampler } from '../../../../../electron/core/sampler/darwin/darwin-sampler';
import type { Clock } from '../../../../../electron/core/sampler/seams';
import { readRecording } from '../contract/recorded-output';
import { createReplayRunner } from '../contract/replay-runner';
import { DARWIN, darwinSessionRecordings } from './darwin-session';

const clock: Clock = { now: () => 1_700_000_000_000, monotonic: () => 42 };

function sessionSampler() {
  const replay = createReplayRunner(darwinSessionRecordings());
  const sampler = createDarwinSampler({ run: replay.run, clock, privileged: false });
  return { replay, sampler };
}

/** Oracle for the row count: netstat lists every socket once, whoever owns it. */
function netstatRowCount(): number {
  const text =
    readRecording('darwin/netstat-anW-p-tcp-session.txt') +
    readRecording('darwin/netstat-anW-p-udp-session.txt');
  return text.split('\n').filter((l) => /^(tcp|udp)(4|6|46)\s/.test(l)).length;
}

test('one row per socket on the machine: lsof attributes its own, the rest stay unattributed', async () => {
  const { sampler } = sessionSampler();
  const snap = await sampler.sample();
  assert.equal(snap.takenAt, 1_700_000_000_000);
  assert.equal(snap.monotonicMs, 42);
  assert.equal(snap.privileged, false);
  assert.equal(snap.sockets.length, netstatRowCount());
  const unattributed = snap.sockets.filter((s) => s.pid === null);
  assert.deepEqual(
    unattributed
      .map((s) => `${s.proto} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort} ${s.state}`)
      .sort(),
    [
      'tcp 0.0.0.0:443 0.0.0.0:0 LISTEN',
      'tcp 0.0.0.0:80 0.0.0.0:0 LISTEN',
      'tcp 10.184.10.188:64600 76.76.21.61:443 TIME_WAIT',
      'tcp 192.168.1.191:52040 140.82.114.4:443 CLOSE_WAIT',
      'tcp 192.168.1.191:52044 31.13.66.35:443 ESTABLISHED',
      'tcp ::1:50123 ::1:8080 ESTABLISHED',
      'udp 0.0.0.0:0 0.0.0.0:0 null',
      'udp 0.0.0.0:5353 0.0.0.0:0 null',
      'udp 127.0.0.1:63995 0.0.0.0:0 null',
      'udp :::5353 :::0 null',
    ],
  );
  assert.ok(
    unattributed.every((s) => s.uid === null && s.user === null && s.exe === null && s.process === null),
  );
});

test('owners: executable path, command line and start time from ps; a vanished process keeps its lsof name', async () => {
  const { sampler } = sessionSampler();
  const { sockets } = await sampler.sample();
  const hyper = sockets.find((s) => s.pid === 37224);
  assert.deepEqual(
    hyper && [hyper.process, hyper.exe, hyper.cmdline, hyper.uid, hyper.user, hyper.processStart],
    [
      'Hyper Helper',
      '/Applications/Hyper.app/Contents/Frameworks/Hyper Helper.app/Contents/MacOS/Hyper Helper',
      '/Applications/Hyper.app/Contents/Frameworks/Hyper Helper.app/Contents/MacOS/Hyper Helper --type=renderer',
      501,
      'kai',
      new Date(2023, 10, 22, 8, 15, 30).getTime(),
    ],
  );
  const beam = sockets.find((s) => s.pid === 72915);
  assert.deepEqual(beam && [beam.process, beam.exe, beam.cmdline, beam.processStart], [
    'beam.smp',
    null,
    null,
    null,
  ]);
  const cafe = sockets.filter((s) => s.process === 'Café Prévu ☕');
  assert.equal(cafe.length, 4, 'the listener shared with the forked child is one socket');
  assert.ok(cafe.every((s) => s.pid === 80001));
  assert.deepEqual(
    cafe.find((s) => s.localAddress === 'fe80::1%en0'),
    {
      proto: 'tcp',
      family: 6,
      localAddress: 'fe80::1%en0',
      localPort: 8080,
      remoteAddress: '::',
      remotePort: 0,
      state: 'LISTEN',
      recvQ: 0,
      sendQ: 0,
      uid: 501,
      user: 'kai',
      inode: 0,
      pid: 80001,
      process: 'Café Prévu ☕',
      exe: '/Applications/Café Prévu ☕.app/Contents/MacOS/Café Prévu ☕',
      cmdline: '/Applications/Café Prévu ☕.app/Contents/MacOS/Café Prévu ☕ --serve "a b"',
      processStart: new Date(2023, 10, 24, 9, 5, 0).getTime(),
    },
  );
});

test('ps runs once for known processes and again when a pid is reused', async () => {
  const { replay, sampler } = sessionSampler();
  await sampler.sample();
  await sampler.sample();
  assert.equal(replay.calls.filter((c) => c === DARWIN.psIdentities).length, 1);
  // Same pid 771, different program: the cache must not keep firefox's name on it.
  const lsof = readRecording('darwin/lsof-F-session.txt').replace('p771\nR1\ncfirefox', 'p771\nR1\ncnc');
  replay.set(DARWIN.lsof, lsof);
  replay.set(DARWIN.psIdentities, '  771   501 Sat Nov 25 12:00:00 2023 /usr/bin/nc\n');
  replay.set(DARWIN.psCommands, '  771 nc -l 64030\n');
  const snap = await sampler.sample();
  assert.equal(replay.calls.filter((c) => c === DARWIN.psIdentities).length, 2);
  const reused = snap.sockets.find((s) => s.pid === 771);
  assert.deepEqual(reused && [reused.process, reused.exe, reused.cmdline], [
    'nc',
    '/usr/bin/nc',
    'nc -l 64030',
  ]);
});

test('a failing command rejects with its name and first stderr line; the next tick is unaffected', async () => {
  const { replay, sampler } = sessionSampler();
  const baseline = await createDarwinSampler({
    run: createReplayRunner(darwinSessionRecordings()).run,
    clock,
    privileged: false,
  }).sample();
  replay.set(DARWIN.lsof, { stdout: '', stderr: 'lsof: illegal option character: F\nlsof 4.91\n', code: 1 });
  await assert.rejects(sampler.sample(), {
    name: 'CommandFailedError',
    message: `${DARWIN.lsof} failed: lsof: illegal option character: F (exit code 1)`,
  });
  replay.set(DARWIN.netstatTcp, 'missing');
  replay.set(DARWIN.lsof, readRecording('darwin/lsof-F-session.txt'));
  await assert.rejects(sampler.sample(), /netstat -anW -p tcp failed: netstat was not found/);
  replay.set(DARWIN.netstatTcp, readRecording('darwin/netstat-anW-p-tcp-session.txt'));
  assert.deepEqual(await sampler.sample(), baseline);
});

test('lsof finding nothing (exit 1, silent) is an empty machine, not an error', async () => {
  const { replay, sampler } = sessionSampler();
  replay.set(DARWIN.lsof, { stdout: '', stderr: '', code: 1 });
  const snap = await sampler.sample();
  assert.equal(snap.sockets.length, netstatRowCount());
  assert.ok(snap.sockets.every((s) => s.pid === null));
});

test('routes, protocol counters and interfaces on demand', async () => {
  const { sampler } = sessionSampler();
  const routes = await sampler.routes();
  assert.ok(
    routes.some((r) => r.family === 4 && r.destination === '0.0.0.0' && r.gateway === '192.168.1.254'),
  );
  const stats = await sampler.protocolStats();
  assert.equal(stats.Tcp?.['packets sent'], 6878757);
  const interfaces = await sampler.interfaces();
  assert.equal(interfaces.find((i) => i.name === 'en0')?.rxBytes, 4404763710);
  sampler.close();
});

test('output that is not what the command prints is refused with a clear message', async () => {
  const { replay, sampler } = sessionSampler();
  replay.set(
    DARWIN.netstatRoutes,
    'netstat: sysctl: net.route.0.0.dump: Operation not permitted is not a table\n',
  );
  await assert.rejects(
    sampler.routes(),
    /^UnrecognizedOutputError: netstat -rnl: output not recognised \(it starts with "netstat: sysctl/,
  );
  replay.set(DARWIN.netstatInterfaces, '');
  await assert.rejects(sampler.interfaces(), /netstat -ib: output not recognised \(it was empty\)/);
});

test('odd OS text is reported through onWarning once per distinct problem, never per tick', async () => {
  const replay = createReplayRunner(darwinSessionRecordings());
  const warnings: string[] = [];
  const sampler = createDarwinSampler({
    run: replay.run,
    clock,
    privileged: false,
    onWarning: (m) => warnings.push(m),
  });
  const lsof = readRecording('darwin/lsof-F-session.txt');
  replay.set(
    DARWIN.lsof,
    `${lsof}p9\ncodd\nf1\ntIPv4\nPTCP\nn1.2.3.4:99999\nf2\ntIPv4\nPTCP\nn10.0.0.1:1->10.0.0.2:2\nTST=WIBBLE\n`,
  );
  const first = await sampler.sample();
  await sampler.sample();
  assert.deepEqual(warnings, [
    'lsof: skipped network files it printed in an unknown form, first: "1.2.3.4:99999"',
    'lsof: unknown TCP state "WIBBLE", shown as UNKNOWN',
  ]);
  assert.equal(first.sockets.find((s) => s.pid === 9)?.state, 'UNKNOWN');
});

test('cut link rows, unread netstat -s lines and unreadable routes are each reported once', async () => {
  const replay = createReplayRunner(darwinSessionRecordings());
  const warnings: string[] = [];
  const sampler = createDarwinSampler({ run: replay.run, clock, onWarning: (m) => warnings.push(m) });
  const ib = readRecording('darwin/netstat-ib.txt');
  // The en0 link row of the real capture, its last two counters cut off.
  replay.set(
    DARWIN.netstatInterfaces,
    ib
      .replace(/(<Link#14>.*?2235748839)\s+0$/m, '$1')
      .replace(/(<Link#14>.*?3683504\s+0) 2235748839$/m, '$1'),
  );
  replay.set(DARWIN.netstatStatistics, 'tcp:\n\t5 packets sent\n\tweird 7 line\n');
  replay.set(
    DARWIN.netstatRoutes,
    `${readRecording('darwin/netstat-rnl.txt')}\nInternet:\nDestination Gateway Flags Netif\n300.1.2.3 10.0.0.1 UGS en0\n`,
  );
  for (let tick = 0; tick < 2; tick++) {
    const list = await sampler.interfaces();
    assert.equal(list.find((i) => i.name === 'en0')?.rxBytes, 4404763710);
    await sampler.protocolStats();
    await sampler.routes();
  }
  assert.deepEqual(warnings, [
    'netstat -ib: link rows with fewer counters than the header (missing ones read as 0), first: "en0        1500  <Link#14>   bc:d0:74:21:5b:76  5473980     0 4404763710  3683504     0"',
    'netstat -s: 1 lines with numbers read as no counter, first: "weird 7 line"',
    'netstat -rnl: skipped 1 routes it could not read, first: "300.1.2.3 10.0.0.1 UGS en0"',
  ]);
});
