// The page: the view switcher, the current view, and the status bar; around them the providers
// every view reads (the live table, status, settings).
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useConnection } from '../api/api-context';
import { Notice } from '../components/notice';
import { LiveProvider } from '../store/live-provider';
import { SettingsProvider, useSettings } from '../store/settings-provider';
import { StatusProvider } from '../store/status-provider';
import { useTheme } from '../theme/use-theme';
import { AlertsView } from '../views/alerts/alerts-view';
import { GraphsView } from '../views/graphs/graphs-view';
import { HistoryView } from '../views/history/history-view';
import { LiveView } from '../views/live/live-view';
import { NetworkView } from '../views/network/network-view';
import { ProgramsView } from '../views/programs/programs-view';
import { SettingsView } from '../views/settings/settings-view';
import { NavBar } from './nav-bar';
import { useRoute, type ViewName } from './route';
import { StatusBar } from './status-bar';

const screens: Record<ViewName, () => ReactNode> = {
  live: () => <LiveView />,
  programs: () => <ProgramsView />,
  history: () => <HistoryView />,
  graphs: () => <GraphsView />,
  alerts: () => <AlertsView />,
  network: () => <NetworkView />,
  settings: () => <SettingsView />,
};

function Themed() {
  const { settings } = useSettings();
  useTheme(settings?.theme);
  return null;
}

function Shell() {
  const route = useRoute();
  const link = useConnection();
  return (
    <div className={link.state === 'open' ? 'app' : 'app app-offline'}>
      <Themed />
      <NavBar current={route.view} />
      <main className="main">
        <ViewBoundary key={route.view}>{screens[route.view]()}</ViewBoundary>
      </main>
      <StatusBar />
    </div>
  );
}

export function App() {
  return (
    <StatusProvider>
      <SettingsProvider>
        <LiveProvider>
          <Shell />
        </LiveProvider>
      </SettingsProvider>
    </StatusProvider>
  );
}

/** A view that throws shows what happened instead of a blank page; other views keep working. */
class ViewBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('view failed', error, info.componentStack);
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Notice
        kind="error"
        title="This view failed"
        action={{ label: 'Try again', run: () => this.setState({ error: null }) }}
      >
        {this.state.error.message}. Other views still work; reloading the page rebuilds everything from
        netwatch.
      </Notice>
    );
  }
}
