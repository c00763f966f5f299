// One GeoLookup per process: the data takes some 34 MB, so the monitor's enricher and the alert
// rules (ignore by AS) share it. Loaded on first use; null, with the reason, when it cannot load.
import { GeoLookup } from './geo-lookup';

let shared: { lookup: GeoLookup | null; error: string | null } | null = null;

export function sharedGeoLookup(): { lookup: GeoLookup | null; error: string | null } {
  if (shared === null) {
    try {
      shared = { lookup: new GeoLookup(), error: null };
    } catch (error) {
      shared = { lookup: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return shared;
}

/** The AS number behind an address, or null (special address, not covered, no data). */
export function sharedAsnOf(address: string): number | null {
  return sharedGeoLookup().lookup?.lookup(address).asn ?? null;
}
