// uid -> user name from /etc/passwd (what netstat -e prints without -n). Read once and again only
// when a uid is missing and the file changed, at most every few seconds: never per socket.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../seams';

/** name:password:uid:... lines; later duplicates of a uid do not replace the first (getpwuid does the same). */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(':');
    const name = fields[0];
    const uidText = fields[2];
    if (name === undefined || name === '' || uidText === undefined || !/^\d{1,10}$/.test(uidText)) continue;
    const uid = Number(uidText);
    if (!names.has(uid)) names.set(uid, name);
  }
  return names;
}

export class UserNames {
  private names = new Map<number, string>();
  private mtimeMs = -1;
  private checkedAt = -Infinity;

  constructor(
    private readonly etcRoot: string,
    private readonly clock: Clock,
    private readonly recheckMs = 5000,
  ) {
    this.reload();
  }

  /** The user name of uid, or null when /etc/passwd does not know it (NSS/LDAP users, containers). */
  nameOf(uid: number): string | null {
    const name = this.names.get(uid);
    if (name !== undefined) return name;
    const now = this.clock.monotonic();
    if (now - this.checkedAt >= this.recheckMs) {
      this.checkedAt = now;
      this.reload();
    }
    return this.names.get(uid) ?? null;
  }

  private reload(): void {
    const file = path.join(this.etcRoot, 'passwd');
    try {
      const mtimeMs = fs.statSync(file).mtimeMs;
      if (mtimeMs === this.mtimeMs) return;
      this.names = parsePasswd(fs.readFileSync(file, 'utf8'));
      this.mtimeMs = mtimeMs;
    } catch {
      // No passwd (a minimal container): uids stay numbers.
    }
  }
}
