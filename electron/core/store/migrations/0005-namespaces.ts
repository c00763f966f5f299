// Schema 5: a connection's network namespace (null: the recorder's own) and the container or
// systemd unit of its owner, as the system collector tags them; both filterable in history.
import type { Migration } from './migration';

export const namespaces: Migration = {
  version: 5,
  name: 'namespaces',
  up(db) {
    db.exec(`
      ALTER TABLE connections ADD COLUMN netns TEXT;
      ALTER TABLE connections ADD COLUMN unit TEXT;
    `);
  },
};
