// Where the shipped databases are: two npm packages, so updating the data is a package update.
// Country: @ip-location-db/geo-whois-asn-country-mmdb (GeoFeed > RIR whois > RIR ASN country).
// AS number and organisation: @ip-location-db/asn (RouteViews > RIR > DB-IP ASN Lite).
import path from 'node:path';

export interface GeoDatabaseFiles {
  countryMmdb: string;
  asnIpv4Csv: string;
  asnIpv6Csv: string;
}

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** The files of the installed packages; throws (with the package name) when one is missing. */
export function shippedGeoDatabaseFiles(): GeoDatabaseFiles {
  const country = packageDir('@ip-location-db/geo-whois-asn-country-mmdb');
  const asn = packageDir('@ip-location-db/asn');
  return {
    countryMmdb: path.join(country, 'geo-whois-asn-country.mmdb'),
    asnIpv4Csv: path.join(asn, 'asn-ipv4-num.csv'),
    asnIpv6Csv: path.join(asn, 'asn-ipv6-num.csv'),
  };
}
