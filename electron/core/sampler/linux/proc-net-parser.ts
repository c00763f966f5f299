// Parses /proc/net/{tcp,tcp6,udp,udp6,raw,raw6}: one socket per line. A hand-rolled scanner over
// the text (no split, no regex) because at 10,000 connections this runs on 20,000 lines a second.
// A line it cannot read is counted and skipped, never fatal, and never takes other lines with it.
import type { Family, Proto } from '../../../../shared/model';
import { ipv4FromWord, ipv6Groups, ipv6Text } from './proc-address';
import { stateName } from './socket-states';

export interface ProcNetRow {
  proto: Proto;
  family: Family;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** Kernel state code (hex `st` column). */
  stateCode: number;
  state: string | null;
  recvQ: number;
  sendQ: number;
  uid: number;
  /** 0 when the socket has none (TIME_WAIT, SYN_RECV) or the number was out of range. */
  inode: number;
}

export interface ProcNetParseReport {
  rows: number;
  /** Lines that were not a socket row (truncated, garbled); the header is not counted. */
  malformed: number;
  /** The first malformed line, shortened, for a message. */
  firstMalformed: string | null;
  /** Rows kept with inode 0 because the inode was beyond 2^53 (cannot be matched exactly). */
  inodesOutOfRange: number;
}

// Address text by its hex form: a machine has few distinct addresses, thousands of sockets.
const addressCache = new Map<string, string>();
const ADDRESS_CACHE_LIMIT = 8192;

function addressText(text: string, start: number, digits: number): string {
  const key = text.slice(start, start + digits);
  const known = addressCache.get(key);
  if (known !== undefined) return known;
  let value: string;
  if (digits === 8) {
    value = ipv4FromWord(hexAt(text, start, 8));
  } else {
    const words = [0, 8, 16, 24].map((offset) => hexAt(text, start + offset, 8));
    value = ipv6Text(ipv6Groups(words));
  }
  if (addressCache.size >= ADDRESS_CACHE_LIMIT) addressCache.clear();
  addressCache.set(key, value);
  return value;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Value of `digits` hex digits at `start` (already validated). */
function hexAt(text: string, start: number, digits: number): number {
  let value = 0;
  for (let i = start; i < start + digits; i++) value = value * 16 + hexDigit(text.charCodeAt(i));
  return value;
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const COLON = 58;

/** A scanner over one line [pos, end): every reader returns -1 (or false) when the text is not what it wants. */
class LineScanner {
  pos = 0;
  end = 0;
  constructor(readonly text: string) {}

  skipSpaces(): void {
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== SPACE && c !== TAB && c !== CR) return;
      this.pos++;
    }
  }

  /** 1..maxDigits hex digits; with exact, exactly that many. */
  hex(maxDigits: number, exact: boolean): number {
    const start = this.pos;
    let value = 0;
    while (this.pos < this.end && this.pos - start < maxDigits) {
      const d = hexDigit(this.text.charCodeAt(this.pos));
      if (d < 0) break;
      value = value * 16 + d;
      this.pos++;
    }
    const count = this.pos - start;
    if (count === 0 || (exact && count !== maxDigits)) return -1;
    return value;
  }

  /** Decimal digits up to maxDigits; Infinity when beyond 2^53 (a huge inode). */
  decimal(maxDigits: number): number {
    const start = this.pos;
    let value = 0;
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      this.pos++;
    }
    const count = this.pos - start;
    if (count === 0 || count > maxDigits) return -1;
    return Number.isSafeInteger(value) ? value : Infinity;
  }

  expect(code: number): boolean {
    if (this.pos < this.end && this.text.charCodeAt(this.pos) === code) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Skips one token; false when there is none. */
  skipToken(): boolean {
    this.skipSpaces();
    const start = this.pos;
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c === SPACE || c === TAB || c === CR) break;
      this.pos++;
    }
    return this.pos > start;
  }

  /** True when the next token ends here (a space or the end of the line follows). */
  atTokenEnd(): boolean {
    if (this.pos >= this.end) return true;
    const c = this.text.charCodeAt(this.pos);
    return c === SPACE || c === TAB || c === CR;
  }
}

/**
 * Appends the sockets of one /proc/net file to `out`. `family` says how wide the addresses are
 * (8 or 32 hex digits); a line with the other width is malformed, not guessed at.
 */
export function parseProcNet(
  text: string,
  proto: Proto,
  family: Family,
  out: ProcNetRow[],
): ProcNetParseReport {
  const report: ProcNetParseReport = { rows: 0, malformed: 0, firstMalformed: null, inodesOutOfRange: 0 };
  const digits = family === 4 ? 8 : 32;
  const s = new LineScanner(text);
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    s.pos = lineStart;
    s.end = lineEnd;
    const row = parseLine(s, proto, family, digits);
    if (row === 'blank') {
      // header or empty line
    } else if (row === null) {
      report.malformed++;
      report.firstMalformed ??= text.slice(lineStart, Math.min(lineEnd, lineStart + 120));
    } else {
      if (row.inode < 0) {
        row.inode = 0;
        report.inodesOutOfRange++;
      }
      out.push(row);
      report.rows++;
    }
    lineStart = lineEnd + 1;
  }
  return report;
}

function parseLine(
  s: LineScanner,
  proto: Proto,
  family: Family,
  digits: number,
): ProcNetRow | null | 'blank' {
  s.skipSpaces();
  if (s.pos >= s.end) return 'blank';
  const first = s.text.charCodeAt(s.pos);
  if (first === 115 /* s */ && s.text.startsWith('sl', s.pos)) return 'blank';
  // "  12: " slot number
  if (s.decimal(10) < 0 || !s.expect(COLON)) return null;
  s.skipSpaces();
  const localStart = s.pos;
  if (s.hex(digits, true) < 0 || !s.expect(COLON)) return null;
  const localPort = s.hex(4, true);
  if (localPort < 0 || !s.atTokenEnd()) return null;
  s.skipSpaces();
  const remoteStart = s.pos;
  if (s.hex(digits, true) < 0 || !s.expect(COLON)) return null;
  const remotePort = s.hex(4, true);
  if (remotePort < 0 || !s.atTokenEnd()) return null;
  s.skipSpaces();
  const stateCode = s.hex(2, false);
  if (stateCode < 0 || !s.atTokenEnd()) return null;
  s.skipSpaces();
  const sendQ = s.hex(8, false);
  if (sendQ < 0 || !s.expect(COLON)) return null;
  const recvQ = s.hex(8, false);
  if (recvQ < 0 || !s.atTokenEnd()) return null;
  // tr:tm->when and retrnsmt
  if (!s.skipToken() || !s.skipToken()) return null;
  s.skipSpaces();
  const uid = s.decimal(10);
  if (uid < 0 || uid > 0xffffffff || !s.atTokenEnd()) return null;
  if (!s.skipToken()) return null; // timeout
  s.skipSpaces();
  const inode = s.decimal(20);
  if (inode < 0 || !s.atTokenEnd()) return null;
  // The kernel always prints more after the inode: a line that ends here may have lost digits.
  if (!s.skipToken()) return null;
  return {
    proto,
    family,
    localAddress: addressText(s.text, localStart, digits),
    localPort,
    remoteAddress: addressText(s.text, remoteStart, digits),
    remotePort,
    stateCode,
    state: stateName(proto, stateCode),
    recvQ,
    sendQ,
    uid,
    // Out of range is flagged with -1 here and turned into 0 plus a count by the caller.
    inode: inode === Infinity ? -1 : inode,
  };
}
