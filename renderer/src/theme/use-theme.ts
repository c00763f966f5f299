// Light or dark: follows the system unless the settings say otherwise. The choice is remembered
// locally too, so the next start paints in the right colours before settings arrive.
import { useEffect } from 'react';
import type { Settings } from '../../../shared/model';

const KEY = 'netwatch.theme';
type Theme = Settings['theme'];

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Before the first render: the theme last used on this machine. */
export function applyRememberedTheme(): void {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark' || saved === 'system') applyTheme(saved);
  } catch {
    // Storage may be unavailable (privacy settings); the system theme applies.
  }
}

export function useTheme(theme: Theme | undefined): void {
  useEffect(() => {
    if (!theme) return;
    applyTheme(theme);
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // See above.
    }
  }, [theme]);
}
