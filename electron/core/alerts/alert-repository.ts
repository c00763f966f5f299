// The alert engine's tables over one SQLite connection: alerts (fold a draft into the open alert
// of its kind and subject, or open one), acknowledgements, rules (adding one settles the open alerts
// it covers), ports known to be listened on, and what the database remembers of a program's alerts.
// Used by the recorder's stage, the contract's handlers and the CLI, each on its own connection.
import type Database from 'better-sqlite3';
import type { AlertRecord, RuleKind, RuleRecord } from '../../../shared/model';
import { moreSevere, type AlertDraft } from './alert-draft';
import { toAlertRecord, type AlertRow } from './alert-row';
import { RuleSet } from './rule-set';

interface RuleRow {
  id: number;
  kind: RuleKind;
  value: string;
  note: string | null;
  created_at: number;
}

type Params = Record<string, string | number | null>;

function toRuleRecord(r: RuleRow): RuleRecord {
  return { id: r.id, kind: r.kind, value: r.value, createdAt: r.created_at, note: r.note };
}

function detailParams(d: AlertDraft): Params {
  return {
    severity: d.severity,
    program_id: d.programId,
    exe: d.exe,
    process: d.process,
    user: d.user,
    cmdline: d.cmdline,
    remote_address: d.remoteAddress,
    remote_port: d.remotePort,
    remote_host: d.remoteHost,
    remote_host_source: d.remoteHost === null ? null : (d.remoteHostSource ?? 'reverse'),
    local_address: d.localAddress,
    local_port: d.localPort,
    service: d.service,
    proto: d.proto,
    message: d.message,
  };
}

/** What the database says about a program's new-program alert. */
export type ProgramAlertState = 'open' | 'settled' | 'unknown';

/** The outcome of recording a draft: the alert as it now is, and whether it was opened by it. */
export interface Recorded {
  alert: AlertRecord;
  opened: boolean;
}

export const DEFAULT_LIST_LIMIT = 500;

export class AlertRepository {
  private readonly selectOpen: Database.Statement<[string, string], AlertRow>;
  private readonly selectAlert: Database.Statement<[number], AlertRow>;
  private readonly insertAlert: Database.Statement<[Params], unknown>;
  private readonly bumpAlert: Database.Statement<[Params], unknown>;
  private readonly replaceAlert: Database.Statement<[Params], unknown>;
  private readonly listAll: Database.Statement<[number], AlertRow>;
  private readonly listUnread: Database.Statement<[number], AlertRow>;
  private readonly countUnread: Database.Statement<[], { n: number }>;
  private readonly ackOne: Database.Statement<[number, number], unknown>;
  private readonly ackEvery: Database.Statement<[number], unknown>;
  private readonly programAlert: Database.Statement<[number], { kind: string; open: number }>;
  private readonly programRow: Database.Statement<[number], { exe: string; baseline: number }>;
  private readonly earlierProgram: Database.Statement<
    [string, number],
    { id: number; sha256: string | null; baseline: number }
  >;
  private readonly learnListenerStatement: Database.Statement<[string, string, number, number], unknown>;
  private readonly listRules: Database.Statement<[], RuleRow>;
  private readonly selectRule: Database.Statement<[string, string], RuleRow>;
  private readonly selectRuleById: Database.Statement<[number], RuleRow>;
  private readonly insertRule: Database.Statement<[string, string, string | null, number], unknown>;
  private readonly deleteRule: Database.Statement<[number], unknown>;
  private readonly ruleSignature: Database.Statement<[], { n: number; last: number | null }>;
  private readonly setTrusted: Database.Statement<[number, string], unknown>;
  private readonly setTrustedById: Database.Statement<[number], unknown>;

  constructor(private readonly db: Database.Database) {
    this.selectOpen = db.prepare(
      'SELECT * FROM alerts WHERE kind = ? AND subject = ? AND acknowledged_at IS NULL',
    );
    this.selectAlert = db.prepare('SELECT * FROM alerts WHERE id = ?');
    this.insertAlert = db.prepare(`
      INSERT INTO alerts (kind, subject, severity, created_at, last_at, count, program_id, exe, process, user,
        cmdline, remote_address, remote_port, remote_host, remote_host_source, local_address, local_port, service,
        proto, message)
      VALUES (:kind, :subject, :severity, :at, :at, :count, :program_id, :exe, :process, :user,
        :cmdline, :remote_address, :remote_port, :remote_host, :remote_host_source, :local_address, :local_port, :service, :proto, :message)`);
    this.bumpAlert = db.prepare(
      'UPDATE alerts SET count = count + :repeats, last_at = max(last_at, :at) WHERE id = :id',
    );
    this.replaceAlert = db.prepare(`
      UPDATE alerts SET count = count + :repeats, last_at = max(last_at, :at), severity = :severity,
        program_id = :program_id, exe = :exe, process = :process, user = :user, cmdline = :cmdline,
        remote_address = :remote_address, remote_port = :remote_port, remote_host = :remote_host,
        remote_host_source = :remote_host_source,
        local_address = :local_address, local_port = :local_port, service = :service, proto = :proto,
        message = :message
      WHERE id = :id`);
    const order = 'ORDER BY acknowledged_at IS NOT NULL, last_at DESC, id DESC LIMIT ?';
    this.listAll = db.prepare(`SELECT * FROM alerts ${order}`);
    this.listUnread = db.prepare(`SELECT * FROM alerts WHERE acknowledged_at IS NULL ${order}`);
    this.countUnread = db.prepare('SELECT count(*) AS n FROM alerts WHERE acknowledged_at IS NULL');
    this.ackOne = db.prepare(
      'UPDATE alerts SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL',
    );
    this.ackEvery = db.prepare('UPDATE alerts SET acknowledged_at = ? WHERE acknowledged_at IS NULL');
    this.programAlert = db.prepare(`
      SELECT kind, acknowledged_at IS NULL AS open FROM alerts
      WHERE program_id = ? AND kind IN ('new-program', 'changed-program')
      ORDER BY kind = 'new-program' AND acknowledged_at IS NULL DESC LIMIT 1`);
    this.programRow = db.prepare('SELECT exe, baseline FROM programs WHERE id = ?');
    this.earlierProgram = db.prepare(
      'SELECT id, sha256, baseline FROM programs WHERE exe = ? AND id < ? ORDER BY id DESC LIMIT 1',
    );
    this.learnListenerStatement = db.prepare(
      'INSERT INTO known_listeners (owner, proto, port, first_seen) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.listRules = db.prepare('SELECT * FROM rules ORDER BY id');
    this.selectRule = db.prepare('SELECT * FROM rules WHERE kind = ? AND value = ?');
    this.selectRuleById = db.prepare('SELECT * FROM rules WHERE id = ?');
    this.insertRule = db.prepare('INSERT INTO rules (kind, value, note, created_at) VALUES (?, ?, ?, ?)');
    this.deleteRule = db.prepare('DELETE FROM rules WHERE id = ?');
    this.ruleSignature = db.prepare('SELECT count(*) AS n, max(id) AS last FROM rules');
    this.setTrusted = db.prepare('UPDATE programs SET trusted = ? WHERE exe = ?');
    this.setTrustedById = db.prepare('UPDATE programs SET trusted = 1 WHERE id = ?');
  }

  /**
   * Folds the draft into the open alert of its kind and subject (more occurrences; its details
   * when it is more severe or a refresh), or opens a new alert; null when it may only fold and
   * there is nothing open.
   */
  record(draft: AlertDraft): Recorded | null {
    const open = this.selectOpen.get(draft.kind, draft.subject);
    if (open) {
      const params = { id: open.id, repeats: draft.repeats, at: draft.at };
      if (draft.refresh || moreSevere(draft.severity, open.severity)) {
        this.replaceAlert.run({ ...detailParams(draft), ...params });
      } else {
        this.bumpAlert.run(params);
      }
      return { alert: this.get(open.id)!, opened: false };
    }
    if (draft.onlyIfOpen) return null;
    const id = Number(
      (
        this.insertAlert.run({
          ...detailParams(draft),
          kind: draft.kind,
          subject: draft.subject,
          at: draft.at,
          count: Math.max(1, draft.repeats),
        }) as Database.RunResult
      ).lastInsertRowid,
    );
    return { alert: this.get(id)!, opened: true };
  }

  get(id: number): AlertRecord | null {
    const row = this.selectAlert.get(id);
    return row ? toAlertRecord(row) : null;
  }

  /** Unread first, then the most recent; `all` false: unread only. */
  list(all: boolean, limit = DEFAULT_LIST_LIMIT): AlertRecord[] {
    return (all ? this.listAll : this.listUnread).all(limit).map(toAlertRecord);
  }

  unreadCount(): number {
    return this.countUnread.get()!.n;
  }

  /** True when the alert was unread. */
  ack(id: number, at: number): boolean {
    return (this.ackOne.run(at, id) as Database.RunResult).changes > 0;
  }

  ackAll(at: number): number {
    return (this.ackEvery.run(at) as Database.RunResult).changes;
  }

  /**
   * A program's new-program standing as the database remembers it: 'open' (its alert is unread),
   * 'settled' (known: baseline, alerted before, or a changed binary of a known path), 'unknown'.
   */
  programAlertState(programId: number): ProgramAlertState {
    const alerted = this.programAlert.get(programId);
    if (alerted) return alerted.kind === 'new-program' && alerted.open ? 'open' : 'settled';
    const program = this.programRow.get(programId);
    if (!program) return 'unknown';
    if (program.baseline) return 'settled';
    const earlier = this.earlierProgram.get(program.exe, programId);
    if (!earlier) return 'unknown';
    // A real hash before: this is a changed binary (alerted as such). An unreadable one before:
    // the same program read now, as known as it was.
    if (earlier.sha256 !== null || earlier.baseline) return 'settled';
    return this.programAlert.get(earlier.id) ? 'settled' : 'unknown';
  }

  /** Records that `owner` listens on proto/port; true when it never had before. */
  learnListener(owner: string, proto: string, port: number, at: number): boolean {
    return (this.learnListenerStatement.run(owner, proto, port, at) as Database.RunResult).changes > 0;
  }

  rules(): RuleRecord[] {
    return this.listRules.all().map(toRuleRecord);
  }

  /** Changes whenever a rule is added or removed, by any process: tells a cached RuleSet is stale. */
  rulesSignature(): string {
    const s = this.ruleSignature.get()!;
    return `${s.n}:${s.last ?? 0}`;
  }

  // Rules are written in IMMEDIATE transactions: a deferred one that reads first could not take
  // the write lock after a recorder's commit (SQLITE_BUSY_SNAPSHOT is not retried by busy_timeout).

  /**
   * Adds a rule (its value already normalised; an identical rule is returned as it is), marks the
   * programs it trusts, and acknowledges the open alerts it settles. Returns the rule and how many
   * alerts it acknowledged.
   */
  addRule(
    kind: RuleKind,
    value: string,
    note: string | null,
    at: number,
  ): { rule: RuleRecord; acknowledged: number } {
    return this.db
      .transaction(() => {
        let row = this.selectRule.get(kind, value);
        if (!row) {
          const id = Number(
            (this.insertRule.run(kind, value, note, at) as Database.RunResult).lastInsertRowid,
          );
          row = this.selectRuleById.get(id)!;
        }
        const rule = toRuleRecord(row);
        if (kind === 'trust-program') this.setTrusted.run(1, value);
        const rules = new RuleSet([rule]);
        let acknowledged = 0;
        for (const alert of this.list(false, Number.MAX_SAFE_INTEGER)) {
          if (rules.settles(alert) && this.ack(alert.id, at)) acknowledged++;
        }
        return { rule, acknowledged };
      })
      .immediate();
  }

  /** Removes a rule; a program no rule trusts any more is marked untrusted. */
  removeRule(id: number): boolean {
    return this.db
      .transaction(() => {
        const row = this.selectRuleById.get(id);
        if (!row) return false;
        this.deleteRule.run(id);
        if (row.kind === 'trust-program') this.setTrusted.run(0, row.value);
        return true;
      })
      .immediate();
  }

  /** Marks a program trusted (a new binary at a trusted path, seen after the rule was added). */
  markTrusted(programId: number): void {
    this.setTrustedById.run(programId);
  }
}
