// Flood hints, as netstat users look for them: more than N established inbound connections from one
// remote address, or more than M sockets in SYN_RECV, within the window (settings). A connection
// counts while it is live in that state and for the window after it left it, so both many at once
// and a fast churn show. An alert is raised when a count crosses its threshold, refreshed while
// the count climbs, and raised again only after the count fell back below it.
import type { LiveConnection, Settings } from '../../../shared/model';
import type { Changes } from '../monitor/changes';
import type { AlertDraft } from './alert-draft';
import { floodRemoteText, synFloodText } from './alert-text';
import type { RuleSet } from './rule-set';
import { WindowCounter } from './window-counter';

const SYN_KEY = 'SYN_RECV';

/** One family of counted sockets: the live ones by key, and those that left within the window. */
class CountedSockets {
  /** Connection key -> the group it is counted in (remote address, or SYN_KEY). */
  private readonly live = new Map<string, string>();
  private readonly liveByGroup = new Map<string, number>();
  readonly left = new WindowCounter();

  update(key: string, group: string | null, at: number): void {
    const was = this.live.get(key);
    if (was === group || (was === undefined && group === null)) return;
    if (was !== undefined) {
      this.live.delete(key);
      const n = this.liveByGroup.get(was)! - 1;
      if (n > 0) this.liveByGroup.set(was, n);
      else this.liveByGroup.delete(was);
      this.left.add(was, 1, at);
    }
    if (group !== null) {
      this.live.set(key, group);
      this.liveByGroup.set(group, (this.liveByGroup.get(group) ?? 0) + 1);
    }
  }

  count(group: string): number {
    return (this.liveByGroup.get(group) ?? 0) + this.left.count(group);
  }

  groups(): Set<string> {
    return new Set([...this.liveByGroup.keys(), ...this.left.keys()]);
  }
}

export class FloodWatch {
  private readonly remotes = new CountedSockets();
  private readonly synRecv = new CountedSockets();
  /** Groups over their threshold now -> the highest count alerted. */
  private readonly peaks = new Map<string, number>();

  evaluate(changes: Changes, rules: RuleSet, settings: Settings): AlertDraft[] {
    const at = changes.at;
    const seen = (c: LiveConnection): void => {
      const established =
        c.direction === 'inbound' && c.state === 'ESTABLISHED' && !rules.ignoresPort(c.localPort);
      this.remotes.update(c.key, established ? c.remoteAddress : null, at);
      this.synRecv.update(c.key, c.proto === 'tcp' && c.state === 'SYN_RECV' ? SYN_KEY : null, at);
    };
    for (const t of changes.opened) seen(t.connection);
    for (const c of changes.changed) seen(c.connection);
    for (const c of changes.closed) {
      this.remotes.update(c.connection.key, null, at);
      this.synRecv.update(c.connection.key, null, at);
    }
    const windowMs = settings.floodWindowSeconds * 1000;
    this.remotes.left.expire(at, windowMs);
    this.synRecv.left.expire(at, windowMs);

    const drafts: AlertDraft[] = [];
    const threshold = settings.floodRemoteThreshold;
    const over = new Set<string>();
    for (const address of this.remotes.groups()) {
      const count = this.remotes.count(address);
      if (count <= threshold) continue;
      over.add(address);
      const draft = this.crossed(address, count, at, {
        kind: 'flood-remote',
        remoteAddress: address,
        message: floodRemoteText(address, count, settings.floodWindowSeconds, threshold),
      });
      if (draft && !rules.suppresses({ ...draft, localPort: null })) drafts.push(draft);
    }
    const syn = this.synRecv.count(SYN_KEY);
    if (syn > settings.synRecvThreshold) {
      over.add(SYN_KEY);
      const draft = this.crossed(SYN_KEY, syn, at, {
        kind: 'syn-flood',
        remoteAddress: null,
        message: synFloodText(syn, settings.floodWindowSeconds, settings.synRecvThreshold),
      });
      if (draft && !rules.suppresses(draft)) drafts.push(draft);
    }
    for (const group of this.peaks.keys()) if (!over.has(group)) this.peaks.delete(group);
    return drafts;
  }

  /** A draft when the group just crossed its threshold (a new occurrence) or climbed (a refresh). */
  private crossed(
    group: string,
    count: number,
    at: number,
    what: Pick<AlertDraft, 'kind' | 'remoteAddress' | 'message'>,
  ): AlertDraft | null {
    const peak = this.peaks.get(group);
    if (peak !== undefined && count <= peak) return null;
    this.peaks.set(group, count);
    return {
      ...what,
      subject: group,
      severity: 'high',
      at,
      repeats: peak === undefined ? 1 : 0,
      onlyIfOpen: peak !== undefined,
      refresh: true,
      programId: null,
      exe: null,
      process: null,
      user: null,
      cmdline: null,
      remotePort: null,
      remoteHost: null,
      localAddress: null,
      localPort: null,
      service: null,
      proto: 'tcp',
    };
  }
}
