// The status bar on every view: is netwatch sampling or paused (and a button to change that), is
// it running without the privileges to see other users' processes (and what that hides), is the
// database healthy, and is this page still connected.
import { useState } from 'react';
import { useApi, useConnection } from '../api/api-context';
import { errorText } from '../api/use-query';
import { bytesText, countText, timeText } from '../format/numbers';
import { useLiveVersion, useLiveSync } from '../store/live-provider';
import { useStatus } from '../store/status-provider';
import { SafeText } from '../text/safe-text';
import { lastSample } from './last-sample';

export function StatusBar() {
  const api = useApi();
  const link = useConnection();
  const { status, error, setStatus } = useStatus();
  const sync = useLiveSync();
  useLiveVersion();
  const [busy, setBusy] = useState<string | null>(null);

  const toggle = async () => {
    if (!status) return;
    setBusy(null);
    try {
      setStatus(status.paused ? await api.status.resume({}) : await api.status.pause({}));
    } catch (e) {
      setBusy(errorText(e));
    }
  };

  if (link.state !== 'open') {
    return (
      <footer className="statusbar statusbar-down" role="status" data-testid="status-bar">
        <span className="dot dot-bad" aria-hidden="true" />
        <span>
          {link.state === 'connecting' ? 'Connecting to netwatch…' : (link.problem ?? 'Disconnected')}
        </span>
        <span className="muted">The view will reload itself when the connection is back.</span>
      </footer>
    );
  }
  if (!status) {
    return (
      <footer className="statusbar" role="status" data-testid="status-bar">
        <span>{error ? `Status unavailable: ${error}` : 'Loading status…'}</span>
      </footer>
    );
  }

  const sampling = status.sampling && !status.paused;
  // The core says it samples, but no sample has landed for a while: say so rather than look idle.
  const staleAfter = Math.max(5000, status.intervalMs * 3);
  const last = lastSample(status, sync.table);
  const stale =
    sampling && (last.at === null ? performance.now() > staleAfter : Date.now() - last.at > staleAfter);
  return (
    <footer className="statusbar" role="status" data-testid="status-bar">
      <span className="status-item" data-testid="status-sampling">
        <span className={`dot ${sampling ? 'dot-ok' : 'dot-warn'}`} aria-hidden="true" />
        {sampling
          ? `Sampling every ${status.intervalMs >= 1000 ? `${status.intervalMs / 1000} s` : `${status.intervalMs} ms`}`
          : status.paused
            ? 'Paused'
            : 'Not sampling'}
        <button type="button" className="link-button" onClick={() => void toggle()}>
          {status.paused ? 'Resume' : 'Pause'}
        </button>
      </span>
      <span
        className={`status-item ${stale ? 'status-bad' : 'muted'}`}
        title="Last sample and how long it took"
        data-testid="status-last-sample"
      >
        {stale ? '⚠ ' : ''}
        {last.at ? `Last sample ${timeText(last.at)}` : 'No sample yet'}
        {last.ms !== null ? ` · ${last.ms.toFixed(0)} ms` : ''}
        {stale ? ' — sampling seems stuck; see netwatch’s log' : ''}
      </span>
      <span className="status-item" title="Sockets on the live table">
        {countText(sync.table.openCount())} sockets
      </span>
      {status.privileged ? null : (
        <span
          className="status-item status-warn"
          data-testid="status-unprivileged"
          title="Without root (or CAP_SYS_PTRACE / an administrator account) netwatch cannot see which program owns another user's sockets. Those rows show the user only."
        >
          ⚠ Unprivileged: {countText(status.unattributedSockets)} sockets without an owner
        </span>
      )}
      {status.events ? (
        <span
          className={`status-item ${status.events.state === 'on' ? 'muted' : 'status-warn'}`}
          data-testid="status-events"
          title={
            status.events.state === 'on'
              ? 'Connections come from the kernel as they happen, even the shortest'
              : `Polling alone: ${status.events.reason ?? 'kernel events are off'}`
          }
        >
          {status.events.state === 'on' ? 'Kernel events on' : '⚠ Kernel events off'}
          {status.events.drops > 0 ? ` · ${countText(status.events.drops)} dropped` : ''}
        </span>
      ) : null}
      {status.events?.state === 'on' && status.events.askedNames ? (
        <span
          className={`status-item ${status.events.askedNames.state === 'on' ? 'muted' : 'status-warn'}`}
          data-testid="status-asked-names"
          title={
            status.events.askedNames.state === 'on'
              ? 'Host names are the names programs asked the C library for (getaddrinfo); reverse DNS where none was seen'
              : `Host names are reverse DNS: ${status.events.askedNames.reason ?? 'the getaddrinfo probe is off'}`
          }
        >
          {status.events.askedNames.state === 'on' ? 'Asked names on' : '⚠ Asked names off'}
        </span>
      ) : null}
      <span
        className={`status-item ${status.database.healthy ? (status.database.limitPruning ? 'status-warn' : '') : 'status-bad'}`}
        data-testid="status-db"
        title={
          status.database.limitPruning
            ? `${status.database.path}: the size limit (Settings) deletes the oldest closed connections before the retention would`
            : status.database.path
        }
      >
        <span className={`dot ${status.database.healthy ? 'dot-ok' : 'dot-bad'}`} aria-hidden="true" />
        {status.database.healthy ? (
          status.database.limitPruning ? (
            `Database ${bytesText(status.database.sizeBytes)}, at its size limit: oldest history deleted`
          ) : (
            `Database ${bytesText(status.database.sizeBytes)}`
          )
        ) : (
          <>
            Database problem: <SafeText value={status.database.message ?? 'unknown'} />
          </>
        )}
      </span>
      {status.watchedBy ? (
        <span
          className={`status-item ${status.watchedBy.connected ? 'muted' : 'status-bad'}`}
          data-testid="status-watched-by"
        >
          <SafeText value={status.watchedBy.text} />
        </span>
      ) : null}
      {busy ? <span className="status-item status-bad">{busy}</span> : null}
      <span className="status-spacer" />
      <span className="status-item muted">{status.platform}</span>
    </footer>
  );
}
