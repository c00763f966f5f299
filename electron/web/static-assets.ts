// Finds the built renderer's file for a request path, and only inside the renderer folder:
// no "..", no encoded separators, no symlink that leads out, no directories.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface StaticFile {
  filePath: string;
  size: number;
  contentType: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** The request path's segments, or null when it tries to leave the folder or is not a clean path. */
export function safeSegments(pathname: string): string[] | null {
  if (!pathname.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.') continue;
    if (segment === '..' || /[\\/\u0000]/.test(segment) || segment.includes(':')) return null;
    segments.push(segment);
  }
  return segments;
}

/** The file under `root` that `pathname` names, or null (missing, outside, not a file). */
export async function resolveStaticFile(root: string, pathname: string): Promise<StaticFile | null> {
  const segments = safeSegments(pathname);
  if (!segments || segments.length === 0) return null;
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.join(realRoot, ...segments));
    if (!real.startsWith(realRoot + path.sep)) return null;
    const info = await stat(real);
    if (!info.isFile()) return null;
    return { filePath: real, size: info.size, contentType: contentTypeOf(real) };
  } catch {
    return null;
  }
}
