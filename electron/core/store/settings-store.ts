// Settings kept in the database, one row per field as JSON. Each stored value is parsed with the
// contract's schema; one that does not parse falls back to its default (and says so) rather than
// stopping the app.
import type Database from 'better-sqlite3';
import { settingsSchema } from '../../../shared/contract';
import type { Settings } from '../../../shared/model';

export const defaultSettings: Settings = {
  sampleIntervalMs: 1000,
  retentionDays: 30,
  floodRemoteThreshold: 100,
  synRecvThreshold: 50,
  floodWindowSeconds: 60,
  // 100 MiB in 10 minutes is 1.4 Mbit/s sent for ten minutes on end: far above what a desktop's
  // background talk (telemetry, mail, browsing, small syncs) sends, reached by a backup, a large
  // upload or an exfiltration. A video call counts only with kernel events (UDP); mute it per program.
  trafficAlertEnabled: true,
  trafficAlertMb: 100,
  trafficWindowMinutes: 10,
  startAtLogin: false,
  theme: 'system',
  resolveHostNames: true,
  maxDatabaseMb: 1024,
};

const fields = Object.keys(defaultSettings) as (keyof Settings)[];

export class SettingsStore {
  private readonly select: Database.Statement<[], { key: string; value: string }>;
  private readonly upsert: Database.Statement<[string, string]> | null;

  constructor(
    private readonly db: Database.Database,
    readonly: boolean,
    private readonly onNotice: (message: string) => void = () => undefined,
  ) {
    this.select = db.prepare('SELECT key, value FROM settings');
    this.upsert = readonly
      ? null
      : db.prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        );
  }

  get(): Settings {
    const out: Record<string, unknown> = { ...defaultSettings };
    const shape = settingsSchema.shape;
    for (const { key, value } of this.select.all()) {
      if (!(fields as string[]).includes(key)) continue;
      const field = key as keyof Settings;
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      const result = shape[field].safeParse(parsed);
      if (result.success) out[field] = result.data;
      else
        this.onNotice(
          `setting ${field} in the database is not valid (${value.slice(0, 80)}); using the default`,
        );
    }
    return settingsSchema.parse(out);
  }

  /** Validates the whole result, then writes the fields that changed in one transaction. */
  set(patch: Partial<Settings>): Settings {
    if (!this.upsert) throw new Error('the database is open read-only');
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    const upsert = this.upsert;
    this.db.transaction(() => {
      for (const field of fields) {
        if (field in patch) upsert.run(field, JSON.stringify(next[field]));
      }
    })();
    return next;
  }
}
