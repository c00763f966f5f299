// Finds the built renderer (dist/renderer) from wherever this code runs: the bundle in
// dist/electron, the sources under tsx, or a packaged app's resources.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder holding the built index.html, or null when the renderer is not built. */
export function findRendererDir(from: string = __dirname): string | null {
  let dir = path.resolve(from);
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = path.join(dir, 'dist', 'renderer');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.basename(dir) === 'dist' && existsSync(path.join(dir, 'renderer', 'index.html'))) {
      return path.join(dir, 'renderer');
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}
