// Tells SQLite's failures apart: which mean the file is not a usable database (set it aside) and
// which are conditions to wait out (full disk, busy, I/O), with a sentence a person can act on.

/** better-sqlite3's SqliteError carries `code` ("SQLITE_FULL", "SQLITE_IOERR_WRITE", ...). */
export function sqliteCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

/** The file is not a database, or its structure is damaged: the only reasons to set it aside. */
export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return (
    code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code?.startsWith('SQLITE_CORRUPT_') === true
  );
}

export function describeSqliteError(error: unknown, doing: string): string {
  const code = sqliteCode(error) ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_FULL') return `${doing}: the disk is full (${detail}); ticks wait until space returns`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return `${doing}: the database is busy (${detail}); retrying`;
  if (code.startsWith('SQLITE_IOERR')) return `${doing}: input/output error (${detail}); retrying`;
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_'))
    return `${doing}: the database is read-only (${detail})`;
  return `${doing}: ${detail}`;
}
