// The host a connection shows: the name its program asked for when kernel events saw the lookup,
// else the reverse DNS of the address, marked so every face can say which it is.
import type { HostSource } from '../../../../shared/model';

export interface ConnectionHost {
  host: string;
  source: HostSource;
}

/** From the row's asked name (sampler) and the resolver's cached reverse name. */
export function connectionHost(
  asked: string | null | undefined,
  reverse: string | null,
): ConnectionHost | null {
  if (asked) return { host: asked, source: 'asked' };
  return reverse === null ? null : { host: reverse, source: 'reverse' };
}

/**
 * What a live connection keeps from one tick to the next: an asked name once seen stays (the
 * index forgets old processes, a TIME_WAIT remnant loses its owner), a new one replaces reverse
 * DNS, and reverse DNS fills in while there is nothing better.
 */
export function keptHost(before: ConnectionHost | null, now: ConnectionHost | null): ConnectionHost | null {
  if (now?.source === 'asked') return now;
  if (before?.source === 'asked') return before;
  return now ?? before;
}
