// The renderer's entry: find the way to the core (preload or WebSocket), then render the app.
import './api/zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context';
import { detectApi } from './api/detect-api';
import { App } from './app/app';
import { Notice } from './components/notice';
import { applyRememberedTheme } from './theme/use-theme';
import './styles/base.css';
import './styles/table.css';
import './styles/views.css';
import './styles/dialog.css';

applyRememberedTheme();
const root = createRoot(document.getElementById('root')!);
const detected = detectApi(window);
root.render(
  <StrictMode>
    {detected.ok ? (
      <ApiContext.Provider value={detected.client}>
        <App />
      </ApiContext.Provider>
    ) : (
      <div className="app app-unconnected">
        <Notice kind="error" title="Not connected to netwatch">
          {detected.problem}
        </Notice>
      </div>
    )}
  </StrictMode>,
);
