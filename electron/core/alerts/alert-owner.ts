// Who an alert about a socket is kept per: the program's executable path, or "uid:N" for a socket
// whose process cannot be seen (another user's, without root), so it is still alerted by its user.
import type { LiveConnection } from '../../../shared/model';
import { cleanExePath } from '../monitor/program-registry';

/** The executable path, or "uid:N" for a socket whose process cannot be seen; null if neither. */
export function ownerOf(
  c: Pick<LiveConnection, 'exe' | 'uid'>,
): { owner: string; exe: string | null } | null {
  if (c.exe) {
    const exe = cleanExePath(c.exe).exe;
    return { owner: exe, exe };
  }
  return c.uid !== null ? { owner: `uid:${c.uid}`, exe: null } : null;
}
