// Country, AS number and AS organisation of a remote address, offline and cached. Special
// addresses (private, loopback, CGNAT, ...) are labelled by their scope and never looked up.
import { AsnTable } from './asn-table';
import { specialScope, type SpecialScope } from './address-scope';
import { CountryDatabase } from './country-database';
import { shippedGeoDatabaseFiles, type GeoDatabaseFiles } from './geo-database-files';
import { ipNumber } from './ip-number';

export interface GeoInfo {
  /** 'public' for a routable address, else what the address is. */
  scope: 'public' | SpecialScope;
  /** ISO 3166-1 alpha-2; null when not public or not covered. */
  country: string | null;
  asn: number | null;
  asOrg: string | null;
}

export interface GeoLookupOptions {
  files?: GeoDatabaseFiles;
  /** Addresses remembered; the least recently asked goes first. */
  cacheSize?: number;
}

const UNKNOWN: GeoInfo = { scope: 'public', country: null, asn: null, asOrg: null };

/** What a special address is (loopback, private, ...); null for a public or unparseable one. No data needed. */
export function specialScopeOf(address: string): SpecialScope | null {
  const n = ipNumber(address);
  return n === null ? null : specialScope(n);
}

export class GeoLookup {
  private readonly countries: CountryDatabase;
  private readonly asns: AsnTable;
  private readonly cache = new Map<string, GeoInfo>();
  private readonly cacheSize: number;

  constructor(options: GeoLookupOptions = {}) {
    const files = options.files ?? shippedGeoDatabaseFiles();
    this.countries = new CountryDatabase(files.countryMmdb);
    this.asns = AsnTable.fromFiles(files.asnIpv4Csv, files.asnIpv6Csv);
    this.cacheSize = options.cacheSize ?? 8192;
  }

  lookup(address: string): GeoInfo {
    const hit = this.cache.get(address);
    if (hit) {
      this.cache.delete(address);
      this.cache.set(address, hit);
      return hit;
    }
    const info = this.uncached(address);
    this.cache.set(address, info);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    return info;
  }

  /** Bytes of the loaded data: the MMDB file and the AS range arrays. */
  get dataBytes(): { countryMmdb: number; asnTables: number } {
    return { countryMmdb: this.countries.bytes, asnTables: this.asns.tableBytes };
  }

  private uncached(address: string): GeoInfo {
    const n = ipNumber(address);
    if (n === null) return UNKNOWN;
    const scope = specialScope(n);
    if (scope !== null) return { scope, country: null, asn: null, asOrg: null };
    // a v4-mapped address is asked as its IPv4 self
    const text =
      n.family === 4 && address.includes(':') ? address.slice(address.lastIndexOf(':') + 1) : address;
    const as = this.asns.lookup(n);
    return {
      scope: 'public',
      country: this.countries.countryOf(text),
      asn: as?.asn ?? null,
      asOrg: as?.asOrg ?? null,
    };
  }
}
