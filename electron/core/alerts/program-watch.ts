// New and changed programs. "New": the first outbound connection of a program that is neither
// baseline, nor alerted before, nor a changed binary of a known path; its later connections count
// up on the alert while it is unread. "Changed": a known path whose binary now has another SHA-256,
// decided when both hashes are known (an unreadable binary is never compared with a readable one).
import type { LiveConnection } from '../../../shared/model';
import type { Changes, ProgramSighting } from '../monitor/changes';
import type { KnownProgram } from '../store/store';
import type { AlertDraft } from './alert-draft';
import { changedProgramText, newProgramText } from './alert-text';
import type { ProgramAlertState } from './alert-repository';
import type { RuleSet } from './rule-set';

export interface ProgramWatchSources {
  /** The registry's program (identity and baseline). */
  program(id: number): KnownProgram | undefined;
  /** What the database remembers of the program's alerts. */
  alertState(id: number): ProgramAlertState;
}

/** Program standings remembered at most; beyond it the database is asked again. */
const MAX_REMEMBERED = 50_000;

function connectionFacts(c: LiveConnection): Omit<AlertDraft, 'kind' | 'subject' | 'severity' | 'message'> {
  return {
    at: 0,
    repeats: 1,
    onlyIfOpen: false,
    refresh: false,
    programId: c.programId,
    exe: null,
    process: c.process,
    user: c.user,
    cmdline: c.cmdline,
    remoteAddress: c.remoteAddress,
    remotePort: c.remotePort,
    remoteHost: c.remoteHost,
    remoteHostSource: c.remoteHost === null ? null : (c.hostSource ?? 'reverse'),
    localAddress: c.localAddress,
    localPort: c.localPort,
    service: c.service,
    proto: c.proto,
  };
}

export class ProgramWatch {
  /** 'open': its new-program alert is (as far as we know) unread; 'settled': nothing more to say. */
  private readonly standing = new Map<number, 'open' | 'settled'>();

  constructor(private readonly sources: ProgramWatchSources) {}

  /** The drafts of one tick, and the programs whose binary a trust rule covers. */
  evaluate(changes: Changes, rules: RuleSet): { drafts: AlertDraft[]; trusted: number[] } {
    const drafts: AlertDraft[] = [];
    const trusted: number[] = [];
    for (const sighting of changes.programs) {
      if (rules.trusts(sighting.program.exe)) trusted.push(sighting.program.id);
      const changed = this.sight(sighting, changes.at);
      if (changed && !rules.suppresses(changed)) drafts.push(changed);
    }
    for (const [programId, connections] of this.outboundByProgram(changes)) {
      const draft = this.outbound(programId, connections, rules, changes.at);
      if (draft) drafts.push(draft);
    }
    return { drafts, trusted };
  }

  /** After a fold-only draft found nothing open (acknowledged meanwhile): the program is settled. */
  settle(programId: number): void {
    this.remember(programId, 'settled');
  }

  private sight(s: ProgramSighting, at: number): AlertDraft | null {
    if (s.baseline) {
      this.remember(s.program.id, 'settled');
      return null;
    }
    const before = s.previous?.sha256 ?? null;
    const after = s.program.sha256;
    if (s.kind !== 'changed' || before === null || after === null) return null;
    // A changed binary of a known path is alerted as changed, never also as new.
    this.remember(s.program.id, 'settled');
    return {
      ...connectionFacts(s.connection),
      kind: 'changed-program',
      subject: s.program.exe,
      severity: 'high',
      at,
      programId: s.program.id,
      exe: s.program.exe,
      user: s.user ?? s.connection.user,
      cmdline: s.cmdline ?? s.connection.cmdline,
      message: changedProgramText(s.program.exe, before, after, s.connection),
    };
  }

  /** Outbound connections that gained a program this tick: opened with one, or resolved later. */
  private outboundByProgram(changes: Changes): Map<number, LiveConnection[]> {
    const out = new Map<number, LiveConnection[]>();
    const add = (c: LiveConnection): void => {
      // Port 0: no peer. A TCP socket caught between bind() and listen() or connect() (state
      // CLOSE, remote 0.0.0.0:0) talks to nobody yet; its connection, when it comes, is new.
      if (c.direction !== 'outbound' || c.programId === null || c.remotePort === 0) return;
      const list = out.get(c.programId);
      if (list) list.push(c);
      else out.set(c.programId, [c]);
    };
    for (const t of changes.opened) add(t.connection);
    for (const c of changes.changed) if (c.previousProgramId !== c.connection.programId) add(c.connection);
    return out;
  }

  private outbound(
    programId: number,
    connections: LiveConnection[],
    rules: RuleSet,
    at: number,
  ): AlertDraft | null {
    const program = this.sources.program(programId);
    if (!program) return null;
    let standing = this.standing.get(programId);
    if (standing === undefined) {
      const known = program.baseline ? 'settled' : this.sources.alertState(programId);
      if (known !== 'unknown') this.remember(programId, known);
      standing = known === 'unknown' ? undefined : known;
    }
    if (standing === 'settled') return null;
    // What a rule hides (a trusted path, an ignored address or port) neither alerts nor counts.
    const seen = connections.filter(
      (c) =>
        !rules.suppresses({
          kind: 'new-program',
          exe: program.exe,
          remoteAddress: c.remoteAddress,
          remotePort: c.remotePort,
          localPort: c.localPort,
        }),
    );
    const first = seen[0];
    if (!first) return null;
    if (standing === undefined) this.remember(programId, 'open');
    return {
      ...connectionFacts(first),
      kind: 'new-program',
      subject: String(programId),
      severity: 'medium',
      at,
      repeats: seen.length,
      onlyIfOpen: standing === 'open',
      programId,
      exe: program.exe,
      message: newProgramText(first.process ?? program.name, program.exe, first),
    };
  }

  private remember(programId: number, standing: 'open' | 'settled'): void {
    if (this.standing.size >= MAX_REMEMBERED && !this.standing.has(programId)) this.standing.clear();
    this.standing.set(programId, standing);
  }
}
