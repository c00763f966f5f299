// A real history database for export tests: programs and connections inserted as the recorder
// stores them, with names a hostile process could choose (quotes, commas, CR/LF, formulas, markup,
// unicode), so every exporter meets them.
import Database from 'better-sqlite3';
import { openStore } from '../../../electron/core/store/open-store';

export const HOSTILE_NAMES = [
  'say "hi", then leave',
  'line\r\nbreak',
  'lf\nonly',
  '=HYPERLINK("http://evil.example","x")',
  '+1+2',
  '-2+3',
  '@SUM(A1)',
  '\tTabbed',
  '\rcarriage',
  "'quoted already",
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  'ünïcödé ✓ 日本語 🚀',
  '',
];

export const T0 = Date.UTC(2025, 0, 1);
export const STEP_MS = 60_000;

export interface Seeded {
  rows: number;
  programs: number;
  /** Connections with neither pid nor program. */
  unattributed: number;
}

/** Fills a fresh database file with `rows` connections, one a minute from `start`, named by `names`. */
export function seedHistory(
  file: string,
  rows: number,
  start = T0,
  names: readonly string[] = HOSTILE_NAMES,
): Seeded {
  const store = openStore({ path: file });
  store.close();
  const db = new Database(file);
  const programs = names.length;
  const insertProgram = db.prepare(
    'INSERT INTO programs (id, exe, sha256, name, first_seen, last_seen) VALUES (?, ?, NULL, ?, ?, ?)',
  );
  const insert = db.prepare(`
    INSERT INTO connections (id, proto, family, local_address, local_port, remote_address, remote_port,
      remote_host, direction, state, pid, program_id, process, exe, uid, user, first_seen, last_seen, closed_at)
    VALUES (@id, @proto, @family, @local, @localPort, @remote, @remotePort, @host, @direction, @state, @pid,
      @programId, @process, @exe, @uid, @user, @firstSeen, @lastSeen, @closedAt)`);
  let unattributed = 0;
  db.transaction(() => {
    names.forEach((name, i) =>
      insertProgram.run(
        i + 1,
        `/opt/${name || 'empty'}/bin`,
        name || 'empty',
        T0 + i * STEP_MS,
        T0 + rows * STEP_MS,
      ),
    );
    for (let i = 0; i < rows; i++) {
      const name = names[i % names.length]!;
      const owned = i % 5 !== 4;
      if (!owned) unattributed++;
      const firstSeen = start + i * STEP_MS;
      insert.run({
        id: i + 1,
        proto: i % 3 === 0 ? 'udp' : 'tcp',
        family: i % 4 === 0 ? 6 : 4,
        local: i % 4 === 0 ? '::1' : '127.0.0.1',
        localPort: 1024 + (i % 5000),
        remote: i % 4 === 0 ? '::1' : `127.0.${(i >> 8) & 255}.${i & 255}`,
        remotePort: [443, 80, 53][i % 3]!,
        host: i % 2 === 0 ? `${name}.example` : null,
        direction: ['outbound', 'inbound', 'listen'][i % 3]!,
        state: i % 3 === 0 ? null : 'ESTABLISHED',
        pid: owned ? 100 + (i % 50) : null,
        programId: owned ? 1 + (i % programs) : null,
        process: owned ? name : null,
        exe: owned ? null : i % 2 === 0 ? `/tmp/${name}` : null,
        uid: owned ? 1000 : null,
        user: owned ? `user,"${i % 3}"` : null,
        firstSeen,
        lastSeen: i % 7 === 0 ? null : firstSeen + 5000,
        closedAt: i % 7 === 0 ? null : firstSeen + 6000,
      });
    }
  })();
  db.close();
  return { rows, programs, unattributed };
}
