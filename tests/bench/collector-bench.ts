// `npm run bench -- collector`: the system collector's cost while N loopback connections are held
// (CPU share and RSS of its process over a steady stretch), and a client's live snapshot round
// trip over its Unix socket against the in-process core's (the app without a collector), with
// `ss -tan` timed in the same run for scale.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../../electron/core/service-host';
import { connectContractClient } from '../../electron/transport/unix-socket-client';
import { holdLoopbackConnections } from './hold-loopback-connections';

const root = path.resolve(__dirname, '../..');
const USER_HZ = 100; // clock ticks of /proc/<pid>/stat on Linux
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, all threads
}
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

function timeSs(): number {
  const t = performance.now();
  spawnSync('ss', ['-tan'], { stdio: 'ignore' });
  return performance.now() - t;
}

async function snapshotTimes(call: () => Promise<{ connections: unknown[] }>, n = 3) {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    rows = (await call()).connections.length;
    times.push(performance.now() - t);
  }
  return { ms: median(times), rows };
}

async function measure(connections: number): Promise<string> {
  const held = await holdLoopbackConnections(connections, 180);
  if (held.count < connections)
    console.log(`(only ${held.count} of ${connections} connections could be held)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-collector-bench-'));
  try {
    const socket = path.join(dir, 'c.sock');
    const collector = spawn(
      process.execPath,
      [
        path.join(root, 'bin/netwatch.cjs'),
        'collector',
        'run',
        '--socket',
        socket,
        '--db',
        path.join(dir, 'c.db'),
        '--group',
        'root',
      ],
      { stdio: ['ignore', 'ignore', 'ignore'] },
    );
    let client = null;
    for (let i = 0; i < 100 && !client; i++) {
      await sleep(200);
      client = await connectContractClient(socket).catch(() => null);
    }
    if (!client) throw new Error('the collector did not start');
    await sleep(6000); // first ticks: every socket new, programs hashed
    const before = cpuTicks(collector.pid!);
    const span = 10_000;
    await sleep(span);
    const cpu = ((cpuTicks(collector.pid!) - before) / USER_HZ / (span / 1000)) * 100;
    const rss = rssMb(collector.pid!);
    const viaSocket = await snapshotTimes(() => client.handlers.live.snapshot({}));
    await client.close();
    collector.kill('SIGTERM');
    await new Promise((r) => collector.once('exit', r));

    const own = await startCore({ dbPath: path.join(dir, 'own.db'), onNotice: () => {} });
    await sleep(4000);
    const inProcess = await snapshotTimes(() => own.handlers.live.snapshot({}));
    await own.close();
    const ss = median([timeSs(), timeSs(), timeSs()]);
    return [
      String(connections).padStart(6),
      String(viaSocket.rows).padStart(8),
      `${cpu.toFixed(1)} %`.padStart(9),
      `${rss.toFixed(0)} MB`.padStart(8),
      `${viaSocket.ms.toFixed(0)} ms`.padStart(12),
      `${inProcess.ms.toFixed(0)} ms`.padStart(12),
      (viaSocket.ms / inProcess.ms).toFixed(2).padStart(7),
      `${ss.toFixed(0)} ms`.padStart(8),
    ].join(' ');
  } finally {
    await held.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runCollectorBench(): Promise<void> {
  if (process.platform !== 'linux') return void console.log('collector bench: Linux only');
  console.log(
    'collector: CPU and RSS over 10 s at 1 s ticks (polling; no kernel event feed on this branch),',
  );
  console.log(
    'live.snapshot round trip: a client over the Unix socket vs the in-process core (worker thread)',
  );
  console.log(' conns     rows       cpu      rss  snap/socket  snap/in-proc  ratio   ss -tan');
  for (const n of [1000, 10_000]) console.log(await measure(n));
}
