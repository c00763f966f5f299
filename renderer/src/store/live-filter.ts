// The Live view's filters, as netstat's switches and a search box: all/listening/connected,
// TCP/UDP, IPv4/IPv6, state, direction, program, and free text over what a row shows.
import type { Direction, LiveConnection } from '../../../shared/model';

export interface LiveFilter {
  scope: 'all' | 'listening' | 'connected';
  proto: 'any' | 'tcp' | 'udp' | 'raw';
  family: 'any' | '4' | '6';
  /** netstat state name, '' for any. */
  state: string;
  direction: '' | Direction;
  /** Program id (from the Programs view), or null. */
  programId: number | null;
  /** Case-insensitive text over addresses, ports, names, users, pids and paths. */
  search: string;
  /** The collector's tags: a network namespace ('' any, HOST_NETNS the collector's own). */
  netns: string;
  /** Part of the container or unit name, case-insensitive. */
  unit: string;
}

/** The netns filter's value for sockets in the collector's own namespace (no tag). */
export const HOST_NETNS = '(host)';

export const defaultLiveFilter: LiveFilter = {
  scope: 'all',
  proto: 'any',
  family: 'any',
  state: '',
  direction: '',
  programId: null,
  search: '',
  netns: '',
  unit: '',
};

/** What the search box looks through, lower-cased; cached per connection object. */
const haystacks = new WeakMap<LiveConnection, string>();
function haystack(c: LiveConnection): string {
  let text = haystacks.get(c);
  if (text === undefined) {
    text = [
      c.proto,
      `${c.localAddress}:${c.localPort}`,
      `${c.remoteAddress}:${c.remotePort}`,
      c.remoteHost,
      c.service,
      c.state,
      c.direction,
      c.user,
      c.uid,
      c.pid,
      c.process,
      c.exe,
      c.cmdline,
    ]
      .filter((v) => v !== null && v !== undefined)
      .join('\u0000')
      .toLowerCase();
    haystacks.set(c, text);
  }
  return text;
}

export function isListening(c: LiveConnection): boolean {
  return c.direction === 'listen' || c.state === 'LISTEN';
}

/** A predicate for the filter, built once per filter change. */
export function liveMatcher(filter: LiveFilter): (c: LiveConnection) => boolean {
  const terms = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  const family = filter.family === 'any' ? null : Number(filter.family);
  const unit = filter.unit.trim().toLowerCase();
  return (c) => {
    if (filter.scope === 'listening' && !isListening(c)) return false;
    if (filter.scope === 'connected' && isListening(c)) return false;
    if (filter.proto !== 'any' && c.proto !== filter.proto) return false;
    if (family !== null && c.family !== family) return false;
    if (filter.state && (c.state ?? '') !== filter.state) return false;
    if (filter.direction && c.direction !== filter.direction) return false;
    if (filter.programId !== null && c.programId !== filter.programId) return false;
    if (filter.netns && (c.netns || HOST_NETNS) !== filter.netns) return false;
    if (unit && !(c.unit ?? '').toLowerCase().includes(unit)) return false;
    if (terms.length > 0) {
      const text = haystack(c);
      for (const term of terms) if (!text.includes(term)) return false;
    }
    return true;
  };
}

export function isFiltered(filter: LiveFilter): boolean {
  return (Object.keys(defaultLiveFilter) as (keyof LiveFilter)[]).some(
    (k) => filter[k] !== defaultLiveFilter[k],
  );
}
