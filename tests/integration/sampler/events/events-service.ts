// A recording service with the kernel event feed on (real bpftrace), ticked by hand, and what the
// kernel-event tests run through it: copied binaries with unique names, a loopback server that
// tells which client ports it saw (the oracle), history and alert look-ups.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AlertRecord, ConnectionRecord } from '../../../../shared/model';
import { createLinuxSampler, type LinuxSampler } from '../../../../electron/core/sampler/linux/linux-sampler';
import { createService, type Service } from '../../../../electron/core/service';

export interface EventsRig {
  service: Service;
  sampler: LinuxSampler;
  dir: string;
  notices: string[];
  /** A copy of `source` under a name never seen before. */
  copy(source: string, name: string): string;
  /** Ticks after the kernel's events had time to arrive, and once more after hashing. */
  settle(): Promise<void>;
  history(): Promise<ConnectionRecord[]>;
  alerts(): Promise<AlertRecord[]>;
  close(): Promise<void>;
}

/** The rig, as root, with the feed on (else the kernel event tests would test polling). */
export async function startEventsRigOn(): Promise<EventsRig> {
  assert.equal(process.getuid?.(), 0, 'the kernel event tests run as root');
  const rig = await startEventsRig();
  assert.equal(rig.service.context.status().events?.state, 'on', JSON.stringify(rig.notices));
  return rig;
}

export async function startEventsRig(): Promise<EventsRig> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-events-'));
  const notices: string[] = [];
  const sampler = createLinuxSampler({ events: true, onWarning: (m) => notices.push(m) });
  await sampler.eventFeed?.ready(60_000); // bpftrace attaches in seconds, more on a busy machine
  const service = await createService({
    dbPath: path.join(dir, 'netwatch.db'),
    autoStart: false,
    sampler,
    onNotice: (m) => notices.push(m),
  });
  await service.tick(); // the first run's baseline: what runs now is known, not alerted
  return {
    service,
    sampler,
    dir,
    notices,
    copy(source, name) {
      const target = path.join(dir, name);
      copyFileSync(source, target);
      return target;
    },
    async settle() {
      await new Promise((r) => setTimeout(r, 400));
      await service.tick();
      await service.context.monitor.hasher.idle();
      await service.tick();
    },
    async history() {
      const page = await service.handlers.history.query({ filter: {}, limit: 1000 });
      return page.rows;
    },
    alerts: () => service.handlers.alerts.list({ all: true }),
    async close() {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A loopback TCP server that records each client's port and closes after holdMs. */
export async function portRecorder(holdMs = 5): Promise<{ port: number; clients: number[]; close(): void }> {
  const clients: number[] = [];
  const server = net.createServer((socket) => {
    clients.push(socket.remotePort!);
    socket.on('error', () => undefined);
    setTimeout(() => socket.destroy(), holdMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, clients, close: () => server.close() };
}

/** Runs a program to its end; resolves with its pid. */
export function run(file: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(child.pid!) : reject(new Error(`${file} ${args.join(' ')} exited with ${code}`)),
    );
  });
}
