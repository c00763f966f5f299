// The host a connection shows: the name its program asked for when kernel events saw it, else the
// reverse DNS of the address, marked so the view can say which it is.
import type { AskedNameIndex } from './asked-name-index';

export type HostSource = 'asked' | 'reverse';

export interface ConnectionHost {
  host: string;
  source: HostSource;
}

/** The wiring for the event feed: one call per connection, with the process that opened it. */
export function connectionHost(
  asked: AskedNameIndex | null,
  owner: { pid: number; startTicks: number } | null,
  address: string,
  atMs: number,
  reverse: string | null,
): ConnectionHost | null {
  const name = asked && owner ? asked.nameFor(owner.pid, owner.startTicks, address, atMs) : null;
  if (name !== null) return { host: name, source: 'asked' };
  return reverse === null ? null : { host: reverse, source: 'reverse' };
}
