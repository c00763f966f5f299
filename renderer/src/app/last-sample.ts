// Which last sample the status bar shows: the status is polled every 5 s, while the live table
// hears of every tick within the second, so the newer of the two. Shown from the table, the time
// changes with the tick's own render instead of on a frame of its own when the poll lands.

export interface LastSample {
  at: number | null;
  ms: number | null;
}

export function lastSample(
  status: { lastTickAt: number | null; lastTickMs: number | null },
  table: { loaded: boolean; at: number; lastTickMs: number | null },
): LastSample {
  if (table.loaded && table.at > (status.lastTickAt ?? 0))
    return { at: table.at, ms: table.lastTickMs ?? status.lastTickMs };
  return { at: status.lastTickAt, ms: status.lastTickMs };
}
