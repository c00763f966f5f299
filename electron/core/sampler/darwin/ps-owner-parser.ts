// Parses the two `ps` listings that name a socket's owner, one command each for all processes:
//   ps -axww -o pid=,uid=,lstart=,comm=   ->  "  501   501 Mon Nov 20 10:00:00 2023 /Applications/Foo Bar.app/Contents/MacOS/Foo Bar"
//   ps -axww -o pid=,command=             ->  "  501 /Applications/Foo Bar.app/Contents/MacOS/Foo Bar --flag"
// comm and command go last because both may hold spaces; lstart is fixed-width in the C locale.

export interface PsIdentity {
  pid: number;
  uid: number;
  /** Process start, ms since the epoch (local time as ps printed it). */
  startedAt: number;
  /** macOS: the executable path; a bare name where ps could not read it (another user's process). */
  comm: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const IDENTITY_LINE =
  /^\s*(\d+)\s+(\d+)\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s(.*)$/;

/** lstart in the C locale ("Mon Nov 20 10:00:00 2023", day space-padded), as local time. */
function lstartToMs(fields: string[]): number | null {
  const [month, day, hour, minute, second, year] = fields;
  const monthIndex = MONTHS.indexOf(month ?? '');
  if (monthIndex < 0) return null;
  const ms = new Date(
    Number(year),
    monthIndex,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  ).getTime();
  return Number.isFinite(ms) ? ms : null;
}

export function parsePsIdentities(text: string): Map<number, PsIdentity> {
  const out = new Map<number, PsIdentity>();
  for (const line of text.split(/\r?\n/)) {
    const m = IDENTITY_LINE.exec(line);
    if (!m) continue;
    const startedAt = lstartToMs(m.slice(3, 9));
    const comm = (m[9] ?? '').trim();
    if (startedAt === null || comm === '') continue;
    const pid = Number(m[1]);
    out.set(pid, { pid, uid: Number(m[2]), startedAt, comm });
  }
  return out;
}

/**
 * pid -> command line. ps shows "(name)" (macOS) or "[name]" (Linux) for a process whose arguments
 * it may not read or that has none: null then, never a guess.
 */
export function parsePsCommandLines(text: string): Map<number, string | null> {
  const out = new Map<number, string | null>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\d+)\s(.*)$/.exec(line);
    if (!m) continue;
    const command = (m[2] ?? '').trim();
    out.set(Number(m[1]), command === '' || /^\(.*\)$|^\[.*\]$/.test(command) ? null : command);
  }
  return out;
}
