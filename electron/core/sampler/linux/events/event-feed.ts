// The kernel event feed of the Linux sampler: runs netwatch-events.bt under bpftrace, turns its
// lines into flows (connections that came and went between samples, datagram destinations) and
// connect-time owners, and hands them over at each sample. Bounded everywhere: a storm of events
// costs drops, counted and shown, never memory.
import fs from 'node:fs';
import path from 'node:path';
import type {
  DatagramBytes,
  EventFeedStatus,
  Flow,
  FlowEndpoints,
  FlowOwner,
  Proto,
  SocketOpener,
} from '../../../../../shared/model';
import { BpftraceSupervisor } from './bpftrace-supervisor';
import { DatagramSockets } from './datagram-sockets';
import { parseEventLine, type KernelEvent, type TcpEndpoints } from './event-line-parser';
import { findBpftrace, preflightReason } from './events-preflight';
import { FeedState } from './feed-state';
import { stripNonce, writeNonceProgram, type NonceProgram } from './nonce-program';
import { ProcessImages } from './process-images';
import { TcpChangeLog } from './tcp-change-log';
import { endStateOf } from './tcp-state-names';

export interface EventFeedOptions {
  procRoot?: string;
  bootTimeSeconds: number;
  /** Told once per distinct state change ("kernel events off: ..."). */
  onNotice?: (message: string) => void;
  /** Tests: another real program in bpftrace's place (no preflight then). */
  command?: { file: string; args: string[] };
  /** Flows kept between two samples; beyond it they are dropped and counted. */
  queueCap?: number;
  backoffMs?: number;
  /**
   * The network namespace (its inode) whose TCP state changes the feed logs for the sampler's
   * table between full reads; absent: none are logged.
   */
  netns?: number | null;
}

export interface FeedDrain {
  flows: Flow[];
  openers: SocketOpener[];
  /** Every UDP/raw socket's totals the feed holds (a row without a new line keeps its count). */
  datagramBytes: DatagramBytes[];
  status: EventFeedStatus;
}

interface TcpSocket {
  family: 4 | 6;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  direction: 'inbound' | 'outbound';
  openedNs: number;
  /** The kernel's number of the last state a line named (a missed close ends it from there). */
  state: number;
  /** Its network namespace, once a line named it. */
  netns?: number;
  owner: FlowOwner | null;
  /** Its opener as drain() hands it out, made once (until its endpoints change). */
  opener?: SocketOpener;
}

/** The program file, beside this module in the source tree and beside the bundle in dist. */
export const PROGRAM_FILE = path.join(__dirname, 'netwatch-events.bt');

const MAX_SOCKETS = 65_536;
/**
 * Drains that hand out the opener of a socket gone to TIME_WAIT: the first sample to see the
 * remnant (this one, or the next when the close came in between) gives it its owner, and the
 * monitor keeps that owner while the remnant lasts (snapshot-diff). Handed out for the remnant's
 * whole 60 s, they made every tick match about 6,000 remnants at 100/s churn.
 */
const REMNANT_DRAINS = 3;
/** Closes kept for the drains to come: past it (no sample drains the feed), the oldest go. */
const MAX_RECENT = 65_536;
const TCP = 'tcp';

function protoOf(protocol: number): Proto {
  return protocol === 17 || protocol === 136 ? 'udp' : 'raw';
}

function anyAddress(family: 4 | 6): string {
  return family === 4 ? '0.0.0.0' : '::';
}

export class EventFeed {
  private readonly state: FeedState;
  private readonly images: ProcessImages;
  private readonly supervisor: BpftraceSupervisor | null = null;
  private readonly sockets = new Map<string, TcpSocket>();
  /** UDP senders, and UDP/raw byte totals by inode (the kernel reuses a freed sk, never soon an inode). */
  private readonly datagrams = new DatagramSockets();
  private recentOpeners: { opener: SocketOpener; drainsLeft: number }[] = [];
  private flows: Flow[] = [];
  /** TCP state changes and byte totals of the sampler's namespace (tcp-change-log.ts). */
  readonly tcp: TcpChangeLog;
  private readonly queueCap: number;
  /** wall ms = ns / 1e6 + offset: bpftrace's nsecs and process.hrtime are both CLOCK_MONOTONIC. */
  private readonly offsetMs = Date.now() - Number(process.hrtime.bigint()) / 1e6;
  private readonly readyWaiters: (() => void)[] = [];
  private settled = false;
  malformed = 0;
  /** Sockets ended by their sk's reuse, their close line never having come (endUnclosed). */
  unclosed = 0;
  firstMalformed: string | null = null;
  /** bpftrace runs netwatch's own program (not a test's stand-in): probes beside it may start. */
  readonly runsBpftrace: boolean = false;
  /** The private copy of the program that bpftrace runs, and the nonce its lines carry. */
  private readonly program: NonceProgram | null = null;

  constructor(options: EventFeedOptions) {
    const tell = options.onNotice ?? (() => undefined);
    this.state = new FeedState(tell);
    this.images = new ProcessImages(options.procRoot ?? '/proc', options.bootTimeSeconds);
    this.queueCap = options.queueCap ?? 20_000;
    this.tcp = new TcpChangeLog(options.netns ?? null);
    let command = options.command;
    if (!command) {
      const reason = fs.existsSync(PROGRAM_FILE)
        ? preflightReason(options.procRoot ?? '/proc')
        : `the event program ${PROGRAM_FILE} is missing from this build`;
      if (reason !== null) {
        this.state.off(reason);
        this.settle();
        return;
      }
      try {
        this.program = writeNonceProgram(PROGRAM_FILE);
      } catch (err) {
        this.state.off(`could not write the event program's private copy: ${(err as Error).message}`);
        this.settle();
        return;
      }
      command = { file: findBpftrace() ?? 'bpftrace', args: [this.program.file] };
      this.runsBpftrace = true;
    }
    this.supervisor = new BpftraceSupervisor({
      command: command.file,
      args: command.args,
      // Paths up to 200 bytes (bpftrace's limit in 0.17); longer ones are read from /proc instead.
      // Room in the maps for the byte totals of 16,384 sockets at once (bpftrace's default: 4,096).
      env: { ...process.env, BPFTRACE_STRLEN: '200', BPFTRACE_MAP_KEYS_MAX: '16384' },
      backoffMs: options.backoffMs,
      onLine: (line) => this.onLine(line),
      onState: (state, reason) => {
        if (state === 'on') this.state.on();
        else this.state.off(reason ?? 'stopped');
        this.settle();
      },
    });
    this.supervisor.start();
  }

  /**
   * Resolves once the feed is on or has said why it is off, or after timeoutMs (bpftrace takes a
   * few seconds to attach, more on a busy machine); then its coming on is told when it comes.
   */
  ready(timeoutMs = 5000): Promise<EventFeedStatus> {
    if (this.settled) return Promise.resolve(this.state.status);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.state.toldStarting();
        resolve(this.state.status);
      }, timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve(this.state.status);
      });
    });
  }

  get status(): EventFeedStatus {
    return this.state.status;
  }

  /** bpftrace's pid while it runs. */
  get childPid(): number | null {
    return this.supervisor?.pid ?? null;
  }

  get restarts(): number {
    return this.supervisor?.restarts ?? 0;
  }

  /** What the feed saw since the last drain, and the owners of the sockets it knows. */
  drain(): FeedDrain {
    const flows = this.flows;
    this.flows = [];
    const nowNs = Number(process.hrtime.bigint());
    const openers: SocketOpener[] = [];
    for (const s of this.sockets.values()) {
      if (s.owner !== null && s.localPort !== 0) openers.push((s.opener ??= this.opener(s, s.owner)));
    }
    for (const r of this.recentOpeners) openers.push(r.opener);
    this.recentOpeners = this.recentOpeners.filter((r) => --r.drainsLeft > 0);
    const datagramBytes = this.datagrams.drain(nowNs, openers);
    this.images.sweep();
    return { flows, openers, datagramBytes, status: this.state.status };
  }

  close(): void {
    this.supervisor?.close();
    this.program?.remove();
  }

  private settle(): void {
    this.settled = true;
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  private wallMs(ns: number): number {
    return Math.round(ns / 1e6 + this.offsetMs);
  }

  private onLine(printed: string): void {
    const ours = this.program ? stripNonce(printed, this.program.nonce) : printed;
    // Without the nonce: bpftrace's own lines (Attaching, Lost N events), or the rest of a name
    // that held a newline, which is never read as an event.
    const line = ours ?? printed;
    const event = ours !== null || printed.startsWith('Lost ') ? parseEventLine(line) : null;
    if (event === null) {
      if (line.trim() === '' || line.startsWith('Attaching ')) return;
      this.malformed++;
      this.firstMalformed ??= line.slice(0, 200);
      return;
    }
    this.apply(event);
  }

  private apply(e: KernelEvent): void {
    if (e.kind === 'connect' || e.kind === 'accept') this.endUnclosed(e.sk, e.ns);
    this.tcp.add(e);
    switch (e.kind) {
      case 'hello':
        this.state.on();
        this.settle();
        return;
      case 'lost':
        this.state.drops += e.count;
        return;
      case 'bytes': {
        if (e.protocol === 6) return; // TCP rows take theirs from the sampler's table (this.tcp)
        if (!this.datagrams.counted(e.inode, e.sent, e.received, e.ns)) this.state.drops++;
        return;
      }
      case 'exec':
        this.images.exec(e.ns, e.pid, e.startNs, e.path);
        return;
      case 'exit':
        this.images.exit(e.pid);
        return;
      case 'connect':
        this.track(e.sk, {
          family: e.family,
          localAddress: anyAddress(e.family),
          localPort: 0,
          remoteAddress: e.remoteAddress,
          remotePort: e.remotePort,
          direction: 'outbound',
          openedNs: e.ns,
          state: 2,
          owner: this.images.owner(e.ns, e.task),
        });
        return;
      case 'accept':
        this.track(e.sk, {
          family: e.family,
          localAddress: e.localAddress,
          localPort: e.localPort,
          remoteAddress: e.remoteAddress,
          remotePort: e.remotePort,
          direction: 'inbound',
          openedNs: e.ns,
          state: 3,
          netns: e.netns,
          owner: null,
        });
        return;
      case 'established': {
        const s = this.sockets.get(e.sk);
        if (!s) return;
        this.learnEndpoints(s, e);
        s.state = 1;
        s.netns ??= e.netns;
        return;
      }
      case 'state': {
        const s = this.sockets.get(e.sk);
        if (!s) return;
        s.state = e.newState;
        s.netns ??= e.netns;
        if (s.localPort === 0) this.learnEndpoints(s, e); // its established line was missed
        return;
      }
      case 'close': {
        const s = this.sockets.get(e.sk);
        if (!s) return;
        this.sockets.delete(e.sk);
        if (s.localPort === 0 && e.family !== undefined) this.learnEndpoints(s, e as TcpEndpoints);
        this.end(s, e.ns, e.oldState, e.sent, e.received);
        return;
      }
      case 'datagram': {
        const owner = this.images.owner(e.ns, e.task);
        const proto = protoOf(e.protocol);
        const at = this.wallMs(e.ns);
        if (proto === 'udp') {
          const opener: SocketOpener = {
            proto,
            family: e.family,
            localAddress: anyAddress(e.family),
            localPort: e.localPort,
            remoteAddress: '*',
            remotePort: 0,
            owner,
          };
          if (!this.datagrams.sent(e.sk, opener, e.ns)) this.state.drops++;
        }
        this.push({
          proto,
          family: e.family,
          localAddress: anyAddress(e.family),
          localPort: proto === 'udp' ? e.localPort : 0,
          remoteAddress: e.remoteAddress,
          remotePort: proto === 'udp' ? e.remotePort : 0,
          direction: 'outbound',
          openedAt: at,
          closedAt: null,
          endState: null,
          // The socket's bytes go to its own row (B lines, by inode); per destination they are not
          // kept, so a destination row is no second count of the same bytes.
          bytesSent: null,
          bytesReceived: null,
          owner,
        });
        return;
      }
    }
  }

  private track(sk: string, socket: TcpSocket): void {
    if (!this.sockets.has(sk) && this.sockets.size >= MAX_SOCKETS) {
      this.state.drops++;
      return;
    }
    this.sockets.set(sk, socket);
  }

  /**
   * A new socket at sk: the kernel freed the one it had, whose close line then never came. Under
   * load about 1 in 20 orphaned client sockets leaves FIN_WAIT1 with no line for FIN_WAIT2 or
   * close and no "Lost" line (measured here: 65 of 1,270 at 10,000 held, 100/s churn). It ends now,
   * from the last state a line named, for the flow and for the change log alike.
   */
  private endUnclosed(sk: string, ns: number): void {
    const s = this.sockets.get(sk);
    if (s === undefined) return;
    this.sockets.delete(sk);
    this.unclosed++; // no drop: nothing is left out, and a drop would force a full read
    if (s.localPort === 0 || s.netns === undefined)
      this.tcp.missed(); // the tables are read again
    else
      this.tcp.add({
        kind: 'close',
        ns,
        sk,
        oldState: s.state,
        sent: 0,
        received: 0,
        ...this.endpoints(s),
        netns: s.netns,
      });
    this.end(s, ns, s.state, 0, 0);
  }

  /** A TCP socket's flow, closed at ns from `oldState`; a TIME_WAIT remnant keeps its opener. */
  private end(s: TcpSocket, ns: number, oldState: number, sent: number, received: number): void {
    const endState = endStateOf(oldState);
    if (endState === 'TIME_WAIT' && s.owner !== null && s.localPort !== 0) {
      if (this.recentOpeners.length >= MAX_RECENT) this.recentOpeners.splice(0, MAX_RECENT / 2);
      this.recentOpeners.push({ opener: s.opener ?? this.opener(s, s.owner), drainsLeft: REMNANT_DRAINS });
    }
    this.push({
      ...this.endpoints(s),
      direction: s.direction,
      openedAt: this.wallMs(s.openedNs),
      closedAt: this.wallMs(ns),
      endState,
      bytesSent: sent,
      bytesReceived: received,
      owner: s.owner,
    });
  }

  private learnEndpoints(s: TcpSocket, e: TcpEndpoints): void {
    s.localAddress = e.localAddress;
    s.localPort = e.localPort;
    s.remoteAddress = e.remoteAddress;
    s.remotePort = e.remotePort;
    s.opener = undefined;
  }

  private push(flow: Flow): void {
    if (this.flows.length >= this.queueCap) this.state.drops++;
    else this.flows.push(flow);
  }

  private endpoints(s: TcpSocket): FlowEndpoints {
    return {
      proto: TCP,
      family: s.family,
      localAddress: s.localAddress,
      localPort: s.localPort,
      remoteAddress: s.remoteAddress,
      remotePort: s.remotePort,
    };
  }

  private opener(s: TcpSocket, owner: FlowOwner): SocketOpener {
    return { ...this.endpoints(s), owner };
  }
}
