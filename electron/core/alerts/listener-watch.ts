// New listeners: a program (or, when its process cannot be seen, a user) listening on a TCP or UDP
// port it was never seen listening on. The first tick of a first run learns what already listens.
// A listener reachable from the network is flagged high; one on loopback only, low.
import type { LiveConnection } from '../../../shared/model';
import type { Changes } from '../monitor/changes';
import type { AlertDraft } from './alert-draft';
import { ownerOf } from './alert-owner';
import { ephemeralPorts, type PortRange } from './ephemeral-ports';
import { newListenerText } from './alert-text';
import { parsePrefix, prefixContains, type IpPrefix } from './ip-prefix';
import type { RuleSet } from './rule-set';

/** A listener the database has to be asked about: is (owner, proto, port) new? */
export interface ListenerSighting {
  owner: string;
  proto: string;
  port: number;
  /** null: learn it silently (the first run's baseline). */
  draft: AlertDraft | null;
}

const LOOPBACK: IpPrefix[] = ['127.0.0.0/8', '::1'].map((text) => {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix;
});

export function isLoopback(address: string): boolean {
  return LOOPBACK.some((p) => prefixContains(p, address));
}

/** Ticks a listener may stay without a visible owner before it is alerted as a user's. */
const OWNER_GRACE_TICKS = 2;
/** Listeners waiting for their owner at once (bounded; the oldest are decided first). */
const MAX_WAITING = 10_000;

interface Waiting {
  connection: LiveConnection;
  firstTick: number;
  /** Seen in the first run's first tick: learned silently under whatever owner shows. */
  baseline: boolean;
}

/**
 * The sampler names a new socket's process a tick late when the socket appeared after the walk of
 * that process's descriptors. A listener seen without an owner therefore waits a couple of ticks
 * for one, so its alert names the program, not "a process of root"; one that stays ownerless
 * (another user's, without root) is then alerted by its user.
 */
export class ListenerWatch {
  private readonly waiting = new Map<string, Waiting>();

  /** `ownPid`: netwatch's own process, whose listeners (its browser mode's port) are not alerted. */
  constructor(
    private readonly ownPid: number,
    private readonly ephemeral: PortRange = ephemeralPorts(),
  ) {}

  evaluate(changes: Changes, rules: RuleSet): ListenerSighting[] {
    const out: ListenerSighting[] = [];
    const sight = (c: LiveConnection, baseline: boolean) => {
      const sighting = listenerSighting(c, changes.at, baseline, rules);
      if (sighting) out.push(sighting);
    };
    for (const { connection: c } of changes.listenersOpened) {
      if (c.proto === 'raw') continue; // a raw socket's "port" is a protocol number
      if (c.proto === 'udp' && c.localPort >= this.ephemeral.low && c.localPort <= this.ephemeral.high)
        continue;
      if (c.pid === this.ownPid) continue;
      if (c.pid === null && !c.exe) {
        if (this.waiting.size >= MAX_WAITING) this.decideOldest(changes.at, rules, out);
        this.waiting.set(c.key, { connection: c, firstTick: changes.tick, baseline: changes.firstRun });
      } else sight(c, changes.firstRun);
    }
    if (this.waiting.size === 0) return out;
    for (const { connection: c } of changes.changed) {
      const waited = this.waiting.get(c.key);
      if (!waited || (c.pid === null && !c.exe)) continue;
      this.waiting.delete(c.key);
      if (c.pid !== this.ownPid) sight(c, waited.baseline);
    }
    for (const { connection: c } of changes.listenersClosed) this.waiting.delete(c.key);
    for (const [key, waited] of this.waiting) {
      if (changes.tick - waited.firstTick < OWNER_GRACE_TICKS) continue;
      this.waiting.delete(key);
      sight(waited.connection, waited.baseline);
    }
    return out;
  }

  private decideOldest(at: number, rules: RuleSet, out: ListenerSighting[]): void {
    const [key, waited] = this.waiting.entries().next().value!;
    this.waiting.delete(key);
    const sighting = listenerSighting(waited.connection, at, waited.baseline, rules);
    if (sighting) out.push(sighting);
  }
}

/** What one listener means: learned silently (baseline), hidden by a rule (null), or a draft. */
function listenerSighting(
  c: LiveConnection,
  at: number,
  baseline: boolean,
  rules: RuleSet,
): ListenerSighting | null {
  const who = ownerOf(c);
  if (!who) return null;
  const key = { owner: who.owner, proto: c.proto, port: c.localPort };
  if (baseline) return { ...key, draft: null };
  const facts = {
    kind: 'new-listener',
    exe: who.exe,
    remoteAddress: null,
    remotePort: null,
    localPort: c.localPort,
  } as const;
  if (rules.suppresses(facts)) return null;
  const loopback = isLoopback(c.localAddress);
  const name = who.exe ?? (c.user !== null ? `a process of ${c.user}` : `a process of ${who.owner}`);
  return {
    ...key,
    draft: {
      kind: 'new-listener',
      subject: who.owner,
      severity: loopback ? 'low' : 'high',
      at,
      repeats: 1,
      onlyIfOpen: false,
      refresh: false,
      programId: c.programId,
      exe: who.exe,
      process: c.process,
      user: c.user,
      cmdline: c.cmdline,
      remoteAddress: null,
      remotePort: null,
      remoteHost: null,
      localAddress: c.localAddress,
      localPort: c.localPort,
      service: c.service,
      proto: c.proto,
      message: newListenerText(name, c, loopback),
    },
  };
}
