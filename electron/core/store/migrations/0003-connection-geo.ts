// Schema 3: the country and AS behind each connection's remote address, so history and export can
// be filtered by them. Rows written before stay null (their lookup was never made).
import type { Migration } from './migration';

export const connectionGeo: Migration = {
  version: 3,
  name: 'connection-geo',
  up(db) {
    db.exec(`
      -- country: ISO 3166-1 alpha-2, or the scope word of a special address (private, loopback, ...)
      ALTER TABLE connections ADD COLUMN country TEXT;
      ALTER TABLE connections ADD COLUMN asn INTEGER;
      ALTER TABLE connections ADD COLUMN as_org TEXT;
      CREATE INDEX connections_country ON connections (country, first_seen) WHERE country IS NOT NULL;
      CREATE INDEX connections_asn ON connections (asn, first_seen) WHERE asn IS NOT NULL;
    `);
  },
};
