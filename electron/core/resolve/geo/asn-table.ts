// IP -> AS number and organisation from @ip-location-db/asn (its asn-ipv4-num.csv and
// asn-ipv6-num.csv: "first,last,asn,organisation", sorted, not overlapping), held as typed arrays
// searched by bisection: about 0.5 M ranges in some 10 MB, organisation names once per AS.
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { IpNumber } from './ip-number';

export interface AsInfo {
  asn: number;
  asOrg: string | null;
}

interface Table4 {
  starts: Uint32Array;
  ends: Uint32Array;
  asns: Uint32Array;
}

interface Table6 {
  startsHi: BigUint64Array;
  startsLo: BigUint64Array;
  endsHi: BigUint64Array;
  endsLo: BigUint64Array;
  asns: Uint32Array;
}

const LOW64 = (1n << 64n) - 1n;

/** The fields of one CSV line: three plain numbers, then a name that may be quoted ("a, b" / ""). */
function splitLine(line: string): [string, string, string, string] | null {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  const c = line.indexOf(',', b + 1);
  if (a < 0 || b < 0 || c < 0) return null;
  let org = line.slice(c + 1);
  if (org.startsWith('"') && org.endsWith('"') && org.length >= 2)
    org = org.slice(1, -1).replaceAll('""', '"');
  return [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1, c), org];
}

function eachLine(text: string, each: (line: string) => void): void {
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(at, end - 1) : text.slice(at, end);
    if (line !== '') each(line);
    at = end + 1;
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n + 1;
}

const CHUNK_BYTES = 1 << 20;

/** Each chunk of a file, read CHUNK_BYTES at a time into one buffer (valid until the next call). */
function eachChunkOfFile(file: string, each: (chunk: Buffer, length: number) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let n = fs.readSync(fd, chunk); n > 0; n = fs.readSync(fd, chunk)) each(chunk, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Every line of a file, a megabyte at a time: the files are 11 and 21 MB, and read whole as text
 * they took some 60 MB more at the peak, which the process kept as RSS after the GC.
 */
function eachLineOfFile(file: string, each: (line: string) => void): void {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  eachChunkOfFile(file, (chunk, length) => {
    const text = rest + decoder.write(chunk.subarray(0, length));
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      rest = text;
      return;
    }
    eachLine(text.slice(0, last), each);
    rest = text.slice(last + 1);
  });
  eachLine(rest + decoder.end(), each);
}

function countFileLines(file: string): number {
  let n = 0;
  eachChunkOfFile(file, (chunk, length) => {
    for (let i = chunk.indexOf(10); i >= 0 && i < length; i = chunk.indexOf(10, i + 1)) n++;
  });
  return n + 1;
}

type EachLine = (each: (line: string) => void) => void;

export class AsnTable {
  private constructor(
    private readonly v4: Table4,
    private readonly v6: Table6,
    private readonly orgs: Map<number, string>,
    /** Lines that did not parse (counted, skipped). */
    readonly skipped: number,
  ) {}

  static fromFiles(ipv4NumCsv: string, ipv6NumCsv: string): AsnTable {
    return AsnTable.fromLines(
      countFileLines(ipv4NumCsv),
      (each) => eachLineOfFile(ipv4NumCsv, each),
      countFileLines(ipv6NumCsv),
      (each) => eachLineOfFile(ipv6NumCsv, each),
    );
  }

  static fromText(ipv4Text: string, ipv6Text: string): AsnTable {
    return AsnTable.fromLines(
      countLines(ipv4Text),
      (each) => eachLine(ipv4Text, each),
      countLines(ipv6Text),
      (each) => eachLine(ipv6Text, each),
    );
  }

  /** From the lines of both files, given at most how many each has (the arrays' sizes). */
  private static fromLines(n4: number, lines4: EachLine, n6: number, lines6: EachLine): AsnTable {
    const orgs = new Map<number, string>();
    let skipped = 0;
    // A slice of the file's text would keep the whole text alive: each name is copied out once.
    const keepOrg = (asn: number, org: string): void => {
      if (org !== '' && !orgs.has(asn)) orgs.set(asn, Buffer.from(org, 'utf8').toString('utf8'));
    };

    const v4: Table4 = { starts: new Uint32Array(n4), ends: new Uint32Array(n4), asns: new Uint32Array(n4) };
    let i4 = 0;
    lines4((line) => {
      const f = splitLine(line);
      const start = Number(f?.[0]);
      const end = Number(f?.[1]);
      const asn = Number(f?.[2]);
      if (
        !f ||
        !(start <= end && end <= 0xffffffff && Number.isInteger(asn) && asn >= 0) ||
        (i4 > 0 && start <= (v4.ends[i4 - 1] ?? 0))
      ) {
        skipped++;
        return;
      }
      v4.starts[i4] = start;
      v4.ends[i4] = end;
      v4.asns[i4] = asn;
      i4++;
      keepOrg(asn, f[3]);
    });

    const v6: Table6 = {
      startsHi: new BigUint64Array(n6),
      startsLo: new BigUint64Array(n6),
      endsHi: new BigUint64Array(n6),
      endsLo: new BigUint64Array(n6),
      asns: new Uint32Array(n6),
    };
    let i6 = 0;
    let previousEnd = -1n;
    lines6((line) => {
      const f = splitLine(line);
      const start = f && /^\d{1,39}$/.test(f[0]) ? BigInt(f[0]) : -1n;
      const end = f && /^\d{1,39}$/.test(f[1]) ? BigInt(f[1]) : -1n;
      const asn = Number(f?.[2]);
      if (
        !f ||
        start < 0n ||
        end < start ||
        end >> 128n !== 0n ||
        start <= previousEnd ||
        !Number.isInteger(asn)
      ) {
        skipped++;
        return;
      }
      v6.startsHi[i6] = start >> 64n;
      v6.startsLo[i6] = start & LOW64;
      v6.endsHi[i6] = end >> 64n;
      v6.endsLo[i6] = end & LOW64;
      v6.asns[i6] = asn;
      i6++;
      previousEnd = end;
      keepOrg(asn, f[3]);
    });

    // Views, not copies: the arrays are a line or so longer than the ranges (the last newline, any
    // skipped lines), and a copy would hold both at once for a moment.
    const trim4 = (a: Uint32Array): Uint32Array => a.subarray(0, i4);
    const trim6 = (a: BigUint64Array): BigUint64Array => a.subarray(0, i6);
    return new AsnTable(
      { starts: trim4(v4.starts), ends: trim4(v4.ends), asns: trim4(v4.asns) },
      {
        startsHi: trim6(v6.startsHi),
        startsLo: trim6(v6.startsLo),
        endsHi: trim6(v6.endsHi),
        endsLo: trim6(v6.endsLo),
        asns: v6.asns.subarray(0, i6),
      },
      orgs,
      skipped,
    );
  }

  get ranges(): number {
    return this.v4.starts.length + this.v6.startsHi.length;
  }

  /** Bytes of the typed arrays (the organisation names come on top). */
  get tableBytes(): number {
    const t = this.v4;
    const s = this.v6;
    return [t.starts, t.ends, t.asns, s.startsHi, s.startsLo, s.endsHi, s.endsLo, s.asns].reduce(
      (n, a) => n + a.byteLength,
      0,
    );
  }

  lookup(address: IpNumber): AsInfo | null {
    const asn = address.family === 4 ? this.find4(address.value) : this.find6(address.value);
    // AS 0 in the source means "not routed": no AS.
    return asn === null || asn === 0 ? null : { asn, asOrg: this.orgs.get(asn) ?? null };
  }

  private find4(v: number): number | null {
    const { starts, ends, asns } = this.v4;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] ?? 0) > v) hi = mid - 1;
      else if ((ends[mid] ?? 0) < v) lo = mid + 1;
      else return asns[mid] ?? null;
    }
    return null;
  }

  private find6(v: bigint): number | null {
    const t = this.v6;
    const vh = v >> 64n;
    const vl = v & LOW64;
    const below = (h: bigint, l: bigint): boolean => h < vh || (h === vh && l < vl);
    const above = (h: bigint, l: bigint): boolean => h > vh || (h === vh && l > vl);
    let lo = 0;
    let hi = t.startsHi.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (above(t.startsHi[mid] ?? 0n, t.startsLo[mid] ?? 0n)) hi = mid - 1;
      else if (below(t.endsHi[mid] ?? 0n, t.endsLo[mid] ?? 0n)) lo = mid + 1;
      else return t.asns[mid] ?? null;
    }
    return null;
  }
}
