// Alerts carry the country and AS of their remote address when listed: looked up then, from the
// process's one copy of the shipped data, so the alerts table needs no columns for them.
import type { AlertRecord } from '../../../shared/model';
import { createGeoEnricher } from '../monitor/geo-enricher';

const geo = createGeoEnricher();

export function withGeo(alert: AlertRecord): AlertRecord {
  if (alert.remoteAddress === null) return alert;
  return { ...alert, ...geo.geoOf(alert.remoteAddress) };
}
