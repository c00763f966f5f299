// The rules in force, compiled for matching: trusted executable paths, ignored remote addresses and
// networks and AS numbers, ignored ports, muted kinds (everywhere, or for one program). What a rule
// hides is neither alerted nor learned; a changed binary is alerted even at a trusted path (trust
// was given to the binary that was there).
import type { AlertRecord, RuleRecord } from '../../../shared/model';
import { sharedAsnOf } from '../resolve/geo/shared-geo-lookup';
import { parsePrefix, prefixContains, type IpPrefix } from './ip-prefix';
import { parseMuteValue } from './rule-value';

/** What rules look at in an alert. */
export type AlertFacts = Pick<AlertRecord, 'kind' | 'exe' | 'remoteAddress' | 'remotePort' | 'localPort'>;

export class RuleSet {
  private readonly trusted = new Set<string>();
  private readonly ports = new Set<number>();
  private readonly muted = new Set<string>();
  /** "KIND EXE" of the kinds muted for one program. */
  private readonly mutedFor = new Set<string>();
  private readonly networks: IpPrefix[] = [];
  private readonly asns = new Set<number>();

  /** asnOf: the AS behind an address (the shipped data, loaded only once an AS rule exists). */
  constructor(
    rules: readonly RuleRecord[],
    private readonly asnOf: (address: string) => number | null = sharedAsnOf,
  ) {
    for (const rule of rules) {
      if (rule.kind === 'trust-program') this.trusted.add(rule.value);
      else if (rule.kind === 'ignore-as') this.asns.add(Number(rule.value.slice(2)));
      else if (rule.kind === 'ignore-port') this.ports.add(Number(rule.value));
      else if (rule.kind === 'mute-kind') {
        if (parseMuteValue(rule.value).exe === null) this.muted.add(rule.value);
        else this.mutedFor.add(rule.value);
      } else {
        // Values were normalised when added; one that no longer parses is skipped, not fatal.
        const parsed = parsePrefix(rule.value);
        if (parsed.ok) this.networks.push(parsed.prefix);
      }
    }
  }

  trusts(exe: string | null): boolean {
    return exe !== null && this.trusted.has(exe);
  }

  ignoresAddress(address: string | null): boolean {
    return address !== null && this.networks.some((n) => prefixContains(n, address));
  }

  ignoresAs(address: string | null): boolean {
    if (address === null || this.asns.size === 0) return false;
    const asn = this.asnOf(address);
    return asn !== null && this.asns.has(asn);
  }

  ignoresPort(port: number | null): boolean {
    return port !== null && this.ports.has(port);
  }

  mutes(kind: AlertRecord['kind']): boolean {
    return this.muted.has(kind);
  }

  /** Muted for this program (its executable path), or everywhere. */
  mutesFor(kind: AlertRecord['kind'], exe: string | null): boolean {
    return (
      this.muted.has(kind) || (exe !== null && this.mutedFor.size > 0 && this.mutedFor.has(`${kind} ${exe}`))
    );
  }

  /** Whether the engine must stay silent about this. */
  suppresses(facts: AlertFacts): boolean {
    if (this.mutesFor(facts.kind, facts.exe)) return true;
    switch (facts.kind) {
      case 'changed-program':
      case 'syn-flood':
        return false;
      case 'new-program':
        return (
          this.trusts(facts.exe) ||
          this.ignoresAddress(facts.remoteAddress) ||
          this.ignoresAs(facts.remoteAddress) ||
          this.ignoresPort(facts.remotePort)
        );
      case 'new-listener':
        return this.trusts(facts.exe) || this.ignoresPort(facts.localPort);
      case 'flood-remote':
        return (
          this.ignoresAddress(facts.remoteAddress) ||
          this.ignoresAs(facts.remoteAddress) ||
          this.ignoresPort(facts.localPort)
        );
      case 'traffic-volume':
        // Bytes to ignored places are not counted (traffic-watch.ts); this settles an open alert
        // whose top remote is ignored later.
        return this.ignoresAddress(facts.remoteAddress) || this.ignoresAs(facts.remoteAddress);
    }
  }

  /** Whether an open alert is settled by these rules: what they suppress, and a trusted path's change. */
  settles(facts: AlertFacts): boolean {
    return this.suppresses(facts) || (facts.kind === 'changed-program' && this.trusts(facts.exe));
  }
}
