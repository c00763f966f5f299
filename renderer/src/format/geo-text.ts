// Country and AS as a cell shows them: "DE", "private"; "AS15169 Google LLC". The core decided
// what each address is; this only writes it out.

export interface GeoFacts {
  country?: string | null;
  asn?: number | null;
  asOrg?: string | null;
}

export function asText(g: GeoFacts): string | null {
  if (g.asn === null || g.asn === undefined) return null;
  return g.asOrg ? `AS${g.asn} ${g.asOrg}` : `AS${g.asn}`;
}

/** "first connection to DE" / "first connection to AS3320 Deutsche Telekom AG". */
export function firstReachText(f: { kind: 'country' | 'as' } & GeoFacts): string {
  const what = f.kind === 'country' ? (f.country ?? '?') : (asText(f) ?? '?');
  return `first connection to ${what}`;
}
