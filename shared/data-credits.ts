// The attribution the shipped data's licences ask for, shown in the About section and the report.

export interface DataCredit {
  what: string;
  source: string;
  url: string;
  licence: string;
}

export const GEO_DATA_CREDITS: readonly DataCredit[] = [
  {
    what: 'Country',
    source: 'ip-location-db geo-whois-asn-country (GeoFeed, the five RIRs via the NRO)',
    url: 'https://github.com/sapics/ip-location-db',
    licence: 'CC BY 4.0 (NRO data); package CC0-1.0',
  },
  { what: 'AS number', source: 'RouteViews', url: 'https://www.routeviews.org', licence: 'CC BY 4.0' },
  {
    what: 'AS number and organisation',
    source: 'IP to ASN Lite by DB-IP',
    url: 'https://db-ip.com',
    licence: 'CC BY 4.0',
  },
];
