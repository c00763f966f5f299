// Keeps the window on the app's own content: navigations and new windows are refused; a link
// to the web opens in the user's browser, and only when it is a plain https URL.
import { isAppUrl } from './window-options';

/** https, a host, no credentials in it, not absurdly long: the only URLs handed to the OS. */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

export interface NavigationGuardOptions {
  /** shell.openExternal in the app. */
  openExternal(url: string): void;
  /** Told about each refusal (for the log). */
  onRefused?(kind: 'navigate' | 'window' | 'webview', url: string): void;
}

interface PreventableEvent {
  preventDefault(): void;
}

/** Handlers to wire on a webContents: will-navigate / will-redirect, setWindowOpenHandler, will-attach-webview. */
export function navigationGuard(options: NavigationGuardOptions) {
  const openIfSafe = (url: string) => {
    if (isSafeExternalUrl(url)) options.openExternal(url);
  };
  return {
    onWillNavigate(event: PreventableEvent, url: string): void {
      // In-page (hash) navigation does not come here; a full load of another document is refused,
      // even of the app's own pages, which never navigate that way.
      event.preventDefault();
      options.onRefused?.('navigate', url);
      if (!isAppUrl(url)) openIfSafe(url);
    },
    onWillRedirect(event: PreventableEvent, url: string): void {
      if (isAppUrl(url)) return;
      event.preventDefault();
      options.onRefused?.('navigate', url);
    },
    windowOpenHandler(details: { url: string }): { action: 'deny' } {
      options.onRefused?.('window', details.url);
      openIfSafe(details.url);
      return { action: 'deny' };
    },
    onWillAttachWebview(event: PreventableEvent, _prefs: unknown, params: { src?: string }): void {
      event.preventDefault();
      options.onRefused?.('webview', params.src ?? '');
    },
  };
}

/** Permission requests (camera, notifications from the page, geolocation, ...) are all denied. */
export const denyPermissionRequest = (
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false);
export const denyPermissionCheck = (): boolean => false;
