// What Electron's contextBridge does for a sandboxed preload, done over the DevTools protocol: the
// object the preload exposed (functions of functions) appears in a real Chromium page as a frozen
// window[key], calls go back to the preload's functions in Node, listeners come back as calls into
// the page. Electron proxies functions synchronously; across CDP a call is async, so a member that
// takes a listener hands back its release function at once, and the release follows in order.
import type { Page } from 'playwright-core';

export type ExposedApi = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

type BridgeCall = { path: [string, string]; args: unknown[]; handle?: number } | { release: number };

/** What the page script defines, as seen from a function evaluated in the page. */
interface PageGlobals {
  __nwDeliver(id: number, payload: unknown): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function parseCall(value: unknown): BridgeCall {
  if (isRecord(value) && typeof value.release === 'number') return { release: value.release };
  if (
    isRecord(value) &&
    Array.isArray(value.path) &&
    value.path.length === 2 &&
    value.path.every((p) => typeof p === 'string') &&
    Array.isArray(value.args)
  ) {
    const handle = typeof value.handle === 'number' ? value.handle : undefined;
    return { path: [String(value.path[0]), String(value.path[1])], args: value.args, handle };
  }
  throw new Error('page bridge: malformed call');
}

/** Runs in the page before any of its scripts; a string, so no transpiler helper leaks into it. */
function pageScript(key: string, members: [string, string][]): string {
  return `(() => {
  const members = ${JSON.stringify(members)};
  const callbacks = new Map();
  let next = 1;
  const deliver = (id, payload) => { const f = callbacks.get(id); if (f) f(payload); };
  Object.defineProperty(window, '__nwDeliver', { value: deliver });
  const bridge = window.__nwBridge;
  const api = {};
  for (const [service, member] of members) {
    api[service] = api[service] || {};
    api[service][member] = (...args) => {
      if (!args.some((a) => typeof a === 'function')) return bridge({ path: [service, member], args });
      const ids = [];
      const wire = args.map((a) => {
        if (typeof a !== 'function') return a;
        const id = next++;
        callbacks.set(id, a);
        ids.push(id);
        return { __nwCallback: id };
      });
      const handle = next++;
      void bridge({ path: [service, member], args: wire, handle });
      return () => {
        for (const id of ids) callbacks.delete(id);
        void bridge({ release: handle });
      };
    };
  }
  for (const service of Object.values(api)) Object.freeze(service);
  Object.defineProperty(window, ${JSON.stringify(key)}, { value: Object.freeze(api), enumerable: true });
})();`;
}

/**
 * Makes `current()` (what the preload of the page's current document exposed under `key`) the
 * page's window[key]. Call before the first navigation; it holds for every later document.
 */
export async function bridgeIntoPage(page: Page, key: string, current: () => ExposedApi): Promise<void> {
  const releases = new Map<number, () => void>();
  // Deliveries keep the order the preload's listeners were called in.
  let queue: Promise<unknown> = Promise.resolve();
  const toPage = (id: number) => (payload: unknown) => {
    queue = queue
      .then(() =>
        page.evaluate(({ id, payload }) => (globalThis as unknown as PageGlobals).__nwDeliver(id, payload), {
          id,
          payload,
        }),
      )
      .catch(() => {}); // the document is gone: Electron drops the event too
  };

  await page.exposeBinding('__nwBridge', async (_source, raw: unknown) => {
    const call = parseCall(raw);
    if ('release' in call) {
      releases.get(call.release)?.();
      releases.delete(call.release);
      return null;
    }
    const member = current()[call.path[0]]?.[call.path[1]];
    if (typeof member !== 'function') throw new Error(`${call.path.join('.')} is not exposed`);
    const args = call.args.map((a) =>
      isRecord(a) && typeof a.__nwCallback === 'number' ? toPage(a.__nwCallback) : a,
    );
    const result: unknown = await member(...args);
    if (call.handle !== undefined && typeof result === 'function') {
      releases.set(call.handle, () => void result());
      return null;
    }
    return result;
  });

  const members: [string, string][] = Object.entries(current()).flatMap(([service, fns]) =>
    Object.keys(fns).map((m): [string, string] => [service, m]),
  );
  await page.addInitScript(pageScript(key, members));
}
