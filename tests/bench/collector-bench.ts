// `npm run bench -- collector`: the system collector's cost while N loopback connections are held
// (CPU share and RSS of its process and its bpftrace child over a steady stretch), against an
// `ss -tanp` loop at the same 1 s cadence in the same run, and contract calls' round trips over
// its Unix socket against the in-process core's (the app without a collector).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../../electron/core/service-host';
import { connectContractClient } from '../../electron/transport/unix-socket-client';
import { holdLoopbackConnections } from './hold-loopback-connections';

const root = path.resolve(__dirname, '../..');
const USER_HZ = 100; // clock ticks of /proc/<pid>/stat on Linux
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const statFields = (pid: number): string[] => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
};

/** The process and its descendants (the collector's bpftrace), from /proc's parent links. */
function tree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      parents.set(Number(name), Number(statFields(Number(name))[1]));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, parent] of parents)
      if (inTree.has(parent) && !inTree.has(p)) grew = Boolean(inTree.add(p));
  }
  return [...inTree];
}

/** utime + stime of every thread of the tree's processes, in clock ticks. */
const cpuTicks = (pid: number): number =>
  tree(pid).reduce((sum, p) => {
    try {
      const f = statFields(p);
      return sum + Number(f[11]) + Number(f[12]);
    } catch {
      return sum;
    }
  }, 0);
const rssMb = (pid: number): number =>
  tree(pid).reduce((sum, p) => {
    try {
      return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      return sum;
    }
  }, 0);

/**
 * `ss -tanp` once a second for `seconds`, as a shell loop; its CPU share is the shell's reaped
 * children's time (cutime + cstime), read by the shell itself before it exits.
 */
function ssLoopCpu(seconds: number): { cpu: number; ms: number } {
  const script = `i=0; t0=$(date +%s%N); while [ $i -lt ${seconds} ]; do ss -tanp >/dev/null; i=$((i+1)); sleep 1; done; t1=$(date +%s%N); echo $t0 $t1; cat /proc/$$/stat`;
  const out = spawnSync('sh', ['-c', script], { encoding: 'utf8' }).stdout.trim().split('\n');
  const stat = out[1]!;
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[13]) + Number(f[14]); // cutime + cstime: ss (and sleep), reaped
  const [t0, t1] = out[0]!.split(' ').map(Number);
  const span = (t1! - t0!) / 1e9;
  return { cpu: (ticks / USER_HZ / span) * 100, ms: ((ticks / USER_HZ) * 1000) / seconds };
}

async function callTimes<T>(call: () => Promise<T>, n = 5): Promise<{ ms: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    last = await call();
    times.push(performance.now() - t);
  }
  return { ms: median(times), last: last! };
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
    for (let i = 0; i < 300 && !client; i++) {
      await sleep(200);
      client = await connectContractClient(socket).catch(() => null);
    }
    if (!client) throw new Error('the collector did not start');
    await sleep(6000); // first ticks: every socket new, programs hashed
    const traced = tree(collector.pid!).some(
      (p) => readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'bpftrace',
    );
    const before = cpuTicks(collector.pid!);
    const span = 10_000;
    await sleep(span);
    const cpu = ((cpuTicks(collector.pid!) - before) / USER_HZ / (span / 1000)) * 100;
    const rss = rssMb(collector.pid!);
    const snapSocket = await callTimes(() => client.handlers.live.snapshot({}));
    const statusSocket = await callTimes(() => client.handlers.status.get({}), 20);
    await client.close();
    collector.kill('SIGTERM');
    await new Promise((r) => collector.once('exit', r));

    const ss = ssLoopCpu(10);

    const own = await startCore({ dbPath: path.join(dir, 'own.db'), onNotice: () => {} });
    await sleep(4000);
    const snapOwn = await callTimes(() => own.handlers.live.snapshot({}));
    const statusOwn = await callTimes(() => own.handlers.status.get({}), 20);
    await own.close();
    const cell = (text: string, width: number) => text.padStart(width);
    return [
      cell(String(connections), 6),
      cell(String(snapSocket.last.connections.length), 7),
      cell(traced ? 'on' : 'off', 6),
      cell(`${cpu.toFixed(1)} %`, 8),
      cell(`${rss.toFixed(0)} MB`, 7),
      cell(`${ss.cpu.toFixed(1)} %`, 8),
      cell((cpu / ss.cpu).toFixed(2), 6),
      cell(`${snapSocket.ms.toFixed(1)} ms`, 10),
      cell(`${snapOwn.ms.toFixed(1)} ms`, 10),
      cell((snapSocket.ms / snapOwn.ms).toFixed(2), 6),
      cell(`${statusSocket.ms.toFixed(2)} ms`, 10),
      cell(`${statusOwn.ms.toFixed(2)} ms`, 10),
      cell(`  load ${os.loadavg()[0]!.toFixed(1)}`, 10),
    ].join(' ');
  } finally {
    await held.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runCollectorBench(): Promise<void> {
  if (process.platform !== 'linux') return void console.log('collector bench: Linux only');
  console.log('collector (run as this user; kernel events when root and bpftrace): CPU and RSS of its');
  console.log('process tree over 10 s at 1 s ticks, against `ss -tanp` once a second for 10 s (its CPU);');
  console.log('round trips of live.snapshot and status.get: over the Unix socket vs the in-process core');
  console.log(
    `machine: ${os.cpus().length} cores, load before ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    ' conns   rows events  coll cpu coll rss ss -tanp  ratio snap/sock snap/proc  ratio stat/sock stat/proc',
  );
  for (const n of [1_000, 10_000]) console.log(await measure(n));
}
