// Host and service names, country and AS for live connections from the resolver's caches: never waits. An address
// not resolved yet is asked for in the background and shows up as a change on a later tick.
import { ReverseDns } from '../resolve/reverse-dns';
import { ServiceNames } from '../resolve/service-names';
import { createGeoEnricher, type GeoEnricher } from './geo-enricher';
import type { Enricher } from './monitor';

export interface ResolverEnricher extends Enricher {
  close(): void;
}

export function createResolverEnricher(
  resolveHostNames: () => boolean,
  etcRoot = '/etc',
  dns: ReverseDns = new ReverseDns({ etcRoot }),
  geo: GeoEnricher = createGeoEnricher(),
): ResolverEnricher {
  const services = new ServiceNames(etcRoot);
  return {
    hostOf(address) {
      if (!resolveHostNames()) return null;
      const name = dns.peek(address);
      if (name === undefined) {
        void dns.request(address);
        return null;
      }
      return name;
    },
    serviceOf: (proto, port) => (proto === 'raw' || port === 0 ? null : services.nameOf(port, proto)),
    geoOf: (address) => geo.geoOf(address),
    close: () => dns.close(),
  };
}
