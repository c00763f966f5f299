// Alerts: unread first, newest first; acknowledge one or all, trust the program (a trust-program
// rule), ignore the address (an ignore-address rule) or mute a traffic alert for its program. New alerts appear as they are raised.
import { useEffect, useMemo, useState } from 'react';
import type { AlertRecord } from '../../../../shared/model';
import { useApi } from '../../api/api-context';
import { errorText, useEvent, useQuery } from '../../api/use-query';
import { useRoute } from '../../app/route';
import { useSessionState } from '../../app/session-state';
import { Notice } from '../../components/notice';
import { Segmented } from '../../components/segmented';
import { countText } from '../../format/numbers';
import { SafeText } from '../../text/safe-text';
import { AlertCard, type AlertActions } from './alert-card';

const LIMIT = 500;

export function alertOrder(a: AlertRecord, b: AlertRecord): number {
  if (a.acknowledged !== b.acknowledged) return a.acknowledged ? 1 : -1;
  return b.lastAt - a.lastAt || b.id - a.id;
}

export function AlertsView() {
  const api = useApi();
  const [show, setShow] = useSessionState<'unread' | 'all'>('alerts.show', 'all');
  const query = useQuery((a) => a.alerts.list({ all: show === 'all', limit: LIMIT }), [show]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEvent<AlertRecord>((a, listener) => a.alerts.onRaised(listener), query.reload);

  const alerts = useMemo(() => [...(query.data ?? [])].sort(alertOrder), [query.data]);
  // #/alerts/12 (a notification clicked in the desktop app): bring that alert into view.
  const route = useRoute();
  const focusId = route.id !== null && /^\d+$/.test(route.id) ? Number(route.id) : null;
  const focusShown = focusId !== null && alerts.some((a) => a.id === focusId);
  useEffect(() => {
    if (!focusShown) return;
    document.querySelector(`[data-alert-id="${focusId}"]`)?.scrollIntoView({ block: 'center' });
  }, [focusId, focusShown]);
  const unread = alerts.filter((a) => !a.acknowledged).length;

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
      query.reload();
    }
  };
  /** Acknowledges every unread alert the predicate picks (the one acted on, and its siblings). */
  const ackWhere = async (pick: (a: AlertRecord) => boolean) => {
    for (const a of alerts) if (!a.acknowledged && pick(a)) await api.alerts.ack({ id: a.id });
  };
  const actions: AlertActions = {
    ack: (alert) => void act(() => api.alerts.ack({ id: alert.id })),
    trust: (alert) =>
      void act(async () => {
        await api.rules.add({ kind: 'trust-program', value: alert.exe!, note: 'trusted from an alert' });
        await ackWhere(
          (a) => a.exe === alert.exe && (a.kind === 'new-program' || a.kind === 'changed-program'),
        );
      }),
    ignore: (alert) =>
      void act(async () => {
        await api.rules.add({
          kind: 'ignore-address',
          value: alert.remoteAddress!,
          note: 'ignored from an alert',
        });
        await ackWhere((a) => a.remoteAddress === alert.remoteAddress);
      }),
    muteForProgram: (alert) =>
      void act(() =>
        // Adding the rule acknowledges the open alerts it covers.
        api.rules.add({
          kind: 'mute-kind',
          value: `${alert.kind} ${alert.exe!}`,
          note: 'muted from an alert',
        }),
      ),
  };

  let body;
  if (query.error)
    body = (
      <Notice kind="error" title="Could not load alerts" action={{ label: 'Retry', run: query.reload }}>
        {query.error}
      </Notice>
    );
  else if (!query.data) body = <Notice kind="loading" title="Loading alerts…" />;
  else if (alerts.length === 0)
    body = (
      <Notice title={show === 'unread' ? 'Nothing unread' : 'No alerts yet'}>
        netwatch raises an alert when a program it has not seen before uses the network, a binary changes, a
        new port starts listening, one address floods this machine, or a program sends more than the traffic
        threshold (Settings).
      </Notice>
    );
  else
    body = (
      <ul className="alert-list" aria-label="Alerts">
        {alerts.map((a) => (
          <AlertCard key={a.id} alert={a} actions={actions} busy={busy} focused={a.id === focusId} />
        ))}
      </ul>
    );

  return (
    <section className="view" aria-label="Alerts">
      <div className="toolbar">
        <Segmented<'unread' | 'all'>
          label="Show"
          value={show}
          onChange={setShow}
          options={[
            { value: 'all', label: 'All' },
            { value: 'unread', label: 'Unread' },
          ]}
        />
        <span className="muted" data-testid="alerts-unread">
          {countText(unread)} unread
        </span>
        <span className="status-spacer" />
        {problem ? (
          <span className="form-error">
            <SafeText value={problem} />
          </span>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={busy || unread === 0}
          onClick={() => void act(() => api.alerts.ackAll({}))}
        >
          Acknowledge all
        </button>
      </div>
      <div className="view-scroll">{body}</div>
    </section>
  );
}
