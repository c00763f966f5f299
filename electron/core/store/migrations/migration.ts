// One schema step: a version number (PRAGMA user_version after it) and what it does. Each runs in
// its own transaction (database.ts); a migration never runs twice.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
