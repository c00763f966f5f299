// The headless face: one HTTP server that serves the built renderer and, at /api, the contract
// over WebSocket. Bound to 127.0.0.1 unless told otherwise; the page and the socket need the
// run's random token; requests naming another host are refused (DNS rebinding). Connections are
// bounded in number and time, so idle or half-sent ones cannot use up the file descriptors the
// sampler needs to read /proc.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { CoreService } from '../core/core-service';
import { API_PATH, MAX_FRAME_BYTES, TOKEN_PARAM } from '../../shared/wire';
import { createAccessToken, tokenMatches } from './access-token';
import { createExportDownloads, EXPORT_PATH_PREFIX } from './export-downloads';
import { hostAllowed, hostPolicy, isWildcardHost, originAllowed, type HostPolicy } from './host-guard';
import { assetHeaders, errorHeaders, pageHeaders } from './security-headers';
import { attachSocketApi, defaultSocketLimits, type SocketApiLimits } from './socket-api';
import { resolveStaticFile, safeSegments } from './static-assets';

export interface WebServerOptions {
  core: CoreService;
  /** Address to bind; default 127.0.0.1. Anything else only when the user asked for it. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer); null serves a page saying it is not built. */
  rendererDir: string | null;
  /** Most browser tabs connected at once; more are refused (503). */
  maxClients?: number;
  limits?: Partial<SocketApiLimits>;
  connectionLimits?: Partial<ConnectionLimits>;
  log?: (message: string) => void;
}

export interface ConnectionLimits {
  /** A request's headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  /** A socket with no traffic either way for this long is closed (a socket upgraded to the API is exempt). */
  idleTimeoutMs: number;
  /** Sockets open at once; more are closed on arrival. Above maxClients: pages, assets, downloads. */
  maxSockets: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxSockets: 128,
};

export interface WebServer {
  /** The page's URL, token included: what the user opens. */
  url: string;
  host: string;
  port: number;
  token: string;
  clientCount(): number;
  /** Tells every page to reconnect and rebuild its views (the collector behind it restarted). */
  restartClients(): void;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';

/** Host part of a URL: IPv6 in brackets; a wildcard bind is reached through loopback. */
export function urlHost(host: string): string {
  const h = isWildcardHost(host) ? DEFAULT_HOST : host;
  return h.includes(':') ? `[${h}]` : h;
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, errorHeaders());
  res.end(`${message}\n`);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** 401 when there is no token at all, 403 when it is wrong, null when it is right. */
function tokenRefusal(url: URL, token: string): [number, string] | null {
  const given = url.searchParams.get(TOKEN_PARAM);
  if (given === null) return [401, 'Unauthorized: open the URL netwatch serve printed (it carries ?token=)'];
  return tokenMatches(token, given) ? null : [403, 'Forbidden: wrong token'];
}

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>netwatch</title>' +
  '<p>The netwatch interface is not built. Run <code>npm run build</code>, then restart <code>netwatch serve</code>.</p>';

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? DEFAULT_HOST;
  const token = createAccessToken();
  const log = options.log ?? (() => {});
  const maxClients = options.maxClients ?? 32;
  let policy: HostPolicy | null = null;

  // Exports are fetched over HTTP (a download), so reports.export is answered here with a link.
  const downloads = createExportDownloads({
    token,
    databasePath: () => options.core.handlers.status.get({}).then((s) => s.database.path),
    log,
  });
  const core = downloads.wrap(options.core);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const api = attachSocketApi(wss, core, { ...defaultSocketLimits, ...options.limits }, log);

  async function serveRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!policy || !hostAllowed(policy, req.headers.host)) {
      return refuse(res, 403, 'Forbidden: this server answers only to the host it was started on');
    }
    const hostHeader = req.headers.host!;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'Method Not Allowed');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://netwatch.invalid');
    } catch {
      return refuse(res, 400, 'Bad Request');
    }
    if (url.pathname === API_PATH) return refuse(res, 426, 'Upgrade Required: /api is a WebSocket');

    if (url.pathname.startsWith(EXPORT_PATH_PREFIX)) {
      const refusal = tokenRefusal(url, token);
      if (refusal) return refuse(res, refusal[0], refusal[1]);
      // A HEAD would spend the one-time link without the body.
      if (req.method !== 'GET') {
        res.setHeader('Allow', 'GET');
        return refuse(res, 405, 'Method Not Allowed');
      }
      return downloads.serve(url.pathname.slice(EXPORT_PATH_PREFIX.length), res);
    }

    // The path as the file lookup will read it (decoded, empty segments dropped): `/%69ndex.html`
    // and `/index.html/` are the page too, and need the token like it.
    const segments = safeSegments(url.pathname);
    if (!segments) return refuse(res, 404, 'Not Found');
    if (segments.length === 0 || (segments.length === 1 && segments[0] === 'index.html')) {
      const refusal = tokenRefusal(url, token);
      if (refusal) return refuse(res, refusal[0], refusal[1]);
      const index = options.rendererDir ? await resolveStaticFile(options.rendererDir, '/index.html') : null;
      if (!index) {
        res.writeHead(503, { ...pageHeaders(hostHeader), 'Content-Type': 'text/html; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : NOT_BUILT);
        return;
      }
      return sendFile(req, res, index.filePath, index.size, index.contentType, pageHeaders(hostHeader));
    }

    // Assets are public: the same code ships in the package, and they carry no data. Only the
    // page (which hands the token to the client) and the socket (which carries data) need it.
    const file = options.rendererDir ? await resolveStaticFile(options.rendererDir, url.pathname) : null;
    if (!file) return refuse(res, 404, 'Not Found');
    const immutable = url.pathname.startsWith('/assets/');
    return sendFile(
      req,
      res,
      file.filePath,
      file.size,
      file.contentType,
      assetHeaders(hostHeader, immutable),
    );
  }

  function sendFile(
    req: IncomingMessage,
    res: ServerResponse,
    filePath: string,
    size: number,
    contentType: string,
    headers: ReturnType<typeof pageHeaders>,
  ): void {
    res.writeHead(200, { ...headers, 'Content-Type': contentType, 'Content-Length': size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(filePath);
    stream.on('error', (error) => {
      log(`reading ${filePath}: ${error.message}`);
      res.destroy();
    });
    stream.pipe(res);
  }

  const bounds = { ...defaultConnectionLimits, ...options.connectionLimits };
  const server = createServer(
    {
      headersTimeout: bounds.headersTimeoutMs,
      requestTimeout: bounds.requestTimeoutMs,
      keepAliveTimeout: Math.min(5000, bounds.idleTimeoutMs),
      // The two timeouts above are checked this often (Node's default is every 30 s).
      connectionsCheckingInterval: Math.min(1000, bounds.headersTimeoutMs),
    },
    (req, res) => {
      serveRequest(req, res).catch((error: unknown) => {
        log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) refuse(res, 500, 'Internal Server Error');
        else res.destroy();
      });
    },
  );
  // No 'timeout' listener: Node destroys the idle socket itself. ws clears it on an upgrade.
  server.timeout = bounds.idleTimeoutMs;
  server.maxConnections = bounds.maxSockets;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!policy || !hostAllowed(policy, req.headers.host)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!originAllowed(policy, req.headers.origin)) return refuseUpgrade(socket, 403, 'Forbidden');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://netwatch.invalid');
    } catch {
      return refuseUpgrade(socket, 400, 'Bad Request');
    }
    if (url.pathname !== API_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    const refusal = tokenRefusal(url, token);
    if (refusal) return refuseUpgrade(socket, refusal[0], refusal[0] === 401 ? 'Unauthorized' : 'Forbidden');
    if (api.clientCount() >= maxClients) return refuseUpgrade(socket, 503, 'Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  policy = hostPolicy(host, address.port);
  const url = `http://${urlHost(host)}:${address.port}/?${TOKEN_PARAM}=${token}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    host,
    port: address.port,
    token,
    clientCount: () => api.clientCount(),
    restartClients: () => api.restartClients(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        api.close();
        // Clients that do not answer the close frame must not hold the shutdown up.
        const force = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
          server.closeAllConnections();
        }, 1000);
        force.unref();
        wss.close();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
