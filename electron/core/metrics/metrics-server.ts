// Serves the metrics to Prometheus: GET /metrics on the address asked for (loopback by default).
// On a loopback address the Host header must name it, as for serve: a web page that re-points its
// own domain at 127.0.0.1 (DNS rebinding) must not read this machine's program names.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostAllowed, hostPolicy, isLoopbackHost } from '../../web/host-guard';
import type { ListenAddress } from './listen-address';

export interface MetricsSource {
  text(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsServer {
  /** http://host:port/metrics, with the port actually bound (0 picks a free one). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export function startMetricsServer(
  source: MetricsSource,
  address: ListenAddress,
  log: (message: string) => void,
): Promise<MetricsServer> {
  let check: ((host: string | undefined) => boolean) | null = null;
  const server = http.createServer((request, response) => {
    if (check && !check(request.headers.host)) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('unknown host\n');
      return;
    }
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('see /metrics\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    source.text().then(
      (text) => {
        response.writeHead(200, { 'content-type': source.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        log(`metrics: ${error instanceof Error ? error.message : String(error)}`);
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics failed\n');
      },
    );
  });
  // Prometheus keeps its connection open between scrapes; close() must not wait for it.
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      server.on('error', (error) => log(`metrics: ${error.message}`));
      const port = (server.address() as AddressInfo).port;
      if (isLoopbackHost(address.host)) {
        const policy = hostPolicy(address.host, port);
        check = (host) => hostAllowed(policy, host);
      }
      const shown = address.host.includes(':') ? `[${address.host}]` : address.host;
      resolve({
        url: `http://${shown}:${port}/metrics`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
