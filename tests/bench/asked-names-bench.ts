// What seeing the names programs ask for costs (needs root and bpftrace): a bounded load of
// getaddrinfo calls (a child in its own mount namespace resolving a name of its private hosts
// file, so no DNS server is asked and nothing system-wide changes) run without the probe, then
// with it attached; the load's own CPU and time, bpftrace's CPU and netwatch's parsing, per
// lookup; bpftrace idle with the probe attached; and one `ss -tan` in the same run for scale.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAskedNameFeed } from '../../electron/core/resolve/asked-names/asked-name-feed';
import { treeCpuSeconds } from './process-tree-usage';

const LOOKUPS = 20_000;
const NAME = 'bench.asked-names.test';
const IDLE_SECONDS = 3;

interface LoadResult {
  wallMs: number;
  cpuSeconds: number;
}

/** The load: LOOKUPS getaddrinfo calls in a row from one python process, in its own namespace. */
function runLoad(dir: string): Promise<LoadResult> {
  const hosts = path.join(dir, 'hosts');
  writeFileSync(hosts, `127.0.0.1 localhost\n127.0.0.77 ${NAME}\n`);
  const script = [
    'import os, socket, sys, time',
    't = time.monotonic()',
    `for _ in range(${LOOKUPS}): socket.getaddrinfo(sys.argv[1], 80, socket.AF_INET, socket.SOCK_STREAM)`,
    'c = os.times()',
    'print((time.monotonic() - t) * 1000, c.user + c.system)',
  ].join('\n');
  const child = spawn(
    'unshare',
    ['-m', 'sh', '-c', 'mount --bind "$0" /etc/hosts && exec python3 -c "$1" "$2"', hosts, script, NAME],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const [wall, cpu] = out.trim().split(' ').map(Number);
      if (code !== 0 || wall === undefined || cpu === undefined) reject(new Error(`load failed: ${out}`));
      else resolve({ wallMs: wall, cpuSeconds: cpu });
    }),
  );
}

/** CPU seconds of this process's reaped children so far (cutime + cstime of /proc/self/stat). */
function reapedChildrenCpu(): number {
  const text = readFileSync('/proc/self/stat', 'latin1');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / 100;
}

/** One `ss -tan`, averaged over 10 runs: the scale the figures are read against. */
function ssOnce(): { wallMs: number; cpuMs: number } {
  const runs = 10;
  const cpu0 = reapedChildrenCpu();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) spawnSync('ss', ['-tan'], { stdio: 'ignore' });
  return { wallMs: (performance.now() - t0) / runs, cpuMs: ((reapedChildrenCpu() - cpu0) / runs) * 1000 };
}

const us = (seconds: number): string => `${((seconds / LOOKUPS) * 1e6).toFixed(1)} µs`;

export async function runAskedNamesBench(): Promise<void> {
  if (process.geteuid?.() !== 0) {
    console.log('asked-names: needs root (bpftrace uprobes); skipped');
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-asked-bench-'));
  try {
    console.log(`asked names: ${LOOKUPS} getaddrinfo calls from a hosts file, without and with the probe`);
    const base = await runLoad(dir);

    const feed = startAskedNameFeed();
    try {
      await feed.ready;
      const bpftrace = feed.childPid!;
      const idle0 = treeCpuSeconds(bpftrace);
      await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
      const idle = treeCpuSeconds(bpftrace) - idle0;

      const bpf0 = treeCpuSeconds(bpftrace);
      const own0 = process.cpuUsage();
      const answers0 = feed.parser.answers;
      const probed = await runLoad(dir);
      // the last lines are on their way: wait until they stop coming (bounded)
      for (let i = 0, last = -1; i < 50 && last !== feed.parser.answers; i++) {
        last = feed.parser.answers;
        await new Promise((r) => setTimeout(r, 200));
      }
      const bpf = treeCpuSeconds(bpftrace) - bpf0;
      const ownCpu = process.cpuUsage(own0);
      const own = (ownCpu.user + ownCpu.system) / 1e6;
      const asked = feed.parser.answers - answers0;

      const extraLoad = probed.cpuSeconds - base.cpuSeconds;
      const total = Math.max(0, extraLoad) + bpf + own;
      const ss = ssOnce();
      console.log('                          without probe   with probe');
      console.log(
        `load wall time            ${base.wallMs.toFixed(0).padStart(8)} ms   ${probed.wallMs.toFixed(0).padStart(8)} ms   (x${(probed.wallMs / base.wallMs).toFixed(2)})`,
      );
      console.log(
        `load CPU                  ${base.cpuSeconds.toFixed(2).padStart(9)} s   ${probed.cpuSeconds.toFixed(2).padStart(9)} s`,
      );
      console.log(
        `per lookup, the program   ${us(base.cpuSeconds).padStart(11)}   ${us(probed.cpuSeconds).padStart(11)}`,
      );
      console.log(
        `bpftrace CPU: idle ${(idle / IDLE_SECONDS).toFixed(4)} s/s with the probe attached, ${bpf.toFixed(2)} s under the load (${us(bpf)} per lookup)`,
      );
      console.log(
        `netwatch parsing + index: ${own.toFixed(2)} s (${us(own)} per lookup); answers seen: ${asked} of ${LOOKUPS} (bpftrace lost ${feed.parser.lost} lines)`,
      );
      console.log(`cost per lookup in all (program's extra CPU + bpftrace + parsing): ${us(total)}`);
      console.log(
        `ss -tan once, same run: ${ss.wallMs.toFixed(1)} ms wall, ${ss.cpuMs.toFixed(1)} ms CPU; one ss costs as much CPU as ${(ss.cpuMs / 1000 / (total / LOOKUPS)) | 0} probed lookups`,
      );
    } finally {
      feed.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
