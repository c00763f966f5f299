// A minimal RFC 4180 reader, written for the tests as the CSV oracle (no CSV library is installed):
// records end with CRLF, a quoted field may hold commas, quotes (doubled) and line breaks. Each
// cell says whether it was quoted, so an empty cell (null) and "" (empty text) stay apart.
export interface CsvCell {
  text: string;
  quoted: boolean;
}

export function readCsv(input: string): CsvCell[][] {
  const records: CsvCell[][] = [];
  let record: CsvCell[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    let text = '';
    let quoted = false;
    if (input[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        const c = input[i]!;
        if (c === '"') {
          if (input[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += c;
        i++;
      }
    } else {
      while (i < n && input[i] !== ',' && input[i] !== '\r' && input[i] !== '\n') {
        if (input[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
        text += input[i];
        i++;
      }
    }
    record.push({ text, quoted });
    if (input[i] === ',') {
      i++;
      continue;
    }
    if (input.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
      continue;
    }
    if (i < n) throw new Error(`expected a comma or CRLF at ${i}, got ${JSON.stringify(input[i])}`);
  }
  if (record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}
