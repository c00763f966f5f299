// Serves the built renderer at app://netwatch/ with the app's CSP: a standard, secure origin of
// its own instead of file://, which would give the page the whole disk's origin.
import { readFile } from 'node:fs/promises';
import { resolveStaticFile } from '../web/static-assets';
import { APP_CONTENT_SECURITY_POLICY, APP_HOST, APP_SCHEME } from './window-options';

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  // Vite emits <script type="module" crossorigin>: module scripts are fetched in CORS mode, which a
  // custom scheme must allow. Other origins still cannot read it: no Access-Control-Allow-Origin.
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const;

const headers = (contentType: string): Record<string, string> => ({
  'Content-Type': contentType,
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
});

function notFound(): Response {
  return new Response('Not Found', { status: 404, headers: headers('text/plain; charset=utf-8') });
}

/** The handler for protocol.handle(APP_SCHEME, ...): files of `rendererDir` only, GET only. */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    if (request.method !== 'GET') return new Response('Method Not Allowed', { status: 405 });
    const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = await resolveStaticFile(rendererDir, pathname);
    if (!file) return notFound();
    const body = await readFile(file.filePath);
    return new Response(body, { status: 200, headers: headers(file.contentType) });
  };
}
