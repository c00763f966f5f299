// Profiles a real `netwatch record` under loopback load (not a test): writes a .cpuprofile
// (node --cpu-prof) and prints the functions and files with the most self time.
// Run: node --import tsx tests/bench/profile-recorder.ts <held> <churnPerSecond> <seconds> [dir]
//      node --import tsx tests/bench/profile-recorder.ts summary FILE.cpuprofile...
// PROFILE_SKIP_SECONDS (default 15) leaves the start (first-run learning, hashing, JIT) out of
// the summary; NETWATCH_EVENTS=off profiles polling alone.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, root } from '../e2e/support/serve-process';
import { holdLoopbackConnections } from './hold-loopback-connections';
import { startChurn } from './start-loopback-churn';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(file: string, top = 30): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const skipUs = Number(process.env.PROFILE_SKIP_SECONDS ?? 15) * 1e6;
  let elapsedUs = 0;
  profile.samples.forEach((id, i) => {
    elapsedUs += profile.timeDeltas[i] ?? 0;
    if (elapsedUs >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const fileName = frame.url.replace(/^.*\/(dist|electron|node_modules)\//, '$1/') || '(native)';
    if (frame.functionName === '(idle)') continue;
    const name = `${frame.functionName || '(anonymous)'} ${fileName}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byFile.set(fileName, (byFile.get(fileName) ?? 0) + us);
  }
  const busy = [...byFunction.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${path.basename(file)}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(2)} s busy`,
  );
  for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${((us / total) * 100).toFixed(2).padStart(6)}%  ${name}`);
  // Native calls by the chain of JS callers above them: which read() is which file.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byCaller = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.url !== '' || frame.functionName.startsWith('(')) continue;
    const chain: string[] = [];
    for (let p = parent.get(id); p !== undefined && chain.length < 4; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      if (f.url.startsWith('node:')) continue;
      chain.push(f.functionName || '(anonymous)');
    }
    const name = `${frame.functionName} <- ${chain.join(' <- ')}`;
    byCaller.set(name, (byCaller.get(name) ?? 0) + us);
  }
  console.log('native calls by caller:');
  for (const [name, us] of [...byCaller].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${((us / total) * 100).toFixed(2).padStart(6)}%  ${name}`);
}

async function main(): Promise<void> {
  if (process.argv[2] === 'summary') {
    for (const f of process.argv.slice(3)) summarise(f);
    return;
  }
  const [held = 300, churn = 5, seconds = 40] = process.argv.slice(2, 5).map(Number);
  const dir = process.argv[5] ?? mkdtempSync(path.join(os.tmpdir(), 'netwatch-profile-'));
  mkdirSync(dir, { recursive: true });
  ensureBuilt();
  const ttl = seconds + 120;
  const connections = await holdLoopbackConnections(held, ttl);
  const load = await startChurn(Math.max(20, churn * 2), churn, ttl);
  const db = mkdtempSync(path.join(os.tmpdir(), 'netwatch-profile-db-'));
  const child = spawn(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      path.join(root, 'bin/netwatch.cjs'),
      'record',
      '--db',
      path.join(db, 'h.db'),
    ],
    { stdio: 'inherit' },
  );
  await new Promise((r) => setTimeout(r, seconds * 1000));
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  load.stdin?.end();
  await connections.close();
  rmSync(db, { recursive: true, force: true });
  if (process.argv[2] === 'summary') {
    for (const f of process.argv.slice(3)) summarise(f);
    return;
  }
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) summarise(path.join(dir, f));
}

void main();
