// TIME_WAIT remnants between bench parts: a load's sockets stay a minute after it ends, and a
// part measured meanwhile would read another load's sockets (ss and netwatch alike).
import { readFileSync } from 'node:fs';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** TIME_WAIT sockets on the machine now (the kernel's count, /proc/net/sockstat). */
export function timeWaits(): number {
  const match = /\btw (\d+)/.exec(readFileSync('/proc/net/sockstat', 'utf8'));
  return match ? Number(match[1]) : 0;
}

/**
 * Waits (a minute at most, the remnants' lifetime) until the remnants of a load before this one
 * are gone: 20,000 of them from a 10,000-connection part make `ss` and the recorder alike read 60x
 * the desktop's sockets, and the desktop's figures would be another load's.
 */
export async function settleTimeWaits(limit: number): Promise<void> {
  const before = timeWaits();
  if (before <= limit) return;
  const until = Date.now() + 65_000;
  while (timeWaits() > limit && Date.now() < until) await sleep(1000);
  console.log(`  (waited for ${before} TIME_WAIT remnants of an earlier load to go: ${timeWaits()} left)`);
}
