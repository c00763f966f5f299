// The one line a person reads for each alert: who did what, where. Plain text: the faces escape it
// for their medium (terminal, HTML), since names and paths come from whoever runs a process.
import type { LiveConnection } from '../../../shared/model';

export function endpointText(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The name asked for leads ("telemetry.vendor.example at 192.0.2.1:443"); reverse DNS is said to be one. */
function remoteText(
  c: Pick<LiveConnection, 'remoteAddress' | 'remotePort' | 'remoteHost' | 'hostSource' | 'service'>,
): string {
  const endpoint = endpointText(c.remoteAddress, c.remotePort);
  const asked = c.remoteHost !== null && c.hostSource === 'asked';
  const reverse = c.remoteHost !== null && !asked ? `${c.remoteHost} by reverse DNS` : null;
  const names = [reverse, c.service].filter((n): n is string => n !== null && n !== '');
  return (
    (asked ? `${c.remoteHost} at ${endpoint}` : endpoint) + (names.length ? ` (${names.join(', ')})` : '')
  );
}

function who(name: string, c: Pick<LiveConnection, 'pid' | 'user'>): string {
  const facts = [c.pid !== null ? `pid ${c.pid}` : null, c.user !== null ? `user ${c.user}` : null].filter(
    (f): f is string => f !== null,
  );
  return facts.length ? `${name} (${facts.join(', ')})` : name;
}

export function newProgramText(name: string, exe: string, c: LiveConnection): string {
  return `${who(name, c)} connected to ${remoteText(c)}: ${exe} was never seen before`;
}

export function changedProgramText(exe: string, before: string, after: string, c: LiveConnection): string {
  return `${exe} changed: SHA-256 ${before.slice(0, 12)}… is now ${after.slice(0, 12)}… (${who(c.process ?? 'process', c)})`;
}

export function newListenerText(owner: string, c: LiveConnection, loopback: boolean): string {
  const reach = loopback ? 'loopback only' : 'reachable from the network';
  return `${owner} listens on ${c.proto}${c.family === 6 ? '6' : ''} ${endpointText(c.localAddress, c.localPort)} for the first time (${reach})`;
}

export function floodRemoteText(
  address: string,
  count: number,
  windowSeconds: number,
  threshold: number,
): string {
  return `${count} established connections from ${address} within ${windowSeconds} s (more than ${threshold})`;
}

export function synFloodText(count: number, windowSeconds: number, threshold: number): string {
  return `${count} half-open connections (SYN_RECV) within ${windowSeconds} s (more than ${threshold})`;
}
