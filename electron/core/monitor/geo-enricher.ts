// Country and AS of remote addresses for the monitor, from the shipped offline databases: loaded
// on the first connection (about 0.7 s, once), cached per address, never a network request. A
// database that cannot load leaves geo empty and says why once; the monitor carries on.
import type { GeoLookup } from '../resolve/geo/geo-lookup';
import { sharedGeoLookup } from '../resolve/geo/shared-geo-lookup';
import { NO_GEO, type GeoFields } from './live-connection';

export interface GeoEnricher {
  geoOf(address: string): GeoFields;
}

function loadShared(): GeoLookup {
  const { lookup, error } = sharedGeoLookup();
  if (lookup === null) throw new Error(error ?? 'not loaded');
  return lookup;
}

export function createGeoEnricher(
  load: () => GeoLookup = loadShared,
  warn: (message: string) => void = (m) => console.warn(m),
): GeoEnricher {
  let lookup: GeoLookup | null | undefined;
  return {
    geoOf(address) {
      if (lookup === undefined) {
        try {
          lookup = load();
        } catch (error) {
          lookup = null;
          warn(`netwatch: no country/AS data (${error instanceof Error ? error.message : String(error)})`);
        }
      }
      if (lookup === null) return NO_GEO;
      const info = lookup.lookup(address);
      // a listener's "remote" is the unspecified address: nothing is on the other end
      if (info.scope === 'unspecified') return NO_GEO;
      return info.scope === 'public' ? info : { country: info.scope, asn: null, asOrg: null };
    },
  };
}
