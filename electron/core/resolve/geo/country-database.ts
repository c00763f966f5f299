// IP -> ISO 3166-1 alpha-2 country from an MMDB file (records { country_code }), read whole into
// memory by the maxmind reader: one read at start, no file access per lookup.
import fs from 'node:fs';
import { Reader } from 'maxmind';

const COUNTRY = /^[A-Z]{2}$/;

export class CountryDatabase {
  private readonly reader: Reader<Record<string, unknown>>;
  readonly bytes: number;

  constructor(mmdbPath: string) {
    const buffer = fs.readFileSync(mmdbPath);
    this.bytes = buffer.byteLength;
    this.reader = new Reader<Record<string, unknown>>(buffer);
  }

  /** Null when the database has no record, or a record without a well-formed code. */
  countryOf(address: string): string | null {
    const code = this.reader.get(address)?.country_code;
    return typeof code === 'string' && COUNTRY.test(code) ? code : null;
  }
}
