// Finds how this page reaches the core: in the desktop app the preload exposes window.netwatch;
// in a browser (netwatch serve) the page opens the WebSocket itself with the token from its URL.
import type { NetwatchApi } from '../../../shared/contract';
import { TOKEN_PARAM } from '../../../shared/wire';
import { buildSocketApi } from './build-api';
import { alwaysOpen, type ConnectionSource } from './connection-state';
import { createSocketLink, socketUrl } from './socket-link';

declare global {
  interface Window {
    netwatch?: NetwatchApi;
  }
}

export interface ApiClient {
  api: NetwatchApi;
  connection: ConnectionSource;
  transport: 'electron' | 'websocket';
}

export type ApiDetection = { ok: true; client: ApiClient } | { ok: false; problem: string };

function looksLikeApi(value: unknown): value is NetwatchApi {
  if (typeof value !== 'object' || value === null) return false;
  const live: unknown = (value as { live?: unknown }).live;
  return (
    typeof live === 'object' &&
    live !== null &&
    typeof (live as { snapshot?: unknown }).snapshot === 'function'
  );
}

export function detectApi(win: Window): ApiDetection {
  if (looksLikeApi(win.netwatch)) {
    return { ok: true, client: { api: win.netwatch, connection: alwaysOpen, transport: 'electron' } };
  }
  const token = new URLSearchParams(win.location.search).get(TOKEN_PARAM);
  if (!token || win.location.protocol === 'file:') {
    return {
      ok: false,
      problem:
        'This page needs netwatch behind it. Run `netwatch serve` and open the URL it prints (it carries ?token=…), or start the desktop app.',
    };
  }
  const link = createSocketLink(socketUrl(win.location, token));
  return { ok: true, client: { api: buildSocketApi(link), connection: link, transport: 'websocket' } };
}
