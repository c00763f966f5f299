// Schema 4: the bytes each connection sent and received (the kernel's counters: final at close,
// the last reading while open; null when never known), for history, exports and top talkers.
// Per-program traffic lives in the series table (traffic-sent/received-by-program).
import type { Migration } from './migration';

export const traffic: Migration = {
  version: 4,
  name: 'traffic',
  up(db) {
    db.exec(`
      ALTER TABLE connections ADD COLUMN bytes_sent INTEGER;
      ALTER TABLE connections ADD COLUMN bytes_received INTEGER;
    `);
  },
};
