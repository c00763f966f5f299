// Country and AS of remote addresses for the monitor, from the shipped offline databases: loaded
// on the first public address (about 0.7 s and some 30 MB, once; a machine talking only to
// loopback and its LAN never loads them), cached per address, never a network request. A
// database that cannot load leaves geo empty and says why once; the monitor carries on.
import { specialScopeOf, type GeoLookup } from '../resolve/geo/geo-lookup';
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
      const special = specialScopeOf(address);
      // a listener's "remote" is the unspecified address: nothing is on the other end
      if (special === 'unspecified') return NO_GEO;
      if (special !== null) return { country: special, asn: null, asOrg: null };
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
      return { country: info.country, asn: info.asn, asOrg: info.asOrg };
    },
  };
}
