// Names the processes that own sockets on Windows: image name, executable path, command line,
// start time and user, from Win32_Process, asked only for pids that are new or whose identity
// (name and start time, reported every tick) changed: a reused pid. A non-admin cannot read the
// path, command line or user of some system processes; those stay null, a normal state.
import type { ProcessIdentityRow } from './powershell-json';
import { parseOwnersReply } from './powershell-json';
import { OWNERS_BATCH, ownersScript } from './powershell-scripts';
import type { ShellSession } from './shell-session';

export interface Win32Owner {
  /** The identity this was looked up under: tells a reused pid apart. */
  identity: string;
  name: string | null;
  exe: string | null;
  cmdline: string | null;
  user: string | null;
  processStart: number | null;
}

function identityOf(row: ProcessIdentityRow | undefined): string {
  if (!row) return 'gone';
  return `${(row.Name ?? '').toLowerCase().replace(/\.exe$/, '')}|${row.Start ?? ''}`;
}

function text(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value;
}

export class Win32OwnerLookup {
  private owners = new Map<number, Win32Owner>();

  constructor(private readonly timeoutMs: number) {}

  /** Owners of `pids`; nothing is cached until `commit`, so a failed tick changes nothing. */
  async resolve(
    shell: ShellSession,
    pids: Iterable<number>,
    identities: Map<number, ProcessIdentityRow>,
  ): Promise<Map<number, Win32Owner>> {
    const result = new Map<number, Win32Owner>();
    const stale: number[] = [];
    for (const pid of new Set(pids)) {
      const cached = this.owners.get(pid);
      if (cached && cached.identity === identityOf(identities.get(pid))) result.set(pid, cached);
      else stale.push(pid);
    }
    for (let i = 0; i < stale.length; i += OWNERS_BATCH) {
      const batch = stale.slice(i, i + OWNERS_BATCH);
      const rows = parseOwnersReply(
        await shell.request(ownersScript(batch), { timeoutMs: this.timeoutMs }),
      ).rows;
      const byPid = new Map(rows.map((row) => [row.ProcessId, row]));
      for (const pid of batch) {
        const identity = identities.get(pid);
        const row = byPid.get(pid);
        // Gone between the two requests: keep what the identity said, nothing more.
        result.set(pid, {
          identity: identityOf(identity),
          name: text(row?.Name ?? null) ?? text(identity?.Name ?? null),
          exe: text(row?.ExecutablePath ?? null),
          cmdline: text(row?.CommandLine ?? null),
          user: text(row?.User ?? null),
          processStart: row?.CreationDate ?? identity?.Start ?? null,
        });
      }
    }
    return result;
  }

  commit(owners: Map<number, Win32Owner>): void {
    this.owners = owners;
  }
}
