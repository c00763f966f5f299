// Figures of the alert engine (not a test): the alert stage's cost per tick at 10,000 live sockets
// (half inbound from 2,500 addresses, half outbound from 50 programs), with 0 and 1,000 connections
// of churn per tick, through the real service and a database file. Run: npm run bench -- alerts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createService } from '../../electron/core/service';
import type { Sampler } from '../../electron/core/sampler/sampler';
import { createTickStages } from '../../electron/core/tick-stages';
import type { SocketRow } from '../../shared/model';

const HELD = 10_000;
const TICKS = 60;

function row(i: number): SocketRow {
  const inbound = i % 2 === 0;
  const pid = 1000 + (i % 50);
  return {
    proto: 'tcp',
    family: 4,
    localAddress: '10.0.0.2',
    localPort: inbound ? 443 : 1024 + (i % 64_000),
    remoteAddress: `172.16.${(i >> 8) & 9}.${i % 250}`,
    remotePort: inbound ? 1024 + (i % 64_000) : 443,
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 1000,
    user: 'bench',
    inode: 100_000 + i,
    pid,
    process: `prog${pid}`,
    exe: `/usr/bin/prog${pid}`,
    cmdline: `prog${pid}`,
    processStart: 1,
  };
}

async function run(churn: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-bench-alerts-'));
  let wall = Date.now();
  let first = 0;
  const listen: SocketRow = {
    ...row(0),
    localPort: 443,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    state: 'LISTEN',
    inode: 1,
  };
  const sampler: Sampler = {
    platform: 'bench',
    sample: async () => {
      wall += 1000;
      const sockets = [listen];
      for (let i = first; i < first + HELD; i++) sockets.push(row(i));
      first += churn;
      return { takenAt: wall, monotonicMs: wall, sockets, interfaces: [], privileged: true };
    },
    routes: async () => [],
    protocolStats: async () => ({}),
    interfaces: async () => [],
    close: () => undefined,
  };
  const samples: number[] = [];
  const service = await createService({
    dbPath: path.join(dir, 'bench.db'),
    sampler,
    autoStart: false,
    onNotice: () => undefined,
    hasherOptions: { procRoot: path.join(dir, 'no-proc') },
    stages: (ctx) =>
      createTickStages(ctx).map((stage) => ({
        name: stage.name,
        async evaluate(changes, c, written) {
          const t0 = performance.now();
          await stage.evaluate(changes, c, written);
          samples.push(performance.now() - t0);
        },
      })),
  });
  for (let i = 0; i < TICKS; i++) await service.tick();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
  const steady = samples.slice(5).sort((a, b) => a - b);
  const p = (q: number) => steady[Math.min(steady.length - 1, Math.floor(q * steady.length))]!.toFixed(2);
  console.log(
    `alert stage, ${HELD} sockets, churn ${churn}/tick: first tick ${samples[0]!.toFixed(1)} ms, ` +
      `then p50 ${p(0.5)} ms, p90 ${p(0.9)} ms per tick`,
  );
}

export async function runAlertsBench(): Promise<void> {
  await run(0);
  await run(1000);
}
