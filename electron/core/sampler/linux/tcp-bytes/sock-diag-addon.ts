// Loads the sock_diag addon (sock-diag.c, built beside the bundles by scripts/build-native.mjs) and
// checks what it exports; any failure is a reason in words, so the sampler can fall back to ss.
import fs from 'node:fs';
import path from 'node:path';

/** The addon's calls (sock-diag.c says what each array holds); each throws when the dump is refused. */
export interface SockDiag {
  /** inode, bytes acked, bytes received, per socket with counters. */
  tcpBytes(): Float64Array;
  /** TCP_DUMP_ROW numbers per socket of every state /proc/net/tcp lists (see tcp-socket-dump.ts). */
  tcpSockets(): Float64Array;
}

/**
 * Beside this module once bundled (dist/electron); from the source tree (tests under tsx), the
 * build's output. Inside an Electron asar the addon is unpacked next to it (asarUnpack).
 */
export const ADDON_CANDIDATES = [
  path.join(__dirname, 'sock-diag.node'),
  path.resolve(__dirname, '../../../../../dist/electron/sock-diag.node'),
].map((file) => file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`));

export function loadSockDiag(candidates: readonly string[] = ADDON_CANDIDATES): SockDiag | string {
  const file = candidates.find((f) => fs.existsSync(f));
  if (file === undefined) return `no sock-diag addon (looked for ${candidates.join(', ')})`;
  const holder: { exports: unknown } = { exports: {} };
  try {
    // process.dlopen is what require() does for a .node file, without the bundler seeing a require.
    process.dlopen(holder as { exports: object }, file);
  } catch (error) {
    return `cannot load ${file}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const exported = holder.exports as Record<string, unknown> | null;
  const calls: Partial<SockDiag> = {};
  for (const name of ['tcpBytes', 'tcpSockets'] as const) {
    const call = typeof exported === 'object' && exported !== null ? exported[name] : undefined;
    if (typeof call !== 'function') return `${file} exports no ${name} (an older build: run the build again)`;
    calls[name] = () => {
      const result: unknown = call();
      if (!(result instanceof Float64Array)) throw new Error(`sock-diag: ${name} gave no Float64Array`);
      return result;
    };
  }
  return calls as SockDiag;
}
