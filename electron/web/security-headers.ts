// Response headers of the headless server: a strict Content-Security-Policy (the page may talk only
// to its own origin and socket), no sniffing, no framing, no referrer (the URL carries the token),
// and no caching of anything that holds the token or data.
import type { OutgoingHttpHeaders } from 'node:http';

/** `host` is the Host header the browser used (already checked), e.g. "127.0.0.1:8080". */
export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const common: OutgoingHttpHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

/** The page at /?token=T: never stored by the browser or a proxy. */
export function pageHeaders(host: string): OutgoingHttpHeaders {
  return {
    ...common,
    'Content-Security-Policy': contentSecurityPolicy(host),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  };
}

/** Built assets: public code, no data. Hashed names under /assets/ never change content. */
export function assetHeaders(host: string, immutable: boolean): OutgoingHttpHeaders {
  return {
    ...common,
    'Content-Security-Policy': contentSecurityPolicy(host),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
}

/** Refusals and errors: plain text, never cached. */
export function errorHeaders(): OutgoingHttpHeaders {
  return {
    ...common,
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  };
}
