// Splits a byte stream into newline-terminated JSON text frames, the Unix-socket wire format of the
// contract (the WebSocket's frames, one per line). A line longer than the limit is refused rather
// than buffered without bound.
export interface LineSplitter {
  /** Feeds bytes; calls onLine for each complete line. Returns false once a line was too long. */
  push(chunk: Buffer): boolean;
}

export function createLineSplitter(maxLineBytes: number, onLine: (line: string) => void): LineSplitter {
  let parts: Buffer[] = [];
  let held = 0;
  let broken = false;
  return {
    push(chunk) {
      if (broken) return false;
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, nl);
        if (held + piece.length > maxLineBytes) {
          broken = true;
          return false;
        }
        const line = held === 0 ? piece : Buffer.concat([...parts, piece]);
        parts = [];
        held = 0;
        start = nl + 1;
        onLine(line.toString('utf8'));
      }
      const rest = chunk.subarray(start);
      if (rest.length > 0) {
        if (held + rest.length > maxLineBytes) {
          broken = true;
          return false;
        }
        parts.push(rest);
        held += rest.length;
      }
      return true;
    },
  };
}
