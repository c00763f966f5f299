// A CoreService made of plain functions, for transport tests that must not depend on sampling:
// it records the inputs it was given and lets the test push events as the real core would.
import type { CoreEventListener, CoreService } from '../../../electron/core/core-service';
import type { ContractHandlers, EventName, EventPayload } from '../../../shared/contract';
import type { AlertRecord, Settings, Status } from '../../../shared/model';

export interface PlainCore extends CoreService {
  calls: { method: string; input: unknown }[];
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  closed: boolean;
}

export const sampleStatus: Status = {
  sampling: true,
  paused: false,
  intervalMs: 1000,
  lastTickAt: null,
  lastTickMs: null,
  platform: 'linux',
  privileged: false,
  unattributedSockets: 0,
  database: {
    path: ':memory:',
    healthy: true,
    message: null,
    sizeBytes: 0,
    limitBytes: 1024 * 1024 * 1024,
    limitPruning: false,
  },
  unreadAlerts: 0,
};

export const sampleSettings: Settings = {
  sampleIntervalMs: 1000,
  retentionDays: 30,
  floodRemoteThreshold: 100,
  synRecvThreshold: 50,
  floodWindowSeconds: 10,
  trafficAlertEnabled: true,
  trafficAlertMb: 100,
  trafficWindowMinutes: 10,
  startAtLogin: false,
  theme: 'system',
  resolveHostNames: true,
  maxDatabaseMb: 1024,
};

export function sampleAlert(id: number, message = `alert ${id}`): AlertRecord {
  return {
    id,
    kind: 'new-program',
    severity: 'medium',
    createdAt: 1_700_000_000_000 + id,
    lastAt: 1_700_000_000_000 + id,
    count: 1,
    acknowledged: false,
    programId: 7,
    exe: '/usr/bin/curl',
    process: 'curl',
    user: 'root',
    cmdline: 'curl https://example.org',
    remoteAddress: '93.184.216.34',
    remotePort: 443,
    remoteHost: null,
    localAddress: '10.0.0.2',
    localPort: 50000,
    service: 'https',
    proto: 'tcp',
    message,
  };
}

/** `overrides` replace single methods, e.g. one that throws or never resolves. */
export function createPlainCore(overrides: (h: ContractHandlers) => void = () => {}): PlainCore {
  const listeners = new Set<CoreEventListener>();
  const calls: { method: string; input: unknown }[] = [];
  let status = { ...sampleStatus };
  const record =
    <I, O>(method: string, fn: (input: I) => O) =>
    async (input: I): Promise<O> => {
      calls.push({ method, input });
      return fn(input);
    };
  const handlers: ContractHandlers = {
    live: { snapshot: record('live.snapshot', () => ({ tick: 0, at: 0, connections: [] })) },
    history: { query: record('history.query', () => ({ rows: [], next: null })) },
    programs: {
      list: record('programs.list', () => []),
      get: record('programs.get', () => null),
    },
    alerts: {
      list: record('alerts.list', () => [sampleAlert(1)]),
      ack: record('alerts.ack', ({ id }) => id === 1),
      ackAll: record('alerts.ackAll', () => 0),
    },
    rules: {
      list: record('rules.list', () => []),
      add: record('rules.add', ({ kind, value, note }) => ({
        id: 1,
        kind,
        value,
        note: note ?? null,
        createdAt: 0,
      })),
      remove: record('rules.remove', () => false),
    },
    network: {
      routes: record('network.routes', () => []),
      protocolStats: record('network.protocolStats', () => ({})),
      interfaces: record('network.interfaces', () => []),
      topRemotes: record('network.topRemotes', () => []),
      topTalkers: record('network.topTalkers', () => []),
    },
    series: { query: record('series.query', () => []) },
    reports: {
      export: record('reports.export', () => ({ status: 'cancelled' as const })),
      summary: record('reports.summary', () => {
        throw new Error('the plain core makes no reports');
      }),
    },
    settings: {
      get: record('settings.get', () => ({ ...sampleSettings })),
      set: record('settings.set', (patch) => ({ ...sampleSettings, ...patch })),
    },
    status: {
      get: record('status.get', () => status),
      pause: record('status.pause', () => (status = { ...status, paused: true })),
      resume: record('status.resume', () => (status = { ...status, paused: false })),
    },
  };
  overrides(handlers);
  const core: PlainCore = {
    handlers,
    calls,
    closed: false,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    async close() {
      core.closed = true;
    },
  };
  return core;
}
