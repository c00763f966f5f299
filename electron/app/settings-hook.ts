// Lets the shell act on settings the renderer saves (start at login) without a second channel:
// the core's settings handlers are wrapped, everything else passes through unchanged.
import type { CoreService } from '../core/core-service';
import type { Settings } from '../../shared/model';

export function observeSettings(core: CoreService, onSettings: (settings: Settings) => void): CoreService {
  const settings = core.handlers.settings;
  const handlers = {
    ...core.handlers,
    settings: {
      get: async (input: Parameters<typeof settings.get>[0]) => settings.get(input),
      set: async (input: Parameters<typeof settings.set>[0]) => {
        const saved = await settings.set(input);
        onSettings(saved);
        return saved;
      },
    },
  };
  return { handlers, subscribe: (l) => core.subscribe(l), close: () => core.close() };
}
