// Bounded label cardinality for per-program metrics: the programs with the most live connections
// keep their own label, every other program is summed into one "other" series.
import type { LiveConnection } from '../../../shared/model';
import { terminalText } from '../../../shared/terminal-text';

export const OTHER_PROGRAM = 'other';

/**
 * The label of a connection's program: the executable's base name, else the short process name,
 * else "unknown" (an owner out of sight: another user's socket without root, TIME_WAIT).
 * A program that is itself called "other" is told apart from the bucket.
 */
export function programLabel(connection: Pick<LiveConnection, 'exe' | 'process'>): string {
  const exe = connection.exe;
  const name = exe ? exe.slice(exe.lastIndexOf('/') + 1) || exe : connection.process || 'unknown';
  // The exposition format takes any text, but people read /metrics with curl in a terminal:
  // control and bidi characters are shown as \x1b, \u202e, ..., never sent as they are.
  const label = terminalText(name);
  return label === OTHER_PROGRAM ? `${OTHER_PROGRAM} (program)` : label;
}

/** Live connection counts by program label, kept up to date one change at a time. */
export class ProgramCounts {
  private readonly counts = new Map<string, number>();

  add(label: string, by: number): void {
    const next = (this.counts.get(label) ?? 0) + by;
    // A program with no connection left is forgotten: the map holds live programs only.
    if (next <= 0) this.counts.delete(label);
    else this.counts.set(label, next);
  }

  /** The `limit` largest (ties by name, so the choice is stable) and the sum of the rest. */
  top(limit: number): { top: [string, number][]; rest: number } {
    const entries = [...this.counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    let rest = 0;
    for (let i = limit; i < entries.length; i++) rest += entries[i]![1];
    return { top: entries.slice(0, limit), rest };
  }
}
