// The Linux backend: sockets from /proc/net, owners from /proc/<pid>/fd, user names from
// /etc/passwd, routes, counters and interfaces from /proc/net. Everything comes in through
// procRoot / etcRoot / sysRoot, so tests can point it at a recorded tree.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type {
  EventFeedStatus,
  InterfaceStats,
  ProtocolStats,
  Route,
  Snapshot,
  SocketRow,
} from '../../../../shared/model';
import type { Sampler } from '../sampler';
import { systemClock, type SamplerOptions } from '../seams';
import { EmptySocketTables } from './empty-socket-tables';
import { InodeOwnerMap, type OwnerScanStats } from './inode-owner-map';
import { parseNetDev, SysfsDetails } from './interface-stats';
import { readProcTable, readProcText } from './proc-file-reader';
import { parseProcNet, type ProcNetParseReport, type ProcNetRow } from './proc-net-parser';
import { parseBootTime } from './process-stat';
import { parsePairedCounters, parseSnmp6 } from './protocol-stats';
import { parseIpv4Routes, parseIpv6Routes } from './routes';
import { UserNames } from './user-names';
import { NamespaceTagger } from './net-namespaces';
import { EventFeed, type EventFeedOptions } from './events/event-feed';
import {
  createTcpByteReader,
  type TcpByteReader,
  type TcpByteReaderOptions,
} from './tcp-bytes/tcp-byte-reader';
import { createExecFileRunner } from '../exec-file-runner';
import {
  startAskedNameFeed,
  type AskedNameFeed,
  type AskedNameFeedOptions,
} from '../../resolve/asked-names/asked-name-feed';
import { AskedHostLookup } from '../../resolve/asked-names/asked-host-lookup';
import { EventPatchedTcp, type TcpCounterReading } from './event-patched-tcp';

export interface LinuxSamplerOptions extends SamplerOptions {
  /** Where /sys is, for interface MTU and flags; default /sys with the real /proc, none with another. */
  sysRoot?: string | null;
  /** Owner cache tuning (see inode-owner-map.ts). */
  ownerRefreshMs?: number;
  /** Tuning and seams of the event feed, which runs when `events` is true. */
  eventFeed?: Omit<EventFeedOptions, 'bootTimeSeconds'>;
  /** How TCP byte counters are read (tcp-byte-reader.ts); false: not at all (counts unknown). */
  tcpBytes?: TcpByteReaderOptions | false;
  /**
   * The getaddrinfo probe beside the event feed (the names programs ask for): on whenever the feed
   * runs bpftrace on netwatch's program, unless false.
   */
  askedNames?: false | Omit<AskedNameFeedOptions, 'onNotice'>;
  /**
   * With the event feed on, the TCP tables are read in full at least this often (ms, default
   * 10,000); the samples between take their TCP rows from the last read and the feed's state
   * changes (event-patched-tcp.ts). 0: every sample reads them.
   */
  reconcileMs?: number;
}

export interface LinuxSampler extends Sampler {
  /** What finding owners cost in the last sample (benchmark, tests). */
  readonly lastOwnerScan: OwnerScanStats;
  /** The event feed, when asked for (tests and the bench read its state and child). */
  readonly eventFeed: EventFeed | null;
  /** The getaddrinfo probe, when it was started. */
  readonly askedNames: AskedNameFeed | null;
  /** Where the last sample's TCP rows came from: a full read, or the last one and kernel events. */
  readonly tcpRowsFrom: 'read' | 'events';
}

const SOCKET_FILES = [
  ['tcp', 'tcp', 4],
  ['tcp6', 'tcp', 6],
  ['udp', 'udp', 4],
  ['udp6', 'udp', 6],
  ['raw', 'raw', 4],
  ['raw6', 'raw', 6],
] as const;

const WARNING_LIMIT = 64;
const RECONCILE_MS = 10_000;

/** This process's network namespace (the inode of /proc/self/ns/net), null when it cannot be read. */
function ownNetns(procRoot: string): number | null {
  try {
    return fs.statSync(path.join(procRoot, 'self/ns/net')).ino;
  } catch {
    return null;
  }
}

export function createLinuxSampler(options: LinuxSamplerOptions = {}): LinuxSampler {
  const procRoot = options.procRoot ?? '/proc';
  const etcRoot = options.etcRoot ?? '/etc';
  const sysRoot = options.sysRoot !== undefined ? options.sysRoot : options.procRoot ? null : '/sys';
  const clock = options.clock ?? systemClock;
  const netDir = path.join(procRoot, 'net');
  const warned = new Set<string>();
  const warn = (key: string, message: string): void => {
    if (warned.has(key) || warned.size >= WARNING_LIMIT) return;
    warned.add(key);
    options.onWarning?.(message);
  };

  let feed: EventFeed | null = null;
  let asked: { feed: AskedNameFeed; lookup: AskedHostLookup } | null = null;
  // The table between full reads needs the feed's changes of this namespace alone (the collector
  // reads every namespace: it reads in full every time).
  const reconcileMs = options.reconcileMs ?? RECONCILE_MS;
  const netns = options.events && !options.allNetNamespaces && reconcileMs > 0 ? ownNetns(procRoot) : null;
  if (options.events) {
    const bootTimeSeconds = parseBootTime(readProcText(path.join(procRoot, 'stat')) ?? '') ?? 0;
    feed = new EventFeed({
      procRoot,
      onNotice: (message) => options.onWarning?.(message),
      netns,
      ...options.eventFeed,
      bootTimeSeconds,
    });
    if (feed.runsBpftrace && options.askedNames !== false) {
      const names = startAskedNameFeed({
        ...options.askedNames,
        onNotice: (message) => options.onWarning?.(message),
      });
      asked = { feed: names, lookup: new AskedHostLookup(names.index, bootTimeSeconds) };
    }
  }
  /** The event feed's state with the probe's beside it. */
  const eventsStatus = (status: EventFeedStatus): EventFeedStatus =>
    asked === null ? status : { ...status, askedNames: asked.feed.status };

  let owners: InodeOwnerMap | null = null;
  let users: UserNames | null = null;
  const ownerMap = (): InodeOwnerMap => {
    if (owners !== null) return owners;
    const bootTime = parseBootTime(readProcText(path.join(procRoot, 'stat')) ?? '');
    if (bootTime === null)
      warn('btime', `no btime in ${path.join(procRoot, 'stat')}: process start times count from 1970`);
    owners = new InodeOwnerMap({
      procRoot,
      bootTime: bootTime ?? 0,
      clock,
      refreshMs: options.ownerRefreshMs,
      euid: process.geteuid?.(),
    });
    return owners;
  };

  let bytes: TcpByteReader | null = null;
  const byteReader = (): TcpByteReader => {
    if (bytes !== null) return bytes;
    bytes = createTcpByteReader({
      run: options.run ?? createExecFileRunner(),
      onNotice: (message) => warn(`bytes:${message}`, message),
      // A recorded /proc tree has inodes the running kernel's counters know nothing of.
      ...(options.tcpBytes === false || (options.tcpBytes === undefined && options.procRoot)
        ? { method: 'off' }
        : options.tcpBytes),
    });
    return bytes;
  };

  const emptyTables = new EmptySocketTables(netDir, clock);
  let rows: ProcNetRow[] = [];
  /**
   * Reads one net folder's socket tables; the empty-table skip applies to our own namespace only,
   * whose TCP sockets come from the byte counters' dump where the addon works (nowMs given).
   */
  const readNetDir = (dir: string, withTcp = true, nowMs?: number): number => {
    const own = dir === netDir;
    let found = 0;
    if (own) emptyTables.begin();
    const tcpDumped = own && withTcp && nowMs !== undefined && byteReader().readRows?.(rows, nowMs) === true;
    for (const [file, proto, family] of SOCKET_FILES) {
      if ((!withTcp || tcpDumped) && proto === 'tcp') {
        found++;
        continue;
      }
      if (own && !emptyTables.mustRead(file)) {
        found++;
        continue;
      }
      const full = path.join(dir, file);
      const bytes = readProcTable(full);
      if (bytes === null) continue; // no IPv6, no raw: not an error
      found++;
      const before = rows.length;
      const report = parseProcNet(bytes, proto, family, rows);
      if (own) emptyTables.read(file, rows.length - before);
      reportProblems(full, report);
    }
    return found;
  };
  // The collector: the sockets of every network namespace, tagged (net-namespaces.ts).
  const namespaces = options.allNetNamespaces
    ? new NamespaceTagger(
        procRoot,
        (dir) => void readNetDir(dir),
        () => rows.length,
      )
    : null;
  const readSockets = (nowMs: number): ProcNetRow[] => {
    rows = [];
    if (readNetDir(netDir, true, nowMs) === 0)
      throw new Error(`cannot read sockets: none of ${netDir}/{tcp,udp,...} is readable`);
    namespaces?.appendOthers();
    return rows;
  };

  // Between full reads (kernel events on, see reconcileMs): TCP from the feed, the rest read.
  let tcpRowsFrom: 'read' | 'events' = 'read';
  /** The counter reading of the last full read (patched samples take their counts from `patched`). */
  let tcpReading: TcpCounterReading | null = null;
  const patched = feed !== null && feed.runsBpftrace && netns !== null ? new EventPatchedTcp(feed.tcp) : null;
  /** When the TCP tables were last read with the feed on, and its drops and restarts then. */
  let fullRead: { atMs: number; drops: number; restarts: number } | null = null;
  const readSocketsPatched = (events: EventFeed, tcp: EventPatchedTcp, monotonicMs: number): ProcNetRow[] => {
    const { changes, complete } = events.tcp.take();
    const status = events.status;
    const canPatch =
      fullRead !== null &&
      complete &&
      !tcp.needsRead &&
      status.state === 'on' &&
      status.drops === fullRead.drops &&
      events.restarts === fullRead.restarts &&
      monotonicMs - fullRead.atMs < reconcileMs;
    tcpRowsFrom = 'read';
    if (!canPatch) {
      // Changes taken before the read are in it; one that lands during it comes again next time
      // (every change sets a state, so applying it twice is the same as once).
      const all = readSockets(monotonicMs);
      tcpReading = byteReader().read(monotonicMs);
      tcp.reset(all, tcpReading);
      fullRead =
        status.state === 'on' ? { atMs: monotonicMs, drops: status.drops, restarts: events.restarts } : null;
      return all;
    }
    tcp.apply(changes, Number(process.hrtime.bigint()));
    tcpRowsFrom = 'events';
    rows = tcp.rows();
    readNetDir(netDir, false);
    return rows;
  };

  const reportProblems = (file: string, report: ProcNetParseReport): void => {
    if (report.malformed > 0) {
      warn(
        `${file}:malformed`,
        `skipped malformed lines in ${file}, first: ${JSON.stringify(report.firstMalformed)}`,
      );
    }
    if (report.inodesOutOfRange > 0) {
      warn(`${file}:inode`, `${file}: socket inodes beyond 2^53 kept without an owner`);
    }
  };

  const sysfs = sysRoot === null ? null : new SysfsDetails(sysRoot);
  const interfaces = (): InterfaceStats[] => {
    const text = readProcText(path.join(netDir, 'dev'));
    const stats = text === null ? [] : parseNetDev(text);
    sysfs?.fill(stats, clock.monotonic());
    return stats;
  };

  const sample = (): Snapshot => {
    const takenAt = clock.now();
    const monotonicMs = clock.monotonic();
    const rows =
      patched !== null ? readSocketsPatched(feed!, patched, monotonicMs) : readSockets(monotonicMs);
    const map = ownerMap();
    map.update(rows);
    users ??= new UserNames(etcRoot, clock);
    const reader = byteReader();
    // With the table patched from events, counts are as fresh as the feed's lines: this sample's.
    const table: (TcpCounterReading & { readAtMs: number }) | null =
      patched === null
        ? reader.read(monotonicMs)
        : tcpReading === null
          ? null
          : {
              sentOf: (i) => patched.sentOf(i),
              receivedOf: (i) => patched.receivedOf(i),
              readAtMs: monotonicMs,
            };
    const sockets: SocketRow[] = new Array<SocketRow>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const owner = map.ownerOf(row.inode);
      sockets[i] = {
        proto: row.proto,
        family: row.family,
        localAddress: row.localAddress,
        localPort: row.localPort,
        remoteAddress: row.remoteAddress,
        remotePort: row.remotePort,
        state: row.state,
        recvQ: row.recvQ,
        sendQ: row.sendQ,
        uid: row.uid,
        user: users.nameOf(row.uid),
        inode: row.inode,
        pid: owner?.pid ?? null,
        process: owner?.comm ?? null,
        exe: owner?.exe ?? null,
        cmdline: owner?.cmdline ?? null,
        processStart: owner?.start ?? null,
        // TIME_WAIT (inode 0) has no counters; UDP and raw have none without kernel events.
        bytesSent: table !== null && row.proto === 'tcp' && row.inode !== 0 ? table.sentOf(row.inode) : null,
        bytesReceived:
          table !== null && row.proto === 'tcp' && row.inode !== 0 ? table.receivedOf(row.inode) : null,
      };
      // With the probe on, every row has the field (one shape), null where nothing was asked.
      if (asked !== null)
        sockets[i]!.askedHost = asked.lookup.hostOf(
          owner?.pid ?? null,
          owner?.start ?? null,
          row.remoteAddress,
        );
      // Only the collector's rows carry the tags; all of one sampler's rows keep one shape.
      if (namespaces) {
        sockets[i]!.netns = namespaces.netnsAt(i);
        sockets[i]!.unit = namespaces.unitAt(i, owner?.pid ?? null, owner?.start ?? null);
      }
    }
    const snapshot: Snapshot = {
      takenAt,
      monotonicMs,
      sockets,
      interfaces: interfaces(),
      privileged: map.privileged,
      bytesReadAtMs: table?.readAtMs ?? null,
      byteCounters: reader.method,
    };
    if (feed !== null) {
      const { flows, openers, datagramBytes, status } = feed.drain();
      asked?.lookup.annotate(flows, openers);
      snapshot.flows = flows;
      snapshot.openers = openers;
      snapshot.datagramBytes = datagramBytes;
      snapshot.events = eventsStatus(status);
      if (feed.firstMalformed !== null)
        warn(
          'events:malformed',
          `skipped malformed event lines, first: ${JSON.stringify(feed.firstMalformed)}`,
        );
    }
    return snapshot;
  };

  /** The feed's state once it is on or said why not, and the probe's once it is attached or failed. */
  const eventsReady = async (events: EventFeed): Promise<EventFeedStatus> => {
    // side by side, so the probe adds nothing to the wait for the feed's own start (5 s at most)
    const probe = asked === null ? null : asked.feed.ready.catch(() => undefined);
    const [status] = await Promise.all([
      events.ready(),
      probe === null ? null : Promise.race([probe, delay(5000, undefined, { ref: false })]),
    ]);
    return eventsStatus(status);
  };

  const routes = (): Route[] => [
    ...parseIpv4Routes(readProcText(path.join(netDir, 'route')) ?? ''),
    ...parseIpv6Routes(readProcText(path.join(netDir, 'ipv6_route')) ?? ''),
  ];

  const protocolStats = (): ProtocolStats => {
    const stats: ProtocolStats = {};
    parsePairedCounters(readProcText(path.join(netDir, 'snmp')) ?? '', stats);
    parsePairedCounters(readProcText(path.join(netDir, 'netstat')) ?? '', stats);
    parseSnmp6(readProcText(path.join(netDir, 'snmp6')) ?? '', stats);
    return stats;
  };

  // Each method does its (synchronous) work inside a promise so a failure is a rejection, never a throw.
  const later =
    <T>(work: () => T) =>
    (): Promise<T> =>
      new Promise<T>((resolve) => resolve(work()));

  return {
    platform: 'linux',
    sample: later(sample),
    routes: later(routes),
    protocolStats: later(protocolStats),
    interfaces: later(interfaces),
    close: () => {
      feed?.close();
      asked?.feed.stop();
    },
    eventsReady: feed === null ? undefined : () => eventsReady(feed),
    eventFeed: feed,
    askedNames: asked?.feed ?? null,
    get tcpRowsFrom() {
      return tcpRowsFrom;
    },
    get lastOwnerScan() {
      return (
        owners?.stats ?? {
          ownerChecks: 0,
          fdTablesRead: 0,
          fdTablesSkipped: 0,
          readlinks: 0,
          reusedFdPass: false,
        }
      );
    },
  };
}
