// Schema 6: where a connection's (and an alert's) host name came from: 'asked', the name its
// program asked the C library for (kernel events saw it), or 'reverse', reverse DNS of the address.
// Every name written before came from reverse DNS or the hosts file: those rows say 'reverse'.
import type { Migration } from './migration';

export const hostSource: Migration = {
  version: 6,
  name: 'host-source',
  up(db) {
    db.exec(`
      ALTER TABLE connections ADD COLUMN host_source TEXT CHECK (host_source IN ('asked', 'reverse'));
      UPDATE connections SET host_source = 'reverse' WHERE remote_host IS NOT NULL;
      ALTER TABLE alerts ADD COLUMN remote_host_source TEXT CHECK (remote_host_source IN ('asked', 'reverse'));
      UPDATE alerts SET remote_host_source = 'reverse' WHERE remote_host IS NOT NULL;
    `);
  },
};
