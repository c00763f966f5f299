// The one declaration of what the core offers its faces: every method (name, zod input schema,
// output type) and every pushed event, grouped as services. The Electron IPC, the WebSocket
// transport, the preload and the renderer's client all derive their types from this object.
import { z } from 'zod';
import type {
  AlertRecord,
  ConnectionRecord,
  FirstReach,
  HostSource,
  InterfaceStats,
  LiveConnection,
  ProgramRecord,
  ProtocolStats,
  Route,
  RuleRecord,
  SeriesPoint,
  Settings,
  Status,
} from './model';
import type { ReportContents } from './report-contents';

/** A method: its input schema at runtime, its output type at compile time only. */
export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Never set: carries the output type. */
  readonly output?: O;
}
/** An event: pushed from the core to every client. */
export interface EventSpec<P> {
  readonly event: true;
  readonly payload?: P;
}

const returns =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
const event = <P>(): EventSpec<P> => ({ event: true });

const none = z.object({}).strict();
const id = z.object({ id: z.number().int().positive() }).strict();
const time = z.number().int().min(0).max(8.64e15);
const port = z.number().int().min(0).max(65535);
const text = (max: number) => z.string().min(1).max(max);

export const protoSchema = z.enum(['tcp', 'udp', 'raw']);
export const directionSchema = z.enum(['listen', 'inbound', 'outbound']);
export const alertKindSchema = z.enum([
  'new-program',
  'changed-program',
  'new-listener',
  'flood-remote',
  'syn-flood',
  'traffic-volume',
]);
export const ruleKindSchema = z.enum([
  'trust-program',
  'ignore-address',
  'ignore-port',
  'mute-kind',
  'ignore-as',
]);

/** Filters shared by the history view, `netwatch history` and exports. */
export const historyFilterSchema = z
  .object({
    /** Program id, or text matched against the executable path and process name. */
    programId: z.number().int().positive().optional(),
    program: text(4096).optional(),
    /** Remote address (exact) or host name (substring). */
    remote: text(255).optional(),
    port: port.optional(),
    proto: protoSchema.optional(),
    state: text(20).optional(),
    direction: directionSchema.optional(),
    from: time.optional(),
    to: time.optional(),
    /** ISO country code (CH) or the scope word of special addresses (private, loopback, ...). */
    country: z
      .string()
      .regex(/^(?:[A-Z]{2}|[a-z-]{3,20})$/)
      .optional(),
    /** AS number behind the remote address. */
    asn: z.number().int().min(0).max(4294967295).optional(),
    /** Network namespace tag (exact) and container or unit (substring): the collector's tags. */
    netns: text(255).optional(),
    unit: text(255).optional(),
  })
  .strict();
export type HistoryFilter = z.infer<typeof historyFilterSchema>;

/** Keyset paging: the (firstSeen, id) of the last row of the previous page. */
export const cursorSchema = z.object({ firstSeen: time, id: z.number().int().positive() }).strict();
export type Cursor = z.infer<typeof cursorSchema>;

export const settingsSchema = z
  .object({
    sampleIntervalMs: z.number().int().min(250).max(60_000),
    retentionDays: z.number().int().min(1).max(3650),
    floodRemoteThreshold: z.number().int().min(2).max(1_000_000),
    synRecvThreshold: z.number().int().min(1).max(1_000_000),
    floodWindowSeconds: z.number().int().min(1).max(3600),
    trafficAlertEnabled: z.boolean(),
    /** MiB, up to 1 TiB; the window up to a day (a data-cap hint). */
    trafficAlertMb: z.number().int().min(1).max(1_048_576),
    trafficWindowMinutes: z.number().int().min(1).max(1440),
    startAtLogin: z.boolean(),
    theme: z.enum(['system', 'light', 'dark']),
    resolveHostNames: z.boolean(),
    maxDatabaseMb: z.number().int().min(16).max(1_048_576),
  })
  .strict() satisfies z.ZodType<Settings>;

export const seriesMetricSchema = z.enum([
  'connections-by-program',
  'new-by-program',
  'connections-by-state',
  'interface-bytes',
  'interface-packets',
  'syn-recv',
  'traffic-sent-by-program',
  'traffic-received-by-program',
]);
export type SeriesMetric = z.infer<typeof seriesMetricSchema>;

export const exportFormatSchema = z.enum(['csv', 'jsonl', 'html']);

export interface LiveState {
  tick: number;
  at: number;
  connections: LiveConnection[];
}
/** What changed in one tick; a client applies it to the LiveState it fetched. */
export interface LiveDelta {
  tick: number;
  at: number;
  /** How long the tick took, ms: sample, diff, history write and alerts (absent where not measured). */
  durationMs?: number;
  opened: LiveConnection[];
  /** Connections whose state, queues or owner changed: the whole new row. */
  changed: LiveConnection[];
  /** Keys of connections that are gone. */
  closed: string[];
}
export interface HistoryPage {
  rows: ConnectionRecord[];
  /** Pass back to get the next (older) page; null on the last page. */
  next: Cursor | null;
}
export interface ProgramDetail {
  program: ProgramRecord;
  recent: ConnectionRecord[];
  remotes: {
    address: string;
    host: string | null;
    /** Where host came from: a name the program asked for (any of its connections), else reverse DNS. */
    hostSource?: HostSource | null;
    count: number;
    country?: string | null;
    asn?: number | null;
    asOrg?: string | null;
    /** Bytes to and from it over the connections counted; the list is ordered by them (top talkers). */
    bytesSent?: number | null;
    bytesReceived?: number | null;
  }[];
  /** Its first connection to each country and AS, newest first. */
  firsts?: FirstReach[];
}
/** Sockets open now with one remote address. */
export interface RemoteCount {
  address: string;
  host: string | null;
  hostSource?: HostSource | null;
  count: number;
  established: number;
  /** Half-open: a SYN received, the handshake not finished. */
  synRecv: number;
}
/** A remote address by its traffic now (Network view's top talkers). */
export interface TopTalker {
  address: string;
  host: string | null;
  connections: number;
  sendRate: number | null;
  receiveRate: number | null;
  bytesSent: number | null;
  bytesReceived: number | null;
}
export type ExportResult =
  | { status: 'saved'; path: string; rows: number }
  | { status: 'download'; url: string }
  | { status: 'cancelled' };
export interface ExportProgress {
  exportId: string;
  rows: number;
  done: boolean;
  error: string | null;
}

export const contract = {
  live: {
    snapshot: returns<LiveState>()(none),
    onDelta: event<LiveDelta>(),
  },
  history: {
    query: returns<HistoryPage>()(
      z
        .object({
          filter: historyFilterSchema,
          cursor: cursorSchema.nullable().optional(),
          limit: z.number().int().min(1).max(1000).optional(),
        })
        .strict(),
    ),
  },
  programs: {
    list: returns<ProgramRecord[]>()(none),
    get: returns<ProgramDetail | null>()(id),
  },
  alerts: {
    list: returns<AlertRecord[]>()(
      z.object({ all: z.boolean().optional(), limit: z.number().int().min(1).max(5000).optional() }).strict(),
    ),
    ack: returns<boolean>()(id),
    ackAll: returns<number>()(none),
    onRaised: event<AlertRecord>(),
  },
  rules: {
    list: returns<RuleRecord[]>()(none),
    add: returns<RuleRecord>()(
      z.object({ kind: ruleKindSchema, value: text(4096), note: z.string().max(1000).optional() }).strict(),
    ),
    remove: returns<boolean>()(id),
  },
  network: {
    routes: returns<Route[]>()(none),
    protocolStats: returns<ProtocolStats>()(none),
    interfaces: returns<InterfaceStats[]>()(none),
    topRemotes: returns<RemoteCount[]>()(
      z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    ),
    topTalkers: returns<TopTalker[]>()(
      z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    ),
  },
  series: {
    query: returns<SeriesPoint[]>()(
      z
        .object({
          metric: seriesMetricSchema,
          from: time,
          to: time,
          bucketMs: z.number().int().min(1000).max(86_400_000).optional(),
          limitSeries: z.number().int().min(1).max(50).optional(),
        })
        .strict(),
    ),
  },
  reports: {
    export: returns<ExportResult>()(
      z
        .object({
          format: exportFormatSchema,
          filter: historyFilterSchema,
          /** Chosen by the caller, so it can tell its own export's progress events from others'. */
          exportId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
        })
        .strict(),
    ),
    /** The report's summary and alerts for the filter: how a client of the collector makes one. */
    summary: returns<ReportContents>()(z.object({ filter: historyFilterSchema }).strict()),
    onProgress: event<ExportProgress>(),
  },
  settings: {
    get: returns<Settings>()(none),
    set: returns<Settings>()(settingsSchema.partial().strict()),
  },
  status: {
    get: returns<Status>()(none),
    pause: returns<Status>()(none),
    resume: returns<Status>()(none),
    onChanged: event<Status>(),
  },
} as const;

export type Contract = typeof contract;
export type ServiceName = keyof Contract;

type MethodKeys<S> = { [K in keyof S]: S[K] extends MethodSpec<z.ZodType, unknown> ? K : never }[keyof S];
type EventKeys<S> = { [K in keyof S]: S[K] extends EventSpec<unknown> ? K : never }[keyof S];
type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never;
type PayloadOf<E> = E extends EventSpec<infer P> ? P : never;

/** What the core implements: every method, given its parsed input. */
export type ContractHandlers = {
  [S in ServiceName]: {
    [M in MethodKeys<Contract[S]>]: (
      input: ParsedInputOf<Contract[S][M]>,
    ) => Promise<OutputOf<Contract[S][M]>>;
  };
};

/** Every pushed event by its qualified name: "live.onDelta", "alerts.onRaised", ... */
export type EventName = {
  [S in ServiceName]: { [E in EventKeys<Contract[S]>]: `${S}.${E & string}` }[EventKeys<Contract[S]>];
}[ServiceName];
export type EventPayload<N extends EventName> = N extends `${infer S extends ServiceName}.${infer E}`
  ? E extends keyof Contract[S]
    ? PayloadOf<Contract[S][E]>
    : never
  : never;

/** What a client (renderer) sees: every method callable, every event subscribable. */
export type NetwatchApi = {
  [S in ServiceName]: {
    [M in MethodKeys<Contract[S]>]: (input: InputOf<Contract[S][M]>) => Promise<OutputOf<Contract[S][M]>>;
  } & {
    [E in EventKeys<Contract[S]>]: (listener: (payload: PayloadOf<Contract[S][E]>) => void) => () => void;
  };
};

/** Channel names all carry this prefix; the main side refuses any other. */
export const CHANNEL_PREFIX = 'nw:';
export const methodChannel = (service: string, method: string): string =>
  `${CHANNEL_PREFIX}${service}.${method}`;
export const eventChannel = (name: EventName): string => `${CHANNEL_PREFIX}event:${name}`;

/** Every method as [service, method, spec], for transports that register them generically. */
export function listMethods(): [ServiceName, string, MethodSpec<z.ZodType, unknown>][] {
  const out: [ServiceName, string, MethodSpec<z.ZodType, unknown>][] = [];
  for (const service of Object.keys(contract) as ServiceName[]) {
    for (const [name, spec] of Object.entries(contract[service])) {
      if ('input' in spec) out.push([service, name, spec as MethodSpec<z.ZodType, unknown>]);
    }
  }
  return out;
}

/** Every event's qualified name. */
export function listEvents(): EventName[] {
  const out: string[] = [];
  for (const service of Object.keys(contract) as ServiceName[]) {
    for (const [name, spec] of Object.entries(contract[service])) {
      if ('event' in spec) out.push(`${service}.${name}`);
    }
  }
  return out as EventName[];
}
