// Names the processes lsof found: executable path, command line and start time from `ps`, run
// only when a pid is new or no longer looks like the process cached under it (its lsof command
// name or parent changed: the pid was reused). Two ps runs list every process at once rather than
// one run per pid; the cache holds only the pids of the current tick, so it stays bounded.
import path from 'node:path';
import { runChecked } from '../checked-command';
import type { CommandRunner } from '../seams';
import type { LsofProcess } from './lsof-field-parser';
import { parsePsCommandLines, parsePsIdentities } from './ps-owner-parser';

export interface ProcessOwner {
  /** What lsof said about the process when this was looked up: tells a reused pid apart. */
  seenAs: string;
  name: string | null;
  exe: string | null;
  cmdline: string | null;
  processStart: number | null;
}

export const PS_IDENTITY_ARGS = ['-axww', '-o', 'pid=,uid=,lstart=,comm='] as const;
export const PS_COMMAND_ARGS = ['-axww', '-o', 'pid=,command='] as const;

function seenAs(process: LsofProcess): string {
  return `${process.command ?? ''}\u0000${process.ppid ?? ''}`;
}

export class OwnerLookup {
  private owners = new Map<number, ProcessOwner>();

  constructor(
    private readonly run: CommandRunner,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Owners for these processes, keyed by pid. Nothing is cached until `commit` is called with the
   * result, so a tick that fails later leaves the cache as it was.
   */
  async resolve(processes: Iterable<LsofProcess>): Promise<Map<number, ProcessOwner>> {
    const wanted = new Map<number, LsofProcess>();
    for (const p of processes) wanted.set(p.pid, p);
    const stale = [...wanted.values()].some((p) => this.owners.get(p.pid)?.seenAs !== seenAs(p));
    const result = new Map<number, ProcessOwner>();
    if (!stale) {
      for (const pid of wanted.keys()) {
        const owner = this.owners.get(pid);
        if (owner) result.set(pid, owner);
      }
      return result;
    }
    const [identityText, commandText] = await Promise.all([
      runChecked(this.run, 'ps', PS_IDENTITY_ARGS, { timeoutMs: this.timeoutMs }),
      runChecked(this.run, 'ps', PS_COMMAND_ARGS, { timeoutMs: this.timeoutMs }),
    ]);
    const identities = parsePsIdentities(identityText);
    const commandLines = parsePsCommandLines(commandText);
    for (const [pid, p] of wanted) {
      const identity = identities.get(pid);
      // A process that exited between lsof and ps keeps lsof's name and nothing else: normal.
      const exe = identity && identity.comm.startsWith('/') ? identity.comm : null;
      result.set(pid, {
        seenAs: seenAs(p),
        name: exe ? path.posix.basename(exe) : (p.command ?? identity?.comm ?? null),
        exe,
        cmdline: identity ? (commandLines.get(pid) ?? null) : null,
        processStart: identity?.startedAt ?? null,
      });
    }
    return result;
  }

  commit(owners: Map<number, ProcessOwner>): void {
    this.owners = owners;
  }
}
