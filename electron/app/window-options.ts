// How the app's window is made: isolated, sandboxed, no Node in the page, and a strict CSP for the
// app:// content it loads. Plain data, so a test can check every switch without Electron.
import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer is served from app://netwatch/ (a privileged standard scheme), never from the web. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'netwatch';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The page may load and talk to its own origin only; IPC goes through the preload, not the network. */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True for URLs of the app's own content (and nothing that merely starts like it). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preload: string;
  /** Window icon (Linux/Windows); the caller makes the nativeImage. */
  icon?: BrowserWindowConstructorOptions['icon'];
  /** Developer tools only in development. */
  devTools: boolean;
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'netwatch',
    // Shown when ready (or not at all when started hidden at login).
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#111418',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}
