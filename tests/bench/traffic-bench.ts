// The byte counters' cost per tick with N held loopback connections (2N TCP sockets): the
// sock_diag addon (what the sampler runs every tick) against `ss -tinH` and the sampler's own
// `ss -tineH` fallback, in the same run; wall ms per reading and CPU ms (ss: the child's own).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { TcpByteTable, parseSsTcpInfo } from '../../electron/core/sampler/linux/tcp-bytes/byte-table';
import { loadSockDiag } from '../../electron/core/sampler/linux/tcp-bytes/sock-diag-addon';
import { holdLoopbackConnections } from './hold-loopback-connections';

const ROUNDS = 15;
const TICKS_PER_SECOND = 1;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** CPU ms of waited-for children so far (utime+stime of /proc/self/stat's cutime, cstime). */
function childrenCpuMs(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Cost {
  wall: number;
  cpu: number;
  rows: number;
}

function measure(read: () => number): Cost {
  const walls: number[] = [];
  const cpus: number[] = [];
  let rows = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const [w, c, cc] = [performance.now(), cpuMs(), childrenCpuMs()];
    rows = read();
    walls.push(performance.now() - w);
    cpus.push(cpuMs() - c + (childrenCpuMs() - cc));
  }
  return { wall: median(walls), cpu: median(cpus), rows };
}

function ss(args: string[]): string {
  const r = spawnSync('ss', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`ss ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export async function runTrafficBench(): Promise<void> {
  if (process.platform !== 'linux') {
    console.log('traffic: needs Linux; skipped');
    return;
  }
  const addon = loadSockDiag();
  if (typeof addon === 'string') {
    console.log(`traffic: ${addon}; build first (node scripts/build.mjs)`);
    return;
  }
  console.log(
    `traffic: TCP byte counters, median of ${ROUNDS} readings per size (wall ms, CPU ms incl. children)`,
  );
  console.log(
    '  conns  sockets   sock-diag (wall/cpu)   ss -tinH (wall/cpu)   ss -tineH+parse (wall/cpu)   ss-tinH/sock-diag cpu   sock-diag % core @1/s',
  );
  for (const connections of [300, 10_000]) {
    const held = await holdLoopbackConnections(connections, 300);
    try {
      const diag = measure(() => new TcpByteTable(addon.tcpBytes(), performance.now()).size);
      const ssPlain = measure(() => ss(['-tinH']).length);
      const ssParsed = measure(() => new TcpByteTable(parseSsTcpInfo(ss(['-tineH'])), 0).size);
      const p = (c: Cost): string => `${c.wall.toFixed(2)} / ${c.cpu.toFixed(2)} ms`.padStart(19);
      console.log(
        `  ${String(connections).padStart(5)}  ${String(diag.rows).padStart(7)}   ${p(diag)}   ${p(ssPlain)}   ${p(ssParsed).padStart(26)}` +
          `   ${`${(ssPlain.cpu / Math.max(diag.cpu, 0.01)).toFixed(1)}x`.padStart(21)}   ${`${((diag.cpu * TICKS_PER_SECOND) / 10).toFixed(2)}%`.padStart(20)}`,
      );
    } finally {
      await held.close();
    }
  }
  console.log('  the sampler reads sock-diag every tick; without the addon it runs ss -tineH every 5 s.');
  console.log(
    '  CPU ms are rounded to the kernel’s 10 ms ticks for children: ss figures at small sizes are coarse.',
  );
}

if (require.main === module) void runTrafficBench();
