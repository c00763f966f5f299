// Figures of the fleet outputs (not a test): what the metrics and the event stream add to a tick at
// 10,000 live sockets, as a share of the recording's own work, through the real service and a
// database file. Per tick: the listeners' time on the delta (metrics tally, ECS lines into a file),
// the status read the metrics make, and one scrape (Prometheus scraping once a tick). With 0, 100
// and 1,000 connections of churn per tick. Run: npm run bench -- fleet.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoreEventListener, CoreService } from '../../electron/core/core-service';
import { attachEventStream } from '../../electron/core/event-stream/attach-event-stream';
import { openLineSink } from '../../electron/core/event-stream/line-sink';
import { attachMetrics } from '../../electron/core/metrics/attach-metrics';
import type { Sampler } from '../../electron/core/sampler/sampler';
import { createService } from '../../electron/core/service';
import type { SocketRow } from '../../shared/model';

const HELD = 10_000;
const TICKS = 40;

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

interface Run {
  tickMs: number[];
  listenerMs: number[];
  scrapeMs: number[];
  cpuMs: number;
  lines: number;
  bytes: number;
}

async function run(churn: number, withFleet: boolean): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-bench-fleet-'));
  let wall = Date.UTC(2026, 0, 1);
  let first = 0;
  const sampler: Sampler = {
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
  const service = await createService({
    dbPath: path.join(dir, 'bench.db'),
    sampler,
    autoStart: false,
    onNotice: () => undefined,
    hasherOptions: { procRoot: path.join(dir, 'no-proc') },
  });
  // The listeners' time, measured where the service calls them (and the status reads they make).
  let inListeners = 0;
  const timed: CoreService = {
    handlers: {
      ...service.handlers,
      status: {
        ...service.handlers.status,
        get: async (input) => {
          const t0 = performance.now();
          const status = await service.handlers.status.get(input);
          inListeners += performance.now() - t0;
          return status;
        },
      },
    },
    subscribe: (listener: CoreEventListener) =>
      service.subscribe((name, payload) => {
        const t0 = performance.now();
        listener(name, payload);
        inListeners += performance.now() - t0;
      }),
    close: () => service.close(),
  };
  const eventsFile = path.join(dir, 'events.jsonl');
  const sink = withFleet ? openLineSink(eventsFile, { maxBufferedBytes: 64 << 20 }) : null;
  const metrics = withFleet ? attachMetrics(timed, { onError: () => undefined }) : null;
  if (sink) attachEventStream(timed, sink, { hostname: 'bench' });
  const result: Run = { tickMs: [], listenerMs: [], scrapeMs: [], cpuMs: 0, lines: 0, bytes: 0 };
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < TICKS; i++) {
    inListeners = 0;
    const t0 = performance.now();
    await service.tick();
    const tickMs = performance.now() - t0 - inListeners;
    await new Promise((r) => setImmediate(r)); // the status read the metrics started
    result.tickMs.push(tickMs);
    result.listenerMs.push(inListeners);
    if (metrics) {
      const s0 = performance.now();
      await metrics.metrics.text();
      result.scrapeMs.push(performance.now() - s0);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  result.cpuMs = (cpu.user + cpu.system) / 1000;
  await service.close();
  if (sink) {
    await sink.close();
    result.lines = sink.stats().written;
    result.bytes = statSync(eventsFile).size;
  }
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const median = (xs: number[]): number => {
  const s = xs.slice(5).sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

export async function runFleetBench(): Promise<void> {
  for (const churn of [0, 100, 1000]) {
    const plain = await run(churn, false);
    const fleet = await run(churn, true);
    const tick = median(fleet.tickMs);
    const listeners = median(fleet.listenerMs);
    const scrape = median(fleet.scrapeMs);
    const share = ((listeners + scrape) / tick) * 100;
    console.log(
      `fleet, ${HELD} sockets, churn ${churn}/tick: recording ${tick.toFixed(1)} ms/tick (without the fleet outputs ` +
        `${median(plain.tickMs).toFixed(1)} ms); metrics + events ${listeners.toFixed(2)} ms on the delta + ` +
        `${scrape.toFixed(2)} ms per scrape = ${share.toFixed(2)}% of recording; process CPU over ${TICKS} ticks ` +
        `${plain.cpuMs.toFixed(0)} ms without, ${fleet.cpuMs.toFixed(0)} ms with (+${(((fleet.cpuMs - plain.cpuMs) / plain.cpuMs) * 100).toFixed(1)}%, noisy); ` +
        `${fleet.lines} event lines, ${(fleet.bytes / 1024).toFixed(0)} KiB`,
    );
  }
}
