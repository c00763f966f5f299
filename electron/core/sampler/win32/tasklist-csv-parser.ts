// Parses `tasklist /FO CSV /NH` (the fallback's owners): "Image Name","PID","Session Name",
// "Session#","Mem Usage", quoted, comma-separated, no header (so no translated titles). Only the
// first two columns are read; the memory column's number format is localized.

/** One CSV record's fields: quotes removed, "" read as ". */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return null; // an unterminated quote: a cut line
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i];
        i++;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end;
    }
    if (i < line.length) {
      if (line[i] !== ',') return null;
      i++;
      if (i === line.length) fields.push('');
    }
  }
  return fields;
}

/** pid -> image name. */
export function parseTasklistCsv(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line.trim());
    const [name, pidText] = fields ?? [];
    if (!name || !pidText || !/^\d+$/.test(pidText)) continue;
    out.set(Number(pidText), name);
  }
  return out;
}
