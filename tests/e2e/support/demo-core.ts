// A development stand-in for the core, for working on the renderer before (or without) the real
// sampler: synthetic sockets that open, change and close every tick, a few programs, alerts and
// series. Never shipped, never the oracle of a test; the end-to-end tests use the real core.
import { topTalkers } from '../../../electron/core/monitor/top-talkers';
import type { CoreEventListener, CoreService } from '../../../electron/core/core-service';
import type { ContractHandlers, LiveDelta } from '../../../shared/contract';
import type {
  AlertRecord,
  LiveConnection,
  ProgramRecord,
  RuleRecord,
  SeriesPoint,
  Settings,
  Status,
} from '../../../shared/model';

export interface DemoOptions {
  connections: number;
  /** Sockets opened and closed per tick. */
  churn: number;
  intervalMs: number;
}

const programs: ProgramRecord[] = [
  ['firefox', '/usr/lib/firefox/firefox', 'alice'],
  ['sshd', '/usr/sbin/sshd', 'root'],
  ['node', '/usr/bin/node', 'alice'],
  ['systemd-resolve', '/usr/lib/systemd/systemd-resolved', 'systemd-resolve'],
  ['postgres', '/usr/lib/postgresql/15/bin/postgres', 'postgres'],
  ['<img src=x onerror=alert(1)>', '/tmp/\u202Egnp.exe', 'mallory'],
  ['nginx', '/usr/sbin/nginx', 'www-data'],
  ['curl', '/usr/bin/curl', 'bob'],
].map(([name, exe, user], i) => ({
  id: i + 1,
  exe: exe!,
  sha256: (i + 1).toString(16).repeat(64).slice(0, 64),
  name: name!,
  user: user!,
  cmdline: `${exe} --flag <script>alert(${i})</script>`,
  firstSeen: Date.now() - (i + 1) * 3_600_000,
  lastSeen: Date.now(),
  trusted: i < 3,
  baseline: i < 5 && i !== 5,
  connectionsTotal: 100 * (i + 1),
  connectionsNow: 0,
}));

const states = [
  'ESTABLISHED',
  'ESTABLISHED',
  'ESTABLISHED',
  'TIME_WAIT',
  'CLOSE_WAIT',
  'SYN_SENT',
  'SYN_RECV',
];

export function createDemoCore(options: DemoOptions): CoreService {
  const listeners = new Set<CoreEventListener>();
  const live = new Map<string, LiveConnection>();
  let serial = 0;
  let tick = 0;
  let rules: RuleRecord[] = [];
  let settings: Settings = {
    sampleIntervalMs: options.intervalMs,
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
  const alerts: AlertRecord[] = programs.slice(4).map((p, i) => ({
    id: i + 1,
    kind: i === 1 ? 'new-program' : i === 2 ? 'new-listener' : 'changed-program',
    severity: i === 1 ? 'high' : 'medium',
    createdAt: Date.now() - i * 600_000,
    lastAt: Date.now() - i * 600_000,
    count: 1 + i,
    acknowledged: i === 3,
    programId: p.id,
    exe: p.exe,
    process: p.name,
    user: p.user,
    cmdline: p.cmdline,
    remoteAddress: `203.0.113.${10 + i}`,
    remotePort: 443,
    remoteHost: i === 0 ? 'example.org' : null,
    localAddress: '192.168.1.20',
    localPort: 50_000 + i,
    service: 'https',
    proto: 'tcp',
    message: `${p.name} connected to 203.0.113.${10 + i}:443 (https)`,
  }));
  let paused = false;

  function makeConnection(): LiveConnection {
    const n = serial++;
    const program = programs[n % programs.length]!;
    const listen = n % 17 === 0;
    const v6 = n % 5 === 0;
    const remote = v6 ? `2001:db8::${(n % 4000).toString(16)}` : `198.51.${(n >> 8) % 256}.${n % 256}`;
    return {
      key: `tcp|${n}`,
      proto: n % 9 === 0 ? 'udp' : 'tcp',
      family: v6 ? 6 : 4,
      localAddress: listen ? (v6 ? '::' : '0.0.0.0') : v6 ? '2001:db8::1' : '192.168.1.20',
      localPort: listen ? 1000 + (n % 5000) : 30_000 + (n % 30_000),
      remoteAddress: listen ? (v6 ? '::' : '0.0.0.0') : remote,
      remotePort: listen ? 0 : [443, 80, 22, 5432, 53][n % 5]!,
      state: n % 9 === 0 ? null : listen ? 'LISTEN' : states[n % states.length]!,
      recvQ: n % 13 === 0 ? n % 700 : 0,
      sendQ: n % 11 === 0 ? n % 300 : 0,
      uid: 1000 + (n % 3),
      user: program.user,
      inode: 100_000 + n,
      pid: n % 23 === 0 ? null : 1000 + (n % 400),
      process: n % 23 === 0 ? null : program.name,
      exe: n % 23 === 0 ? null : program.exe,
      cmdline: n % 23 === 0 ? null : program.cmdline,
      processStart: Date.now() - 60_000,
      direction: listen ? 'listen' : n % 4 === 0 ? 'inbound' : 'outbound',
      firstSeen: Date.now(),
      remoteHost: !listen && n % 3 === 0 ? `host-${n % 97}.example.net` : null,
      service: listen ? null : ['https', 'http', 'ssh', 'postgresql', 'domain'][n % 5]!,
      programId: n % 23 === 0 ? null : program.id,
      // TCP has counts (a few of them past 4 GiB); UDP and listeners have none (unknown).
      ...(n % 9 === 0 || listen
        ? { bytesSent: null, bytesReceived: null, sendRate: null, receiveRate: null }
        : {
            bytesSent: (n % 50) * 123_457 + (n % 101 === 0 ? 5 * 2 ** 30 : 0),
            bytesReceived: (n % 37) * 981_233,
            sendRate: n % 6 === 0 ? (n % 40) * 1_024 : 0,
            receiveRate: n % 5 === 0 ? (n % 60) * 8_192 : 0,
          }),
    };
  }

  for (let i = 0; i < options.connections; i++) {
    const c = makeConnection();
    live.set(c.key, c);
  }

  const emit: CoreEventListener = (name, payload) => {
    for (const listener of listeners) listener(name, payload);
  };

  const timer = setInterval(() => {
    if (paused) return;
    tick++;
    const delta: LiveDelta = { tick, at: Date.now(), opened: [], changed: [], closed: [] };
    const keys = live.keys();
    for (let i = 0; i < options.churn; i++) {
      const key = keys.next().value;
      if (key === undefined) break;
      live.delete(key);
      delta.closed.push(key);
      const c = makeConnection();
      live.set(c.key, c);
      delta.opened.push(c);
    }
    let i = 0;
    for (const c of live.values()) {
      if (i++ % 997 !== tick % 997) continue;
      const changed = { ...c, recvQ: (c.recvQ + 7) % 900 };
      live.set(c.key, changed);
      delta.changed.push(changed);
    }
    emit('live.onDelta', delta);
  }, options.intervalMs);
  timer.unref();

  const status = (): Status => ({
    sampling: !paused,
    paused,
    intervalMs: settings.sampleIntervalMs,
    lastTickAt: Date.now(),
    lastTickMs: 12,
    platform: 'linux',
    privileged: false,
    unattributedSockets: Math.ceil(live.size / 23),
    database: {
      path: '/tmp/demo.db',
      healthy: true,
      message: null,
      sizeBytes: 12_345_678,
      limitBytes: 1024 * 1024 * 1024,
      limitPruning: false,
    },
    unreadAlerts: alerts.filter((a) => !a.acknowledged).length,
  });

  const series = (metric: string, from: number, to: number, bucketMs = 60_000): SeriesPoint[] => {
    const out: SeriesPoint[] = [];
    const step = Math.max(bucketMs, Math.ceil((to - from) / 200 / 60_000) * 60_000);
    for (let t = Math.floor(from / step) * step; t <= to; t += step) {
      const w = Math.sin(t / 3_600_000) + 1.5;
      const values: Record<string, number> =
        metric === 'connections-by-state'
          ? { ESTABLISHED: Math.round(40 * w), TIME_WAIT: Math.round(10 * w), LISTEN: 12 }
          : metric === 'interface-bytes'
            ? { 'eth0 rx': 50_000 * w, 'eth0 tx': 12_000 * w, 'lo rx': 3000 }
            : metric === 'syn-recv'
              ? { '': Math.round(20 * w * w) }
              : Object.fromEntries(programs.slice(0, 5).map((p) => [`#${p.id}`, Math.round(p.id * 3 * w)]));
      out.push({ t, values });
    }
    return out;
  };

  const handlers: ContractHandlers = {
    live: { snapshot: async () => ({ tick, at: Date.now(), connections: [...live.values()] }) },
    history: {
      query: async ({ cursor, limit = 200 }) => {
        const start = cursor ? cursor.id - 1 : 5000;
        const rows = [];
        for (let id = start; id > Math.max(0, start - limit); id--) {
          const p = programs[id % programs.length]!;
          rows.push({
            id,
            proto: 'tcp' as const,
            family: 4 as const,
            localAddress: '192.168.1.20',
            localPort: 40_000 + (id % 20_000),
            remoteAddress: `198.51.100.${id % 256}`,
            remotePort: 443,
            remoteHost: id % 2 ? 'example.org' : null,
            direction: 'outbound' as const,
            state: 'ESTABLISHED',
            pid: 1000 + id,
            programId: p.id,
            process: p.name,
            exe: p.exe,
            uid: 1000,
            user: p.user,
            firstSeen: Date.now() - (5000 - id) * 30_000,
            lastSeen: Date.now() - (5000 - id) * 30_000 + 20_000,
            closedAt: Date.now() - (5000 - id) * 30_000 + 21_000,
          });
        }
        const last = rows[rows.length - 1];
        return { rows, next: last && last.id > 1 ? { firstSeen: last.firstSeen, id: last.id } : null };
      },
    },
    programs: {
      list: async () =>
        programs.map((p) => ({
          ...p,
          connectionsNow: [...live.values()].filter((c) => c.programId === p.id).length,
        })),
      get: async ({ id }) => {
        const program = programs.find((p) => p.id === id);
        if (!program) return null;
        return {
          program,
          recent: [],
          remotes: [{ address: '198.51.100.7', host: 'example.org', count: 12 }],
        };
      },
    },
    alerts: {
      list: async ({ all }) => alerts.filter((a) => all || !a.acknowledged),
      ack: async ({ id }) => {
        const alert = alerts.find((a) => a.id === id);
        if (!alert) return false;
        alert.acknowledged = true;
        emit('status.onChanged', status());
        return true;
      },
      ackAll: async () => {
        let n = 0;
        for (const a of alerts) {
          if (a.acknowledged) continue;
          a.acknowledged = true;
          n++;
        }
        emit('status.onChanged', status());
        return n;
      },
    },
    rules: {
      list: async () => rules,
      add: async ({ kind, value, note }) => {
        const rule = { id: rules.length + 1, kind, value, note: note ?? null, createdAt: Date.now() };
        rules = [...rules, rule];
        return rule;
      },
      remove: async ({ id }) => {
        const before = rules.length;
        rules = rules.filter((r) => r.id !== id);
        return rules.length < before;
      },
    },
    network: {
      routes: async () => [
        {
          family: 4,
          destination: '0.0.0.0',
          prefixLength: 0,
          gateway: '192.168.1.1',
          genmask: '0.0.0.0',
          flags: 'UG',
          metric: 100,
          ref: 0,
          use: 0,
          iface: 'eth0',
        },
        {
          family: 4,
          destination: '192.168.1.0',
          prefixLength: 24,
          gateway: '0.0.0.0',
          genmask: '255.255.255.0',
          flags: 'U',
          metric: 100,
          ref: 0,
          use: 0,
          iface: 'eth0',
        },
      ],
      protocolStats: async () => ({
        Tcp: { ActiveOpens: 1234, PassiveOpens: 56, CurrEstab: 40, RetransSegs: 12 },
        Udp: { InDatagrams: 5000, OutDatagrams: 4800, NoPorts: 3 },
      }),
      interfaces: async () => [
        {
          name: 'eth0',
          mtu: 1500,
          flags: 'BMRU',
          rxBytes: 1e9 + tick * 50_000,
          rxPackets: 1e6,
          rxErrors: 0,
          rxDropped: 2,
          rxOverruns: 0,
          rxFrame: 0,
          rxMulticast: 0,
          txBytes: 2e8 + tick * 9000,
          txPackets: 5e5,
          txErrors: 0,
          txDropped: 0,
          txOverruns: 0,
          txCarrier: 0,
          txCollisions: 0,
        },
        {
          name: 'lo',
          mtu: 65536,
          flags: 'LRU',
          rxBytes: 5e6,
          rxPackets: 5e4,
          rxErrors: 0,
          rxDropped: 0,
          rxOverruns: 0,
          rxFrame: 0,
          rxMulticast: 0,
          txBytes: 5e6,
          txPackets: 5e4,
          txErrors: 0,
          txDropped: 0,
          txOverruns: 0,
          txCarrier: 0,
          txCollisions: 0,
        },
      ],
      topTalkers: async ({ limit = 20 }) => topTalkers(live.values(), limit),
      topRemotes: async ({ limit = 10 }) =>
        Array.from({ length: limit }, (_, i) => ({
          address: `198.51.100.${i + 1}`,
          host: i % 2 ? null : `h${i}.example.net`,
          count: 150 - i * 14,
          established: 100 - i * 10,
          synRecv: i === 0 ? 12 : 0,
        })),
    },
    series: { query: async ({ metric, from, to, bucketMs }) => series(metric, from, to, bucketMs) },
    reports: {
      export: async () => ({ status: 'cancelled' }),
      summary: async () => {
        throw new Error('the demo core makes no reports');
      },
    },
    settings: {
      get: async () => settings,
      set: async (patch) => (settings = { ...settings, ...patch }),
    },
    status: {
      get: async () => status(),
      pause: async () => ((paused = true), status()),
      resume: async () => ((paused = false), status()),
    },
  };

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      clearInterval(timer);
    },
  };
}
