// Which Host (and Origin) headers the headless server answers: the defence against DNS rebinding,
// where a hostile page's own domain is re-pointed at 127.0.0.1 and its requests carry that domain.
import { isIP } from 'node:net';

export interface HostPolicy {
  port: number;
  /** Host names (lowercase, IPv6 without brackets) accepted as they are. */
  names: ReadonlySet<string>;
  /** Wildcard binds: any IP literal is accepted (rebinding needs a DNS name, never an IP). */
  anyIpLiteral: boolean;
}

export function isLoopbackHost(host: string): boolean {
  const h = normalizeHostname(host);
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

export function isWildcardHost(host: string): boolean {
  const h = normalizeHostname(host);
  return h === '0.0.0.0' || h === '::' || h === '';
}

export function normalizeHostname(host: string): string {
  const h = host.trim().toLowerCase();
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/** The policy for a server bound to `boundHost` (as the user gave it) on `port`. */
export function hostPolicy(boundHost: string, port: number): HostPolicy {
  const bound = normalizeHostname(boundHost);
  if (isWildcardHost(bound)) return { port, names: new Set(['localhost']), anyIpLiteral: true };
  const names = new Set([bound]);
  // localhost cannot be re-pointed by a third party, so it is as safe as the loopback address.
  if (isLoopbackHost(bound)) names.add('localhost');
  return { port, names, anyIpLiteral: false };
}

/** "name:port", "[v6]:port", "name" (port 80) -> parts; null when it is not a host header. */
export function parseHostHeader(value: string): { hostname: string; port: number } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s/@]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) return null;
  const port = m[2] === undefined ? 80 : Number(m[2]);
  if (port > 65535) return null;
  return { hostname: normalizeHostname(m[1]!), port };
}

export function hostAllowed(policy: HostPolicy, header: string | undefined): boolean {
  if (!header) return false;
  const parsed = parseHostHeader(header);
  if (!parsed || parsed.port !== policy.port) return false;
  if (policy.names.has(parsed.hostname)) return true;
  return policy.anyIpLiteral && isIP(parsed.hostname) !== 0;
}

/**
 * A browser always sends Origin on a WebSocket upgrade: it must be this server's own page.
 * Clients that are not browsers send none; they still need the token.
 */
export function originAllowed(policy: HostPolicy, origin: string | undefined): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  return hostAllowed(policy, url.host);
}
