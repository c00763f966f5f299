// New listeners: a program (or, when its process cannot be seen, a user) listening on a TCP or UDP
// port it was never seen listening on. The first tick of a first run learns what already listens.
// A listener reachable from the network is flagged high; one on loopback only, low.
import type { LiveConnection } from '../../../shared/model';
import type { Changes } from '../monitor/changes';
import { cleanExePath } from '../monitor/program-registry';
import type { AlertDraft } from './alert-draft';
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

/** The executable path, or "uid:N" for a socket whose process cannot be seen; null if neither. */
function ownerOf(c: LiveConnection): { owner: string; exe: string | null } | null {
  if (c.exe) {
    const exe = cleanExePath(c.exe).exe;
    return { owner: exe, exe };
  }
  return c.uid !== null ? { owner: `uid:${c.uid}`, exe: null } : null;
}

export function listenerSightings(changes: Changes, rules: RuleSet): ListenerSighting[] {
  const out: ListenerSighting[] = [];
  for (const { connection: c } of changes.listenersOpened) {
    if (c.proto === 'raw') continue; // a raw socket's "port" is a protocol number
    const who = ownerOf(c);
    if (!who) continue;
    const key = { owner: who.owner, proto: c.proto, port: c.localPort };
    if (changes.firstRun) {
      out.push({ ...key, draft: null });
      continue;
    }
    const facts = {
      kind: 'new-listener',
      exe: who.exe,
      remoteAddress: null,
      remotePort: null,
      localPort: c.localPort,
    } as const;
    if (rules.suppresses(facts)) continue;
    const loopback = isLoopback(c.localAddress);
    const name = who.exe ?? (c.user !== null ? `a process of ${c.user}` : `a process of ${who.owner}`);
    out.push({
      ...key,
      draft: {
        kind: 'new-listener',
        subject: who.owner,
        severity: loopback ? 'low' : 'high',
        at: changes.at,
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
    });
  }
  return out;
}
