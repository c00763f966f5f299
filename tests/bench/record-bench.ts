// Figures of what watching costs (not a test): the CPU (user+sys of the process tree, from
// /proc/<pid>/stat) and RSS of a real `netwatch record` next to the seeds' way, an `ss -tanp` loop
// every second, both running at once under the same loopback load:
//  - a desktop: 300 held connections, 5/s churn;  - a busy host: 10,000 held, 100/s churn;
//  - the browser mode idle at desktop scale: `netwatch serve` plus a headless Chromium with the
//    page open, both processes;
//  - a soak: 1,000 connections/s of churn, the recorder's RSS and database size each minute.
// Run: npm run bench -- record             (soak 3 minutes)
//      npm run bench -- record --full-soak (soak 10 minutes, the issue's figure)
//      npm run bench -- record --only=desktop,browser  (some of desktop, busy, browser, soak)
// On a shared machine, run it in a network namespace of its own so that the loads are the only
// sockets it sees (the kernel's socket hash stays shared, so reading it still costs what it costs):
//   unshare -n sh -c 'ip link set lo up && npm run bench -- record'
// The targets are for polling: the recorders and serve run with NETWATCH_EVENTS=off unless
// RECORD_BENCH_EVENTS=on (as root they would otherwise run the kernel event feed's bpftrace).
// Options (environment): RECORD_BENCH_SECONDS (measured window per load, default 45),
// RECORD_BENCH_NODE_FLAGS (extra node flags for the recorder, e.g. --cpu-prof --cpu-prof-dir=DIR),
// RECORD_BENCH_BASELINE (a built checkout of another commit: its recorder runs alongside, same load).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, root } from '../e2e/support/serve-process';
import { openStore } from '../../electron/core/store/open-store';
import { holdLoopbackConnections } from './hold-loopback-connections';
import { openIdlePage } from './idle-page';
import { startCpuMeter, treeRssMb } from './process-tree-usage';
import { startChurn } from './start-loopback-churn';
import { settleTimeWaits } from './time-waits';

const WINDOW_SECONDS = Number(process.env.RECORD_BENCH_SECONDS ?? 45);
const WARM_SECONDS = 15;
const FULL_SOAK = process.argv.includes('--full-soak');
const SOAK_MINUTES = FULL_SOAK ? 10 : 3;
const SOAK_PER_SECOND = 1000;
/** The soak's database size limit (Settings): small enough that the soak reaches it. */
const SOAK_CAP_MB = Number(process.env.RECORD_BENCH_SOAK_CAP_MB ?? 32);
const ONLY = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (part: string): boolean => ONLY === undefined || ONLY.includes(part);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (share: number): string => `${(share * 100).toFixed(2)}%`;

export interface Recorder {
  pid: number;
  dbPath: string;
  /** What it said on stderr (the last 4000 characters). */
  stderr(): string;
  close(): Promise<void>;
}

const BASELINE = process.env.RECORD_BENCH_BASELINE;

/**
 * `netwatch record` of `checkout` (default this one) on a fresh database, with `extraArgs`, under
 * a size limit of `maxDatabaseMb` when given.
 */
export function startRecorder(
  checkout: string = root,
  extraArgs: string[] = [],
  maxDatabaseMb?: number,
): Recorder {
  if (checkout === root) ensureBuilt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-record-bench-'));
  const dbPath = path.join(dir, 'history.db');
  if (maxDatabaseMb !== undefined) {
    const store = openStore({ path: dbPath, onNotice: () => {} });
    store.updateSettings({ maxDatabaseMb });
    store.close();
  }
  const flags = (process.env.RECORD_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...flags, path.join(checkout, 'bin/netwatch.cjs'), 'record', '--db', dbPath, ...extraArgs],
    { cwd: checkout, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NETWATCH_DB: dbPath } },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30 * 60_000);
  killer.unref();
  return {
    pid: child.pid!,
    dbPath,
    stderr: () => stderr,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(forced);
      } else if (stderr) {
        console.log(`  the recorder had stopped: ${stderr}`);
      }
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `ss -tanp` once a second for `rounds` rounds; `read -t 1` on a silent pipe waits without a fork. */
function startSsLoop(rounds: number): ChildProcess {
  return spawn(
    '/bin/bash',
    ['-c', `for i in $(seq ${rounds}); do ss -tanp >/dev/null; read -t 1 || true; done`],
    { stdio: ['pipe', 'ignore', 'inherit'] },
  );
}

function stopChild(child: ChildProcess): void {
  child.stdin?.end();
  if (child.exitCode === null) child.kill('SIGTERM');
}

interface LoadFigures {
  label: string;
  recorder: number;
  ss: number;
  rssMb: number;
  baseline: { cpu: number; rssMb: number } | null;
}

async function measureLoad(label: string, held: number, churnPerSecond: number): Promise<LoadFigures> {
  await settleTimeWaits(held);
  const ttl = WARM_SECONDS + WINDOW_SECONDS + 300;
  const connections = await holdLoopbackConnections(held, ttl);
  const churn = await startChurn(Math.max(20, churnPerSecond * 2), churnPerSecond, ttl);
  const recorder = startRecorder();
  const baseline = BASELINE ? startRecorder(path.resolve(BASELINE)) : null;
  const ss = startSsLoop(WARM_SECONDS + WINDOW_SECONDS + 60);
  try {
    await sleep(WARM_SECONDS * 1000); // startup: first-run learning, binary hashes, JIT
    const recorderCpu = startCpuMeter(() => [recorder.pid]);
    const baselineCpu = baseline ? startCpuMeter(() => [baseline.pid]) : null;
    const ssCpu = startCpuMeter(() => [ss.pid!]);
    let rssMax = 0;
    let baselineRss = 0;
    for (let s = 0; s < WINDOW_SECONDS; s += 5) {
      await sleep(5000);
      rssMax = Math.max(rssMax, treeRssMb(recorder.pid));
      if (baseline) baselineRss = Math.max(baselineRss, treeRssMb(baseline.pid));
    }
    return {
      label,
      recorder: recorderCpu.share(),
      ss: ssCpu.share(),
      rssMb: rssMax,
      baseline: baselineCpu ? { cpu: baselineCpu.share(), rssMb: baselineRss } : null,
    };
  } finally {
    stopChild(ss);
    await baseline?.close();
    await recorder.close();
    stopChild(churn);
    await connections.close();
  }
}

async function measureBrowserIdle(): Promise<void> {
  await settleTimeWaits(300);
  const ttl = WARM_SECONDS + WINDOW_SECONDS + 300;
  const { serve, chromiumRoots, close } = await openIdlePage(300, 5, ttl);
  try {
    await sleep(WARM_SECONDS * 1000);
    const chromium = chromiumRoots();
    if (chromium.length === 0) throw new Error('record: no chromium process found below the bench');
    const serveCpu = startCpuMeter(() => [serve.pid]);
    const chromiumCpu = startCpuMeter(() => chromium);
    let serveRss = 0;
    for (let s = 0; s < WINDOW_SECONDS; s += 5) {
      await sleep(5000);
      serveRss = Math.max(serveRss, treeRssMb(serve.pid));
    }
    const both = serveCpu.share() + chromiumCpu.share();
    console.log(
      `  browser mode idle, page open, desktop load: serve ${pct(serveCpu.share())} + chromium ${pct(chromiumCpu.share())} = ${pct(both)} of a core   (target <= 1%)`,
    );
    console.log(`  serve RSS (max over the window): ${serveRss.toFixed(0)} MB   (target <= 120 MB)`);
  } finally {
    await close();
  }
}

async function soak(): Promise<void> {
  const ttl = SOAK_MINUTES * 60 + 300;
  const churn = await startChurn(SOAK_PER_SECOND, SOAK_PER_SECOND, ttl);
  const recorder = startRecorder(root, [], SOAK_CAP_MB);
  const samples: { minute: number; rss: number; dbMb: number }[] = [];
  const dbMb = (): number => {
    let bytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        bytes += statSync(recorder.dbPath + suffix).size;
      } catch {
        // not there yet
      }
    }
    return bytes / 1024 / 1024;
  };
  try {
    const cpu = startCpuMeter(() => [recorder.pid]);
    for (let minute = 1; minute <= SOAK_MINUTES; minute++) {
      await sleep(60_000);
      samples.push({ minute, rss: treeRssMb(recorder.pid), dbMb: dbMb() });
    }
    console.log(
      `  soak, ${SOAK_PER_SECOND}/s churn for ${SOAK_MINUTES} min${FULL_SOAK ? '' : ' (--full-soak: 10 min)'}: recorder CPU ${pct(cpu.share())}`,
    );
    console.log(
      `    RSS each minute: ${samples.map((s) => `${s.minute}m ${s.rss.toFixed(0)} MB`).join(', ')}`,
    );
    console.log(
      `    database + WAL: ${samples.map((s) => `${s.minute}m ${s.dbMb.toFixed(1)} MB`).join(', ')}   (size limit ${SOAK_CAP_MB} MB)`,
    );
    const after = samples.slice(1).map((s) => s.rss);
    if (after.length > 1) {
      const growth = (Math.max(...after) - Math.min(...after)) / Math.min(...after);
      console.log(
        `    RSS spread after the first minute: ${(growth * 100).toFixed(1)}%   (target within 10%)`,
      );
    }
  } finally {
    await recorder.close();
    stopChild(churn);
  }
}

export async function runRecordBench(): Promise<void> {
  if (process.platform !== 'linux') {
    console.log('record: needs Linux (/proc, ss); skipped');
    return;
  }
  const events = process.env.RECORD_BENCH_EVENTS === 'on';
  if (!events) process.env.NETWATCH_EVENTS = 'off'; // inherited by every recorder and serve below
  console.log(
    `record: CPU as a share of one core over ${WINDOW_SECONDS} s after ${WARM_SECONDS} s warm-up; recorder and ss loop at once; ${events ? 'kernel events on where they can run' : 'polling (NETWATCH_EVENTS=off)'}`,
  );
  console.log('  load                          netwatch record   ss -tanp loop   ratio   recorder RSS');
  const targets: Record<string, string> = { desktop: '0.5x, 80 MB', busy: '0.6x' };
  for (const [label, held, churn] of [
    ['desktop', 300, 5],
    ['busy', 10_000, 100],
  ] as const) {
    if (!runs(label)) continue;
    const r = await measureLoad(label, held, churn);
    console.log(
      `  ${`${held.toLocaleString('en')} held, ${churn}/s churn`.padEnd(28)}  ${pct(r.recorder).padStart(15)}   ${pct(r.ss).padStart(13)}   ${(r.recorder / r.ss).toFixed(2)}x   ${r.rssMb.toFixed(0)} MB   (target ${targets[label]})`,
    );
    if (r.baseline) {
      console.log(
        `    baseline ${BASELINE} alongside: ${pct(r.baseline.cpu)}, ${(r.baseline.cpu / r.ss).toFixed(2)}x the ss loop, ${r.baseline.rssMb.toFixed(0)} MB`,
      );
    }
  }
  if (runs('browser')) await measureBrowserIdle();
  if (runs('soak')) await soak();
}

if (require.main === module) void runRecordBench();
