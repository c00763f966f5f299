// Which view is shown, kept in the URL's hash (#/programs/12, #/history?program=12) so it survives
// a reload and works the same from file:// in Electron and over HTTP. The token stays in ?search.
import { useSyncExternalStore } from 'react';

export const views = ['live', 'programs', 'history', 'graphs', 'alerts', 'network', 'settings'] as const;
export type ViewName = (typeof views)[number];

export interface Route {
  view: ViewName;
  /** The path segment after the view: a program id, for example. */
  id: string | null;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = text.split('?', 2);
  const [name, id] = path.split('/', 2);
  const view = (views as readonly string[]).includes(name ?? '') ? (name as ViewName) : 'live';
  return { view, id: id ? decodeURIComponent(id) : null, params: new URLSearchParams(query) };
}

export function routeHash(
  view: ViewName,
  id?: string | number | null,
  params?: Record<string, string>,
): string {
  const query = params ? new URLSearchParams(params).toString() : '';
  return `#/${view}${id !== undefined && id !== null ? `/${encodeURIComponent(String(id))}` : ''}${query ? `?${query}` : ''}`;
}

export function navigate(view: ViewName, id?: string | number | null, params?: Record<string, string>): void {
  window.location.hash = routeHash(view, id, params);
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
let cachedHash: string | null = null;
let cachedRoute: Route = parseRoute('');
const getRoute = (): Route => {
  if (window.location.hash !== cachedHash) {
    cachedHash = window.location.hash;
    cachedRoute = parseRoute(cachedHash);
  }
  return cachedRoute;
};

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, getRoute);
}
