// Figures of the Linux sampler (not a test): with 1,000 and 10,000 loopback connections held open
// (2 sockets each), median cold and steady-state sample times next to `ss -tanp` and
// `netstat -tanp` measured in the same run, interleaved round by round so load hits all alike.
// Cold: the first sample of a new sampler (no owner cache). Steady: a sampler already running.
// Run: npm run bench -- sampler
import { spawnSync } from 'node:child_process';
import { createLinuxSampler } from '../../electron/core/sampler/linux/linux-sampler';
import { holdLoopbackConnections } from './hold-loopback-connections';

const ROUNDS = 9;
const STEADY_PER_ROUND = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of a command until it has written all its output and exited, as a user waits for it. */
function timeCommand(file: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(file, args, { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${result.status}`);
  return elapsed;
}

async function timeSample(
  sampler: ReturnType<typeof createLinuxSampler>,
): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const snapshot = await sampler.sample();
  return { ms: performance.now() - started, rows: snapshot.sockets.length };
}

interface Figures {
  connections: number;
  rows: number;
  cold: number;
  steady: number;
  ss: number;
  netstat: number;
  steadyReadlinks: number;
}

async function measure(connections: number): Promise<Figures> {
  const held = await holdLoopbackConnections(connections, 240);
  try {
    const steadySampler = createLinuxSampler();
    for (let i = 0; i < 3; i++) await steadySampler.sample(); // warm: JIT and owner cache
    const cold: number[] = [];
    const steady: number[] = [];
    const ss: number[] = [];
    const netstat: number[] = [];
    let rows = 0;
    let steadyReadlinks = 0;
    for (let round = 0; round < ROUNDS; round++) {
      ss.push(timeCommand('ss', ['-tanp']));
      netstat.push(timeCommand('netstat', ['-tanp']));
      const first = await timeSample(createLinuxSampler());
      cold.push(first.ms);
      for (let i = 0; i < STEADY_PER_ROUND; i++) {
        const sample = await timeSample(steadySampler);
        steady.push(sample.ms);
        rows = sample.rows;
        steadyReadlinks += steadySampler.lastOwnerScan.readlinks;
      }
    }
    return {
      connections,
      rows,
      cold: median(cold),
      steady: median(steady),
      ss: median(ss),
      netstat: median(netstat),
      steadyReadlinks: steadyReadlinks / (ROUNDS * STEADY_PER_ROUND),
    };
  } finally {
    await held.close();
  }
}

const f = (ms: number): string => `${ms.toFixed(1)} ms`.padStart(9);
const x = (ratio: number): string => `${ratio.toFixed(2)}x`;

export async function runSamplerBench(): Promise<void> {
  if (process.platform !== 'linux') {
    console.log('sampler: the Linux sampler bench needs Linux; skipped');
    return;
  }
  console.log(
    `sampler: median of ${ROUNDS} cold and ${ROUNDS * STEADY_PER_ROUND} steady samples per size, interleaved`,
  );
  console.log(
    '  conns  sockets      cold    steady  ss -tanp  netstat -tanp   cold/ss  steady/ss  steady/netstat  readlinks/steady',
  );
  const all: Figures[] = [];
  for (const connections of [1000, 10_000]) {
    const r = await measure(connections);
    all.push(r);
    console.log(
      `  ${String(r.connections).padStart(5)}  ${String(r.rows).padStart(7)} ${f(r.cold)} ${f(r.steady)} ${f(r.ss)} ${f(r.netstat).padStart(14)}` +
        `   ${x(r.cold / r.ss).padStart(7)}  ${x(r.steady / r.ss).padStart(9)}  ${x(r.steady / r.netstat).padStart(14)}  ${r.steadyReadlinks.toFixed(0).padStart(16)}`,
    );
  }
  const [small, large] = all as [Figures, Figures];
  console.log('  targets: steady at 10k <= 0.35x ss, cold <= 1.0x ss, steady at 1k <= 15 ms');
  console.log(
    `  measured: steady at 10k ${x(large.steady / large.ss)}, cold at 10k ${x(large.cold / large.ss)}, ` +
      `cold at 1k ${x(small.cold / small.ss)}, steady at 1k ${small.steady.toFixed(1)} ms; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
}

if (require.main === module) void runSamplerBench();
