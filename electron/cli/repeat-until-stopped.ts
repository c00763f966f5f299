// Runs a listing now and then every interval until the signal aborts (Ctrl-C, a closed pipe).
// The wait is abortable, so a stop is immediate and leaves no timer behind.
import { setTimeout as sleep } from 'node:timers/promises';

export async function repeatUntilStopped(
  intervalMs: number,
  signal: AbortSignal,
  work: () => Promise<void>,
): Promise<void> {
  while (!signal.aborted) {
    await work();
    if (signal.aborted) return;
    try {
      await sleep(intervalMs, undefined, { signal });
    } catch {
      return; // aborted while waiting
    }
  }
}
