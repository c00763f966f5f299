// The traffic alert, GlassWire's data-cap and exfiltration hint: a program that sent more than the
// threshold within the sliding window (Settings), once per program per window. The bytes are the
// ones the monitor adds to the traffic series (Changes.moved): known counts only, never negative,
// so a UDP socket without kernel events (count unknown) adds nothing rather than 0s that pass for
// facts. While a program stays over, it is raised again only after a window (the cooldown), which
// folds into its open alert with the new amount.
import type { LiveConnection, Proto, Settings } from '../../../shared/model';
import type { Changes } from '../monitor/changes';
import type { AlertDraft } from './alert-draft';
import { ownerOf } from './alert-owner';
import { trafficVolumeText, type TopRemote } from './alert-text';
import type { RuleSet } from './rule-set';
import { WindowCounter } from './window-counter';

const MIB = 2 ** 20;
/** Buckets per window: a window is exact to 1/600 of itself (one second for 10 minutes). */
const BUCKETS_PER_WINDOW = 600;

/** What the alert says about a program: its last connection that sent, the protocols it sent over. */
interface Sender {
  owner: string;
  exe: string | null;
  connection: LiveConnection;
  protos: Set<Proto>;
}

export class TrafficWatch {
  private sent = new WindowCounter();
  /** Keyed "owner\naddress": where each program's bytes went. */
  private toRemote = new WindowCounter();
  private readonly senders = new Map<string, Sender>();
  /** Keyed as toRemote: the name of the address as the program's last connection to it showed it. */
  private readonly hosts = new Map<string, Pick<LiveConnection, 'remoteHost' | 'hostSource'>>();
  /** Owner -> when it was last alerted (the cooldown). */
  private readonly raisedAt = new Map<string, number>();

  /** `ownPid`: netwatch's own process (its browser mode sends every delta), never alerted. */
  constructor(private readonly ownPid: number) {}

  evaluate(changes: Pick<Changes, 'at' | 'moved'>, rules: RuleSet, settings: Settings): AlertDraft[] {
    if (!settings.trafficAlertEnabled || rules.mutes('traffic-volume')) {
      if (this.senders.size > 0 || this.raisedAt.size > 0) this.reset(this.sent.bucketMs);
      return [];
    }
    const at = changes.at;
    const windowMs = settings.trafficWindowMinutes * 60_000;
    const bucketMs = Math.max(1000, Math.floor(windowMs / BUCKETS_PER_WINDOW));
    // Another window: counts kept in the old buckets would slide wrongly; start over.
    if (bucketMs !== this.sent.bucketMs) this.reset(bucketMs);

    const touched = new Set<string>();
    for (const { connection: c, sent } of changes.moved) {
      if (!(sent > 0) || !Number.isFinite(sent) || c.pid === this.ownPid) continue;
      const who = ownerOf(c);
      if (!who || this.ignored(c, rules)) continue;
      const remoteKey = `${who.owner}\n${c.remoteAddress}`;
      this.sent.add(who.owner, sent, at);
      this.toRemote.add(remoteKey, sent, at);
      this.hosts.set(remoteKey, { remoteHost: c.remoteHost, hostSource: c.hostSource ?? null });
      const sender = this.senders.get(who.owner);
      if (sender) {
        sender.connection = c;
        sender.protos.add(c.proto);
      } else this.senders.set(who.owner, { ...who, connection: c, protos: new Set([c.proto]) });
      touched.add(who.owner);
    }
    this.expire(at, windowMs);

    const threshold = settings.trafficAlertMb * MIB;
    const drafts: AlertDraft[] = [];
    for (const owner of touched) {
      const total = this.sent.count(owner);
      const last = this.raisedAt.get(owner);
      if (total <= threshold || (last !== undefined && at - last < windowMs)) continue;
      const draft = this.draft(this.senders.get(owner)!, total, at, settings, threshold);
      if (rules.suppresses(draft)) continue;
      this.raisedAt.set(owner, at);
      drafts.push(draft);
    }
    return drafts;
  }

  /** Bytes to an ignored address, AS or port do not count: "connections there raise no alerts". */
  private ignored(c: LiveConnection, rules: RuleSet): boolean {
    const port = c.direction === 'inbound' ? c.localPort : c.remotePort;
    return (
      rules.ignoresAddress(c.remoteAddress) || rules.ignoresAs(c.remoteAddress) || rules.ignoresPort(port)
    );
  }

  private expire(at: number, windowMs: number): void {
    const held = this.sent.size;
    this.sent.expire(at, windowMs);
    this.toRemote.expire(at, windowMs);
    for (const [owner, last] of this.raisedAt) if (at - last >= windowMs) this.raisedAt.delete(owner);
    if (this.sent.size === held) return;
    // Something left the window: forget the programs and places it held the last bytes of.
    for (const owner of this.senders.keys()) if (this.sent.count(owner) === 0) this.senders.delete(owner);
    for (const key of this.hosts.keys()) if (this.toRemote.count(key) === 0) this.hosts.delete(key);
  }

  private reset(bucketMs: number): void {
    this.sent = new WindowCounter(undefined, bucketMs);
    this.toRemote = new WindowCounter(undefined, bucketMs);
    this.senders.clear();
    this.hosts.clear();
    this.raisedAt.clear();
  }

  private topRemote(owner: string): TopRemote {
    const prefix = `${owner}\n`;
    let best: TopRemote = { address: '?', sent: 0, remoteHost: null, hostSource: null };
    for (const key of this.toRemote.keys()) {
      if (!key.startsWith(prefix)) continue;
      const sent = this.toRemote.count(key);
      if (sent > best.sent) {
        const host = this.hosts.get(key);
        best = {
          address: key.slice(prefix.length),
          sent,
          remoteHost: host?.remoteHost ?? null,
          hostSource: host?.hostSource ?? null,
        };
      }
    }
    return best;
  }

  private draft(
    sender: Sender,
    total: number,
    at: number,
    settings: Settings,
    threshold: number,
  ): AlertDraft {
    const c = sender.connection;
    const top = this.topRemote(sender.owner);
    const name =
      c.process ??
      sender.exe ??
      (c.user !== null ? `a process of ${c.user}` : `a process of ${sender.owner}`);
    return {
      kind: 'traffic-volume',
      subject: sender.owner,
      severity: 'medium',
      at,
      repeats: 1,
      onlyIfOpen: false,
      // A later window's alert, folded into an open one, says its own amount.
      refresh: true,
      programId: c.programId,
      exe: sender.exe,
      process: c.process,
      user: c.user,
      cmdline: c.cmdline,
      remoteAddress: top.address,
      remotePort: null,
      remoteHost: top.remoteHost,
      remoteHostSource: top.hostSource,
      localAddress: null,
      localPort: null,
      service: null,
      proto: sender.protos.size === 1 ? c.proto : null,
      message: trafficVolumeText(
        name,
        c,
        total,
        sender.protos,
        settings.trafficWindowMinutes,
        threshold,
        top,
      ),
    };
  }
}
