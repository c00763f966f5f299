// Figures of the fleet outputs (not a test): what --metrics and --events add to recording CPU at
// 10,000 connections, with 0, 100 and 1,000 connections of churn per tick. Two views:
//  1. Real: three `netwatch record` at once under the same loopback load (10,000 held connections,
//     real churn): two plain (how far two identical recorders differ is the noise floor) and one
//     with --metrics (scraped every 15 s, Prometheus's usual interval) and --events to a file;
//     the CPU of each process tree over the same window.
//  2. In-process: the real service on a database file with the outputs wired as record wires
//     them; the time the outputs spend on each delta plus the scrape (amortized) against the
//     tick's own time, in the same thread (so a loaded machine slows both alike). Fed by a
//     synthetic sampler (10,000 sockets, no /proc: the outputs' work stands out, an upper bound)
//     and by this machine's sockets through the Linux sampler under the loopback load.
// Run: npm run bench -- fleet   (FLEET_BENCH_SECONDS: the real window per load, default 45;
// FLEET_BENCH_VIEW=in-process or real: that view alone)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFleetOutputs } from '../../electron/cli/fleet-outputs';
import type { CoreEventListener, CoreService } from '../../electron/core/core-service';
import type { Sampler } from '../../electron/core/sampler/sampler';
import { createService } from '../../electron/core/service';
import type { SocketRow } from '../../shared/model';
import { holdLoopbackConnections } from './hold-loopback-connections';
import { startCpuMeter } from './process-tree-usage';
import { startRecorder } from './record-bench';
import { startChurn } from './start-loopback-churn';

const HELD = 10_000;
const CHURNS = [0, 100, 1000] as const;
const TICKS = 60;
const SCRAPE_EVERY_TICKS = 15;
const WINDOW_SECONDS = Number(process.env.FLEET_BENCH_SECONDS ?? 45);
const WARM_SECONDS = 20;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (share: number): string => `${(share * 100).toFixed(2)}%`;

function socket(i: number): SocketRow {
  const pid = 2000 + (i % 80);
  return {
    proto: i % 10 === 0 ? 'udp' : 'tcp',
    family: i % 3 === 0 ? 6 : 4,
    localAddress: i % 3 === 0 ? '::1' : '127.0.0.1',
    localPort: 20_000 + (i % 40_000),
    remoteAddress: i % 3 === 0 ? '::1' : '127.0.0.2',
    remotePort: 443 + (i % 7),
    state: i % 10 === 0 ? null : i % 17 === 0 ? 'TIME_WAIT' : 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 1000,
    user: 'bench',
    inode: 500_000 + i,
    pid,
    process: `prog${pid}`,
    exe: `/usr/bin/prog${pid}`,
    cmdline: `prog${pid} --serve`,
    processStart: 1,
  };
}

interface InProcess {
  tickMs: number[];
  outputsMs: number[];
  scrapeMs: number[];
  bytes: number;
  /** Live connections at the end. */
  sockets: number;
}

/** 10,000 sockets a tick with `churn` of them new, no /proc read: the outputs' work alone stands out. */
function syntheticSampler(churn: number): Sampler {
  let wall = Date.UTC(2026, 0, 1);
  let first = 0;
  return {
    platform: 'bench',
    sample: async () => {
      wall += 1000;
      const sockets: SocketRow[] = [];
      for (let i = first; i < first + HELD; i++) sockets.push(socket(i));
      first += churn;
      return { takenAt: wall, monotonicMs: wall, sockets, interfaces: [], privileged: true };
    },
    routes: async () => [],
    protocolStats: async () => ({}),
    interfaces: async () => [],
    close: () => undefined,
  };
}

/**
 * The outputs' time on each delta and per scrape against the tick's own, in one thread. With
 * `sampler` the synthetic load; without, this machine's sockets through the Linux sampler (kernel
 * events where they run), ticks 1 s apart.
 */
async function inProcess(sampler: Sampler | undefined): Promise<InProcess> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-bench-fleet-'));
  const service = await createService({
    dbPath: path.join(dir, 'bench.db'),
    sampler,
    kernelEvents: true,
    autoStart: false,
    onNotice: () => undefined,
    hasherOptions: { procRoot: path.join(dir, 'no-proc') },
  });
  // The outputs' time, measured where the service calls them.
  let inOutputs = 0;
  const timed: CoreService = {
    handlers: service.handlers,
    subscribe: (listener: CoreEventListener) =>
      service.subscribe((name, payload) => {
        const t0 = performance.now();
        listener(name, payload);
        inOutputs += performance.now() - t0;
      }),
    close: () => service.close(),
  };
  const eventsFile = path.join(dir, 'events.jsonl');
  const outputs = await startFleetOutputs(
    timed,
    { metrics: { host: '127.0.0.1', port: 0 }, events: eventsFile },
    { log: (m) => console.log(`  ${m}`), onHangup: () => () => undefined },
  );
  const result: InProcess = { tickMs: [], outputsMs: [], scrapeMs: [], bytes: 0, sockets: 0 };
  for (let i = 0; i < TICKS; i++) {
    inOutputs = 0;
    const t0 = performance.now();
    await service.tick();
    const tickEnd = performance.now();
    if (!sampler) await sleep(Math.max(0, 1000 - (tickEnd - t0)));
    result.tickMs.push(tickEnd - t0 - inOutputs);
    result.outputsMs.push(inOutputs);
    await new Promise((r) => setImmediate(r)); // the file stream's write
    if (i % SCRAPE_EVERY_TICKS === SCRAPE_EVERY_TICKS - 1) {
      const s0 = performance.now();
      await (await fetch(outputs.metricsUrl!)).text();
      result.scrapeMs.push(performance.now() - s0);
    }
  }
  result.sockets = (await service.handlers.live.snapshot({})).connections.length;
  await service.close();
  await outputs.close();
  result.bytes = statSync(eventsFile).size;
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/** The median after the first 10 ticks (the seed, the first run's learning, JIT). */
const median = (xs: number[], skip = 10): number => {
  const s = xs.slice(skip).sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};
const sum = (xs: number[], skip = 10): number => xs.slice(skip).reduce((a, b) => a + b, 0);

function printInProcess(label: string, r: InProcess): void {
  const ticks = r.tickMs.length - 10;
  const tick = sum(r.tickMs) / ticks;
  const outputs = sum(r.outputsMs) / ticks;
  const scrape = r.scrapeMs.reduce((a, b) => a + b, 0) / r.scrapeMs.length;
  const share = (outputs + scrape / SCRAPE_EVERY_TICKS) / tick;
  console.log(
    `  ${label}: recording ${tick.toFixed(1)} ms/tick (median ${median(r.tickMs).toFixed(1)}, ` +
      `${r.sockets.toLocaleString('en')} live at the end); metrics + events ${outputs.toFixed(2)} ms/tick on the delta, ` +
      `${scrape.toFixed(1)} ms a scrape = +${pct(share)} of recording (target <= 2%); ` +
      `${(r.bytes / 1024 / TICKS).toFixed(0)} KiB of events a tick`,
  );
}

async function reportInProcess(): Promise<void> {
  console.log(
    `fleet, in-process: the outputs' time in the recording thread, ${TICKS} ticks (first 10 left out), a scrape every ${SCRAPE_EVERY_TICKS}`,
  );
  for (const churn of CHURNS) {
    printInProcess(
      `synthetic, ${HELD.toLocaleString('en')} sockets (no /proc), churn ${churn}/tick`,
      await inProcess(syntheticSampler(churn)),
    );
  }
  if (process.platform !== 'linux') return;
  for (const churn of CHURNS) {
    const ttl = TICKS * 5 + 300; // a loaded machine ticks slower than 1 s: the load must outlive the run
    const connections = await holdLoopbackConnections(HELD, ttl);
    const churner = churn > 0 ? await startChurn(Math.max(20, churn * 2), churn, ttl) : null;
    try {
      printInProcess(
        `this machine, ${HELD.toLocaleString('en')} held loopback connections, churn ${churn}/s`,
        await inProcess(undefined),
      );
    } finally {
      churner?.stdin?.end();
      if (churner && churner.exitCode === null) churner.kill('SIGTERM');
      await connections.close();
    }
  }
}

interface RealFigures {
  /** CPU shares of one core: two plain recorders (how far they differ is the noise floor) and the fleet one. */
  plain: [number, number];
  fleet: number;
  events: string;
}

async function realRun(churn: number): Promise<RealFigures> {
  const ttl = WARM_SECONDS + WINDOW_SECONDS + 300;
  const connections = await holdLoopbackConnections(HELD, ttl);
  const churner = churn > 0 ? await startChurn(Math.max(20, churn * 2), churn, ttl) : null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-bench-fleet-events-'));
  const plains = [startRecorder(), startRecorder()];
  const fleet = startRecorder(undefined, ['--metrics', '127.0.0.1:0', '--events', path.join(dir, 'e.jsonl')]);
  const all = [...plains, fleet];
  try {
    // All started (bpftrace attached, the first tick of 10,000 sockets written), then warm-up.
    const started = (): boolean => all.every((r) => r.stderr().includes('recording into'));
    for (let waited = 0; !started(); waited++) {
      if (waited > 240) throw new Error(`fleet: the recorders did not start: ${fleet.stderr()}`);
      await sleep(500);
    }
    await sleep(WARM_SECONDS * 1000);
    const url = /metrics at (http:\S+)/.exec(fleet.stderr())?.[1];
    if (!url) throw new Error(`fleet: no metrics URL from the recorder: ${fleet.stderr()}`);
    const events = /kernel events (on|off)/.exec(fleet.stderr())?.[0] ?? 'kernel events ?';
    const meters = all.map((r) => startCpuMeter(() => [r.pid]));
    for (let s = 0; s < WINDOW_SECONDS; s += 15) {
      await sleep(Math.min(15, WINDOW_SECONDS - s) * 1000);
      await (await fetch(url)).text(); // Prometheus's scrape
    }
    const [a, b, f] = meters.map((m) => m.share());
    return { plain: [a!, b!], fleet: f!, events };
  } finally {
    for (const r of all) await r.close();
    rmSync(dir, { recursive: true, force: true });
    churner?.stdin?.end();
    if (churner && churner.exitCode === null) churner.kill('SIGTERM');
    await connections.close();
  }
}

async function reportReal(): Promise<void> {
  if (process.platform !== 'linux') {
    console.log('fleet, real: needs Linux (/proc); skipped');
    return;
  }
  console.log(
    `fleet, real: three \`netwatch record\` at once, ${HELD.toLocaleString('en')} held loopback connections, CPU of ` +
      `each process tree over ${WINDOW_SECONDS} s after ${WARM_SECONDS} s; two plain, one with --metrics (scraped every 15 s) and --events FILE`,
  );
  const signed = (x: number): string => `${x >= 0 ? '+' : ''}${pct(x)}`;
  for (const churn of CHURNS) {
    const r = await realRun(churn);
    const plain = (r.plain[0] + r.plain[1]) / 2;
    console.log(
      `  churn ${String(churn).padStart(4)}/s: record ${pct(r.plain[0])} and ${pct(r.plain[1])} of a core ` +
        `(noise floor ${pct(Math.abs(r.plain[0] - r.plain[1]) / plain)}), with the outputs ${pct(r.fleet)}: ` +
        `${signed((r.fleet - plain) / plain)} (target <= +2%; ${r.events})`,
    );
  }
}

export async function runFleetBench(): Promise<void> {
  const view = process.env.FLEET_BENCH_VIEW; // in-process or real: one view alone
  if (view !== 'real') await reportInProcess();
  if (view !== 'in-process') await reportReal();
}
