// The alert engine through the real service on scripted snapshots, a throwaway /proc tree (so
// binaries are really hashed) and a real SQLite file: what the alert tests share.
import type { TestContext } from 'node:test';
import path from 'node:path';
import { createService, type Service } from '../../../../electron/core/service';
import type { AlertRecord, SocketRow } from '../../../../shared/model';
import { ScriptedSampler } from '../../../integration/store/scripted-sampler';
import { ProcTree } from '../monitor/proc-tree';
import { socket } from '../monitor/snapshot-builder';

export interface Harness {
  service: Service;
  sampler: ScriptedSampler;
  raised: AlertRecord[];
  notes: string[];
  unread: () => number;
  /** One tick, the hashes it asked for, and the tick that resolves them. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function start(
  t: TestContext,
  db: string,
  tree: ProcTree,
  sampler = new ScriptedSampler(),
): Promise<Harness> {
  const notes: string[] = [];
  const service = await createService({
    dbPath: db,
    sampler,
    autoStart: false,
    hasherOptions: { procRoot: tree.root },
    enricher: { hostOf: () => null, serviceOf: (_p, port) => (port === 443 ? 'https' : null) },
    onNotice: () => undefined,
    notify: (m) => notes.push(m),
  });
  let closed = false;
  const close = async () => {
    if (!closed) await service.close();
    closed = true;
  };
  t.after(close);
  const raised: AlertRecord[] = [];
  service.subscribe((name, payload) => {
    if (name === 'alerts.onRaised') raised.push(payload as AlertRecord);
  });
  return {
    service,
    sampler,
    raised,
    notes,
    unread: () => service.context.status().unreadAlerts,
    async settle() {
      sampler.step();
      await service.tick();
      await service.context.monitor.hasher.idle();
      sampler.step();
      await service.tick();
    },
    close,
  };
}

export const owned = (pid: number, exe: string, over: Partial<SocketRow>): SocketRow =>
  socket({
    pid,
    exe,
    processStart: pid * 100,
    process: path.basename(exe),
    cmdline: `${path.basename(exe)} --serve`,
    user: 'alice',
    inode: 10_000 + pid * 100 + ((over.localPort ?? 0) % 100),
    ...over,
  });
export const outbound = (
  pid: number,
  exe: string,
  localPort: number,
  remoteAddress = '203.0.113.5',
): SocketRow => owned(pid, exe, { localPort, remoteAddress, remotePort: 443 });
