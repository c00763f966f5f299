// The one line a person reads for each alert: who did what, where. Plain text: the faces escape it
// for their medium (terminal, HTML), since names and paths come from whoever runs a process.
import { formatBytes } from '../../../shared/byte-units';
import type { LiveConnection, Proto } from '../../../shared/model';

export function endpointText(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

type Remote = Pick<LiveConnection, 'remoteHost' | 'hostSource'>;

/** The name asked for leads ("telemetry.vendor.example at 192.0.2.1:443"); reverse DNS is said to be one. */
function placeText(place: string, c: Remote, service: string | null): string {
  const asked = c.remoteHost !== null && c.hostSource === 'asked';
  const reverse = c.remoteHost !== null && !asked ? `${c.remoteHost} by reverse DNS` : null;
  const names = [reverse, service].filter((n): n is string => n !== null && n !== '');
  return (asked ? `${c.remoteHost} at ${place}` : place) + (names.length ? ` (${names.join(', ')})` : '');
}

function remoteText(c: Pick<LiveConnection, 'remoteAddress' | 'remotePort' | 'service'> & Remote): string {
  return placeText(endpointText(c.remoteAddress, c.remotePort), c, c.service);
}

type Place = Pick<LiveConnection, 'netns' | 'unit'>;

/** Where the owner runs, as the system collector tags it: its container or unit, its namespace. */
function placeFacts(c: Place): string[] {
  return [c.unit ? `in ${c.unit}` : null, c.netns ? `netns ${c.netns}` : null].filter(
    (f): f is string => f !== null,
  );
}

function who(name: string, c: Pick<LiveConnection, 'pid' | 'user'> & Place): string {
  const facts = [
    c.pid !== null ? `pid ${c.pid}` : null,
    c.user !== null ? `user ${c.user}` : null,
    ...placeFacts(c),
  ].filter((f): f is string => f !== null);
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
  const place = placeFacts(c);
  return `${owner}${place.length ? ` (${place.join(', ')})` : ''} listens on ${c.proto}${c.family === 6 ? '6' : ''} ${endpointText(c.localAddress, c.localPort)} for the first time (${reach})`;
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

/** Where most of a program's bytes went: a remote address and its name. */
export interface TopRemote extends Remote {
  address: string;
  sent: number;
}

function minutesText(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

export function trafficVolumeText(
  name: string,
  c: Pick<LiveConnection, 'pid' | 'user'> & Place,
  sent: number,
  protos: ReadonlySet<Proto>,
  windowMinutes: number,
  threshold: number,
  top: TopRemote,
): string {
  const over = [...protos]
    .sort()
    .map((p) => p.toUpperCase())
    .join(' and ');
  return `${who(name, c)} sent ${formatBytes(sent)} over ${over} within ${minutesText(windowMinutes)}, most of it (${formatBytes(top.sent)}) to ${placeText(top.address, top, null)} (more than ${formatBytes(threshold)})`;
}
