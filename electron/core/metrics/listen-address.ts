// The HOST:PORT of `--metrics`: loopback unless a host is written out, and a host must be an
// address of this machine written as an IP (or localhost), never a name that could resolve anywhere.
import { isIP } from 'node:net';

export interface ListenAddress {
  /** IPv6 without brackets. */
  host: string;
  port: number;
}

export const DEFAULT_METRICS_HOST = '127.0.0.1';

export type ParsedListenAddress = { ok: true; address: ListenAddress } | { ok: false; message: string };

/** "9464", ":9464", "127.0.0.1:9464", "[::1]:9464", "0.0.0.0:9464" (every address: only when written). */
export function parseListenAddress(text: string): ParsedListenAddress {
  const shown = JSON.stringify(text.slice(0, 80));
  const m = /^(?:(\[[0-9A-Fa-f:.]+\]|[0-9A-Za-z.]*):)?(\d{1,5})$/.exec(text);
  if (!m) return { ok: false, message: `expected PORT or HOST:PORT ([v6]:PORT for IPv6), got ${shown}` };
  const port = Number(m[2]);
  if (port > 65535) return { ok: false, message: `port out of range in ${shown}` };
  const written = m[1] ?? '';
  const host = written === '' ? DEFAULT_METRICS_HOST : written.replace(/^\[(.*)\]$/, '$1');
  if (host.toLowerCase() !== 'localhost' && isIP(host) === 0) {
    return {
      ok: false,
      message: `the host must be an IP address of this machine or localhost, got ${shown}`,
    };
  }
  return { ok: true, address: { host, port } };
}
