// `netwatch serve`: the headless face. Starts the core, serves the built interface and the
// contract on 127.0.0.1 (or the host asked for), prints the URL with its token, and runs until
// Ctrl+C, then closes the server and the database cleanly.
import { parseArgs } from 'node:util';
import type { CoreOptions, CoreService } from '../../core/core-service';
import { isCollectorCore, startCoreOrCollector } from '../../core/collector/core-or-collector';
import { checkDatabasePath, DatabasePathRefusedError } from '../../core/store/database-path';
import { resolveDbPath } from '../../core/store/data-paths';
import { EXIT, UsageError, type CliCommand } from '../cli-command';
import { eventsText } from '../events-text';
import { terminalText } from '../../../shared/terminal-text';
import {
  FLEET_OPTIONS,
  FLEET_USAGE,
  parseFleetOutputs,
  startFleetOutputs,
  type FleetDeps,
  type FleetOutputOptions,
  type FleetOutputs,
} from '../fleet-outputs';
import { findRendererDir } from '../../web/renderer-dir';
import { isLoopbackHost, isWildcardHost } from '../../web/host-guard';
import { DEFAULT_HOST, startWebServer, type WebServer } from '../../web/web-server';

export const SERVE_USAGE = `usage: netwatch serve [--host HOST] [--port PORT] [--db PATH] [--metrics HOST:PORT] [--events FILE|-]

Serves the netwatch interface to a browser. Open the printed URL; it carries a random token,
and requests without it are refused.

  --host HOST   address to listen on (default ${DEFAULT_HOST}); anything else is reachable
                from the network over plain HTTP, so only when you mean it
  --port PORT   port to listen on; 0 (the default) picks a free one
  --db PATH     history database (default: the per-user data folder; NETWATCH_DB overrides)
${FLEET_USAGE}`;

export interface ServeOptions {
  host: string;
  port: number;
  dbPath: string | undefined;
  fleet: FleetOutputOptions;
}

export type ParsedServeArgs =
  { ok: true; options: ServeOptions } | { ok: false; help: boolean; message: string };

export function parseServeArgs(argv: readonly string[]): ParsedServeArgs {
  let values: {
    host?: string;
    port?: string;
    db?: string;
    metrics?: string;
    events?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        ...FLEET_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, help: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: false, help: true, message: SERVE_USAGE };
  const host = values.host ?? DEFAULT_HOST;
  if (!/^[A-Za-z0-9.:_[\]%-]{1,253}$/.test(host)) {
    return {
      ok: false,
      help: false,
      message: `--host: not a host name or address: ${JSON.stringify(host.slice(0, 80))}`,
    };
  }
  const portText = values.port ?? '0';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    return {
      ok: false,
      help: false,
      message: `--port: expected a number from 0 to 65535, got ${JSON.stringify(portText.slice(0, 20))}`,
    };
  }
  if (values.db !== undefined && values.db.trim() === '') {
    return { ok: false, help: false, message: '--db: expected a file path' };
  }
  const fleet = parseFleetOutputs(values);
  if (!fleet.ok) return { ok: false, help: false, message: fleet.message };
  return {
    ok: true,
    options: { host: host.replace(/^\[(.*)\]$/, '$1'), port, dbPath: values.db, fleet: fleet.options },
  };
}

export interface ServeDeps {
  startCore(options: CoreOptions): Promise<CoreService>;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Aborted by Ctrl+C or SIGTERM (the CLI's io.signal). */
  signal: AbortSignal;
  /** NETWATCH_DB, when --db is not given. */
  env?: Readonly<Record<string, string | undefined>>;
  rendererDir?: string | null;
  /** SIGHUP for the event file (tests pass their own). */
  onHangup?: FleetDeps['onHangup'];
}

export interface RunningServe {
  server: WebServer;
  /** Resolves with the exit code once a signal closed everything. */
  done: Promise<number>;
}

/**
 * Starts serving; returns the exit code when it did not (help, a port in use), else the running
 * server. Bad flags throw UsageError, which the CLI prints with a hint.
 */
export async function startServe(argv: readonly string[], deps: ServeDeps): Promise<number | RunningServe> {
  const parsed = parseServeArgs(argv);
  if (!parsed.ok) {
    if (!parsed.help) throw new UsageError(`serve: ${parsed.message}`, 'netwatch serve --help');
    deps.stdout(parsed.message.trimEnd());
    return 0;
  }
  const { host, port } = parsed.options;
  const dbPath = parsed.options.dbPath ?? (deps.env?.NETWATCH_DB || undefined);
  const rendererDir = deps.rendererDir === undefined ? findRendererDir() : deps.rendererDir;
  if (!rendererDir)
    deps.stderr('netwatch serve: the interface is not built (run `npm run build`); serving the API only');

  try {
    // Refused here, before the core starts, so a wrong --db is a usage error (exit 2) as in record.
    checkDatabasePath(resolveDbPath({ flag: dbPath, env: deps.env }));
  } catch (error) {
    if (!(error instanceof DatabasePathRefusedError)) throw error;
    deps.stderr(`netwatch serve: ${terminalText(error.message)}`);
    return EXIT.usage;
  }

  let core: CoreService;
  try {
    // Alert text names programs and hosts (anyone's choice): escaped as record escapes it.
    core = await deps.startCore({
      dbPath,
      kernelEvents: true,
      notify: (message) => deps.stderr(`netwatch: ${terminalText(message)}`),
    });
  } catch (error) {
    deps.stderr(
      `netwatch serve: could not start: ${terminalText(error instanceof Error ? error.message : String(error))}`,
    );
    return 1;
  }
  let outputs: FleetOutputs;
  try {
    outputs = await startFleetOutputs(core, parsed.options.fleet, {
      log: (m) => deps.stderr(`netwatch serve: ${terminalText(m)}`),
      onHangup: deps.onHangup,
    });
  } catch (error) {
    await core.close().catch(() => {});
    deps.stderr(`netwatch serve: ${terminalText(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
  let server: WebServer;
  try {
    server = await startWebServer({
      core,
      host,
      port,
      rendererDir,
      log: (m) => deps.stderr(`netwatch serve: ${terminalText(m)}`),
    });
  } catch (error) {
    await core.close().catch(() => {});
    await outputs.close();
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${port} is in use (--port 0 picks a free one)`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `${host} is not an address of this machine`
          : code === 'EACCES'
            ? `not allowed to listen on port ${port}`
            : error instanceof Error
              ? error.message
              : String(error);
    deps.stderr(`netwatch serve: cannot listen on ${terminalText(`${host}:${port}: ${why}`)}`);
    return 1;
  }

  if (isCollectorCore(core)) core.onReconnected(() => server.restartClients());
  if (!isLoopbackHost(host)) {
    deps.stderr(
      `netwatch serve: listening on ${isWildcardHost(host) ? 'every address' : host}: anyone who can reach it and ` +
        'has the URL sees this machine’s connections; the traffic is plain HTTP.',
    );
  }
  // With the events on stdout, the lines a person reads go to stderr.
  const say = parsed.options.fleet.events === '-' ? deps.stderr : deps.stdout;
  say(`netwatch is serving at ${server.url}`);
  if (outputs.metricsUrl) say(`metrics at ${outputs.metricsUrl}`);
  deps.stderr(`netwatch serve: ${eventsText((await core.handlers.status.get({})).events ?? null)}`);
  say('Press Ctrl+C to stop.');

  const done = new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      deps.stderr('netwatch serve: stopping');
      server
        .close()
        .then(() => core.close())
        .then(() => outputs.close())
        .then(
          () => resolve(0),
          (error: unknown) => {
            deps.stderr(
              `netwatch serve: closing: ${terminalText(error instanceof Error ? error.message : String(error))}`,
            );
            resolve(1);
          },
        );
    };
    if (deps.signal.aborted) stop();
    else deps.signal.addEventListener('abort', stop, { once: true });
  });
  return { server, done };
}

/** The `serve` line of the command table. */
export const serveCommand: CliCommand = {
  name: 'serve',
  stopsOnSignal: true,
  summary: 'serve the interface to a browser on 127.0.0.1 (a token URL is printed)',
  async run(args, io) {
    const started = await startServe(args, {
      startCore: (options) =>
        startCoreOrCollector(
          { ...options, onNotice: (m) => io.err(`netwatch: ${terminalText(m)}\n`) },
          io.env,
        ),
      stdout: (line) => io.out(`${line}\n`),
      stderr: (line) => io.err(`${line}\n`),
      signal: io.signal,
      env: io.env,
    });
    return typeof started === 'number' ? started : started.done;
  },
};
