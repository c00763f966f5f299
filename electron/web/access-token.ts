// The secret that lets a browser use `netwatch serve`: random per run, carried in the page URL
// and the socket URL, compared in constant time so its bytes cannot be guessed by timing.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: nothing to escape in a query string. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True when `given` is exactly `expected`; absent or differently sized tokens are simply false. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
