// The view switcher across the top, with the unread alert count on Alerts. Alt+1…7 switch views.
import { useEffect } from 'react';
import { useStatus } from '../store/status-provider';
import { navigate, routeHash, views, type ViewName } from './route';

const labels: Record<ViewName, string> = {
  live: 'Live',
  programs: 'Programs',
  history: 'History',
  graphs: 'Graphs',
  alerts: 'Alerts',
  network: 'Network',
  settings: 'Settings',
};

export function NavBar({ current }: { current: ViewName }) {
  const { status } = useStatus();
  const unread = status?.unreadAlerts ?? 0;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const view = views[Number(event.key) - 1];
      if (view) {
        event.preventDefault();
        navigate(view);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <header className="topbar">
      <div className="brand" aria-label="netwatch">
        <span className="brand-mark" aria-hidden="true">
          ◉
        </span>
        netwatch
      </div>
      <nav className="tabs" aria-label="Views">
        {views.map((view, i) => (
          <a
            key={view}
            href={routeHash(view)}
            className={view === current ? 'tab active' : 'tab'}
            aria-current={view === current ? 'page' : undefined}
            title={`${labels[view]} (Alt+${i + 1})`}
            data-testid={`tab-${view}`}
          >
            {labels[view]}
            {view === 'alerts' && unread > 0 ? (
              <span className="badge" data-testid="alert-badge" aria-label={`${unread} unread`}>
                {unread > 999 ? '999+' : unread}
              </span>
            ) : null}
          </a>
        ))}
      </nav>
    </header>
  );
}
