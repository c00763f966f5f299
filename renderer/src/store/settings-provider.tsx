// The core's settings for every view that needs them (thresholds on graphs, the theme, the
// interval), and the one way to change them: settings.set, whose answer becomes the new truth.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Settings } from '../../../shared/model';
import { useApi } from '../api/api-context';
import { useQuery } from '../api/use-query';

interface SettingsValue {
  settings: Settings | null;
  error: string | null;
  update(patch: Partial<Settings>): Promise<Settings>;
}

const SettingsContext = createContext<SettingsValue | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const query = useQuery((a) => a.settings.get({}), []);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    if (query.data) setSettings(query.data);
  }, [query.data]);
  const update = useCallback(
    async (patch: Partial<Settings>) => {
      const next = await api.settings.set(patch);
      setSettings(next);
      return next;
    },
    [api],
  );
  return (
    <SettingsContext.Provider value={{ settings, error: query.error, update }}>
      {children}
    </SettingsContext.Provider>
  );
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('SettingsProvider is missing');
  return value;
}
