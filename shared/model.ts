// The domain as every layer sees it: sockets, routes and counters from the OS, and the history,
// programs and alerts netwatch derives from them. Plain data, no behaviour, no runtime imports.

export type Proto = 'tcp' | 'udp' | 'raw';
export type Family = 4 | 6;

/** One socket as the OS reports it; the fields of `netwatch --json`. */
export interface SocketRow {
  proto: Proto;
  family: Family;
  /** Numeric address as text: dotted quad, compressed IPv6, or ::ffff:a.b.c.d kept as such. */
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** netstat's state name (ESTABLISHED, LISTEN, SYN_RECV, ...); null for UDP/raw without one. */
  state: string | null;
  recvQ: number;
  sendQ: number;
  /** Owner uid of the socket; null where the platform does not say. */
  uid: number | null;
  user: string | null;
  /** Socket inode (Linux); 0 where none (TIME_WAIT) or the platform has no such thing. */
  inode: number;
  /** Owning process; null when it cannot be seen (another user's without root, TIME_WAIT). */
  pid: number | null;
  /** Short process name (comm on Linux, image name on Windows). */
  process: string | null;
  /** Executable path; null when unknown. */
  exe: string | null;
  cmdline: string | null;
  /** Process start time in ms since the epoch: pid + start is a process's identity (pids are reused). */
  processStart: number | null;
  /** The network namespace when it is not the sampler's own: an `ip netns` name or "net:[inode]". */
  netns?: string | null;
  /** The container or systemd unit of the owner: "docker:…", "podman:…", "nspawn:…", "k8s:…", "unit:x.service". */
  unit?: string | null;
  /** When the owner above is the program that opened the socket and another now holds it (after exec). */
  heldBy?: string | null;
  /** An unconnected UDP socket the event feed saw send to destinations: a client, not a listener. */
  sentTo?: boolean;
  /**
   * Bytes the socket sent (TCP: acknowledged by the peer) and received since it opened, from the
   * kernel's counters; null when not known (UDP without kernel events, TIME_WAIT, another namespace).
   */
  bytesSent?: number | null;
  bytesReceived?: number | null;
  /**
   * The name its program asked the C library for (getaddrinfo) whose answer held the remote
   * address: Linux with kernel events on; validated host name text.
   */
  askedHost?: string | null;
}

/** One interface's counters: the data behind `netstat -i` / `-e`. */
export interface InterfaceStats {
  name: string;
  mtu: number | null;
  /** ifconfig-style flag letters (B M R U L O P ...) or words, where known. */
  flags: string | null;
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDropped: number;
  rxOverruns: number;
  rxFrame: number;
  rxMulticast: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDropped: number;
  txOverruns: number;
  txCarrier: number;
  txCollisions: number;
}

/** One route: the data behind `netstat -r`. */
export interface Route {
  family: Family;
  destination: string;
  prefixLength: number;
  gateway: string;
  /** Dotted netmask for IPv4 routes, null for IPv6. */
  genmask: string | null;
  /** netstat's flag letters: U G H D M R ... */
  flags: string;
  metric: number;
  ref: number;
  use: number;
  iface: string;
}

/** Protocol counters by group (Ip, Icmp, Tcp, Udp, TcpExt, Ip6, ...): the data behind `netstat -s`. */
export type ProtocolStats = Record<string, Record<string, number>>;

/** What one sample of the OS saw. */
export interface Snapshot {
  /** Wall clock, ms since the epoch: for display and storage. */
  takenAt: number;
  /** Monotonic clock, ms: for durations and rates, immune to wall-clock jumps. */
  monotonicMs: number;
  sockets: SocketRow[];
  interfaces: InterfaceStats[];
  /** False when the sampler cannot see other users' processes: their sockets have no pid. */
  privileged: boolean;
  /** Linux event feed: flows that opened and closed since the last sample, datagram destinations. */
  flows?: Flow[];
  /** Linux event feed: the program that opened each socket it knows (connect-time owners). */
  openers?: SocketOpener[];
  /** Linux event feed: UDP and raw sockets' byte totals by socket inode (since the feed saw them first). */
  datagramBytes?: DatagramBytes[];
  /** The kernel event feed's state; absent where there is none (other platforms, one-shot CLI). */
  events?: EventFeedStatus;
  /** Monotonic ms of the byte counters' reading the rows carry (it may be older than the sample). */
  bytesReadAtMs?: number | null;
  /** How byte counters are read: every sample from sock_diag, from ss at a lower rate, or not at all. */
  byteCounters?: ByteCounterMethod;
}

export type ByteCounterMethod = 'sock-diag' | 'ss' | 'off';

export type Direction = 'listen' | 'inbound' | 'outbound';

/**
 * Where a connection's host name came from: 'asked', the name its program asked for (kernel
 * events saw the lookup); 'reverse', reverse DNS of the address (or the hosts file), the fallback.
 */
export type HostSource = 'asked' | 'reverse';

/** A socket on the live table: a SocketRow with its lifecycle and enrichment. */
export interface LiveConnection extends SocketRow {
  /** Stable key while the socket lives (protocol, family, endpoints, inode). */
  key: string;
  direction: Direction;
  firstSeen: number;
  /** The remote's host name, validated text: the name asked for, else reverse DNS (hostSource). */
  remoteHost: string | null;
  /** Where remoteHost came from; null when there is none. */
  hostSource?: HostSource | null;
  /** Service name of the well-known port (remote for outbound, local otherwise), when known. */
  service: string | null;
  /** Program id (exe + hash) when the owner is known. */
  programId: number | null;
  /**
   * ISO 3166-1 alpha-2 country of a public remote address; for a special one its scope word
   * (private, loopback, cgnat, link-local, multicast, documentation, ...); null when unknown.
   */
  country?: string | null;
  /** AS number and organisation behind a public remote address, when the shipped data knows. */
  asn?: number | null;
  asOrg?: string | null;
  /**
   * bytesSent / bytesReceived (from SocketRow) are totals since the socket opened, kept over a
   * TIME_WAIT that reports none. Rates: bytes per second between the last two readings of the
   * counters; null until there are two (always set by the monitor, optional for older clients).
   */
  sendRate?: number | null;
  receiveRate?: number | null;
}

/** A connection in history: one lifecycle, from the first tick that saw it to the first that missed it. */
export interface ConnectionRecord {
  id: number;
  proto: Proto;
  family: Family;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  remoteHost: string | null;
  /** As on LiveConnection; null for rows written before netwatch kept it. */
  hostSource?: HostSource | null;
  direction: Direction;
  /** Last state seen. */
  state: string | null;
  pid: number | null;
  programId: number | null;
  process: string | null;
  exe: string | null;
  uid: number | null;
  user: string | null;
  /** As on SocketRow: the namespace (null: the collector's own) and the container or unit. */
  netns?: string | null;
  unit?: string | null;
  firstSeen: number;
  /** null while the connection is still open. */
  lastSeen: number | null;
  closedAt: number | null;
  /** As on LiveConnection: country code or scope word, AS number and organisation. */
  country?: string | null;
  asn?: number | null;
  asOrg?: string | null;
  /** Last counts seen (final at close); null when never known (UDP without kernel events). */
  bytesSent?: number | null;
  bytesReceived?: number | null;
}

/** A program: an executable path plus the SHA-256 of its binary. */
export interface ProgramRecord {
  id: number;
  exe: string;
  sha256: string | null;
  name: string;
  user: string | null;
  cmdline: string | null;
  firstSeen: number;
  lastSeen: number;
  trusted: boolean;
  /** Known from the first-run baseline rather than alerted. */
  baseline: boolean;
  connectionsTotal: number;
  connectionsNow: number;
  /**
   * Bytes it sent and received (TCP, and UDP with kernel events) since local midnight, over 7 and
   * 30 days; absent when nothing it did was ever counted.
   */
  traffic?: { today: TrafficTotals; week: TrafficTotals; month: TrafficTotals };
}

export interface TrafficTotals {
  sent: number;
  received: number;
}

export type AlertKind =
  'new-program' | 'changed-program' | 'new-listener' | 'flood-remote' | 'syn-flood' | 'traffic-volume';

export interface AlertRecord {
  id: number;
  kind: AlertKind;
  /** low: informational; high: needs a look (e.g. a listener on a non-loopback address). */
  severity: 'low' | 'medium' | 'high';
  createdAt: number;
  lastAt: number;
  /** Repeats folded into this alert while it is unacknowledged. */
  count: number;
  acknowledged: boolean;
  programId: number | null;
  exe: string | null;
  process: string | null;
  user: string | null;
  cmdline: string | null;
  remoteAddress: string | null;
  remotePort: number | null;
  remoteHost: string | null;
  /** Where remoteHost came from (see HostSource). */
  remoteHostSource?: HostSource | null;
  localAddress: string | null;
  localPort: number | null;
  service: string | null;
  proto: Proto | null;
  /** One line a person reads: "firefox connected to 93.184.216.34:443 (https)". */
  message: string;
  /** Country (or scope word) and AS of the remote address, looked up when alerts are listed. */
  country?: string | null;
  asn?: number | null;
  asOrg?: string | null;
}

export type RuleKind = 'trust-program' | 'ignore-address' | 'ignore-port' | 'mute-kind' | 'ignore-as';

export interface RuleRecord {
  id: number;
  kind: RuleKind;
  /** exe path, address or CIDR, port number, or alert kind (with a program: "KIND EXE-PATH"): as text. */
  value: string;
  createdAt: number;
  note: string | null;
}

export interface Settings {
  sampleIntervalMs: number;
  retentionDays: number;
  floodRemoteThreshold: number;
  synRecvThreshold: number;
  /** Seconds the flood counts are taken over. */
  floodWindowSeconds: number;
  /** The traffic alert: a program that sent more than trafficAlertMb MiB within trafficWindowMinutes. */
  trafficAlertEnabled: boolean;
  trafficAlertMb: number;
  trafficWindowMinutes: number;
  startAtLogin: boolean;
  theme: 'system' | 'light' | 'dark';
  resolveHostNames: boolean;
  /** The history database's size limit: past it the oldest closed connections go first. */
  maxDatabaseMb: number;
}

export interface SeriesPoint {
  /** Bucket start, ms since the epoch. */
  t: number;
  /** Series name (program name, state, interface rx/tx ...) -> value. */
  values: Record<string, number>;
}

export interface Status {
  sampling: boolean;
  paused: boolean;
  intervalMs: number;
  lastTickAt: number | null;
  lastTickMs: number | null;
  platform: string;
  privileged: boolean;
  unattributedSockets: number;
  database: {
    path: string;
    healthy: boolean;
    message: string | null;
    sizeBytes: number;
    /** The size limit in force (Settings.maxDatabaseMb), in bytes. */
    limitBytes: number;
    /** The size limit deleted history within the last hour: it, not the retention, sets how far back history goes. */
    limitPruning: boolean;
  };
  unreadAlerts: number;
  /**
   * Who records, in one line a person reads: "System collector: all users, kernel events on" or
   * "This user only, polling every 1 s" with how to install the collector. Set by the core.
   */
  watchedBy?: { collector: boolean; connected: boolean; text: string };
  /** Kernel events (Linux): on, or off with the reason; absent where the platform has none. */
  events?: EventFeedStatus;
}

/** The first connection a program made to a country or an AS: a line in its detail and the report. */
export interface FirstReach {
  kind: 'country' | 'as';
  /** ISO code when kind is country. */
  country: string | null;
  asn: number | null;
  asOrg: string | null;
  firstSeen: number;
}

/** The process behind a kernel event, read while it lived (Linux event feed). */
export interface FlowOwner {
  pid: number;
  /** ms since the epoch, as SocketRow.processStart: pid + start is the identity. */
  processStart: number | null;
  process: string | null;
  exe: string | null;
  cmdline: string | null;
  uid: number | null;
  parentPid: number | null;
  parentProcess: string | null;
  parentExe: string | null;
}

/** Protocol, family and both endpoints, as in SocketRow. */
export type FlowEndpoints = Pick<
  SocketRow,
  'proto' | 'family' | 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'
>;

/**
 * A flow the kernel event feed saw: a TCP connection that opened and closed between two samples,
 * or a datagram socket's destination (sendto/sendmsg, ICMP echo).
 */
export interface Flow extends FlowEndpoints {
  direction: 'inbound' | 'outbound';
  /** ms since the epoch. */
  openedAt: number;
  /** null while the socket may still be sending (datagrams). */
  closedAt: number | null;
  /** TCP: the state it ended in (TIME_WAIT after an active close, CLOSE, SYN_SENT for a refused connect). */
  endState: string | null;
  bytesSent: number | null;
  bytesReceived: number | null;
  owner: FlowOwner | null;
  /** As on SocketRow: the name the owner asked for whose answer held the remote address. */
  askedHost?: string | null;
}

/** The program that opened a socket the poll may see (remoteAddress '*' for an unconnected UDP client). */
export interface SocketOpener extends FlowEndpoints {
  owner: FlowOwner;
  /** As on SocketRow: the name the opener asked for whose answer held the remote address. */
  askedHost?: string | null;
}

/** A UDP or raw socket's bytes as the event feed counted them, for the polled row of that inode. */
export interface DatagramBytes {
  inode: number;
  sent: number;
  received: number;
}

/** The kernel event feed: on, or off with the reason (polling alone then); events dropped in a storm. */
export interface EventFeedStatus {
  state: 'on' | 'off';
  reason: string | null;
  drops: number;
  /** The getaddrinfo probe beside it (the names programs ask for): on, or off with the reason. */
  askedNames?: { state: 'on' | 'off'; reason: string | null };
}
