// One alert: what happened, who (program, user, command line), where (addresses), when (first,
// last, how many times), and what to do about it (acknowledge, trust the program, ignore the address).
import type { AlertRecord } from '../../../../shared/model';
import { navigate } from '../../app/route';
import { endpointText } from '../../format/endpoint';
import { agoText, fullTimeText, timeText } from '../../format/numbers';
import { asText } from '../../format/geo-text';
import { SafeText } from '../../text/safe-text';
import { LongText } from '../../components/long-text';
import { HostSourceTag } from '../../components/host-source-tag';

const kindText: Record<AlertRecord['kind'], string> = {
  'new-program': 'New program on the network',
  'changed-program': 'Program binary changed',
  'new-listener': 'New listening socket',
  'flood-remote': 'Many connections from one address',
  'syn-flood': 'Possible SYN flood',
  'traffic-volume': 'A program sent a lot',
};

export interface AlertActions {
  ack(alert: AlertRecord): void;
  trust(alert: AlertRecord): void;
  ignore(alert: AlertRecord): void;
  /** A mute-kind rule for this alert's kind and program. */
  muteForProgram(alert: AlertRecord): void;
}

interface AlertCardProps {
  alert: AlertRecord;
  actions: AlertActions;
  busy: boolean;
  /** The alert the URL points at (#/alerts/ID): outlined. */
  focused: boolean;
}

export function AlertCard({ alert, actions, busy, focused }: AlertCardProps) {
  const unread = !alert.acknowledged;
  const remote =
    alert.remoteAddress !== null
      ? endpointText(alert.remoteAddress, alert.remotePort ?? 0, alert.remoteHost, alert.service)
      : null;
  const local = alert.localAddress !== null ? endpointText(alert.localAddress, alert.localPort ?? 0) : null;
  return (
    <li
      className={`alert ${unread ? 'unread' : 'read'} sev-${alert.severity}${focused ? ' focused' : ''}`}
      data-testid="alert"
      data-alert-id={alert.id}
    >
      <div>
        <div className="alert-title">
          {unread ? <span className="unread-dot" aria-label="unread" /> : null}
          {kindText[alert.kind]}
          <span className={`severity severity-${alert.severity}`}>{alert.severity}</span>
        </div>
        <div className="alert-message">
          <SafeText value={alert.message} />
        </div>
        <dl className="alert-facts">
          <dt>Who</dt>
          <dd>
            {alert.programId !== null ? (
              <button
                type="button"
                className="link-button"
                onClick={() => navigate('programs', alert.programId)}
              >
                <SafeText value={alert.process ?? alert.exe ?? `program #${alert.programId}`} />
              </button>
            ) : (
              <SafeText value={alert.process} placeholder="unknown program" />
            )}
            {alert.user ? (
              <>
                {' '}
                as <SafeText value={alert.user} />
              </>
            ) : null}
            {alert.exe ? (
              <>
                {' · '}
                <SafeText className="mono" value={alert.exe} />
              </>
            ) : null}
          </dd>
          {alert.cmdline ? (
            <>
              <dt>Command</dt>
              <dd className="mono">
                <LongText value={alert.cmdline} />
              </dd>
            </>
          ) : null}
          {remote || local ? (
            <>
              <dt>Where</dt>
              <dd className="mono">
                {alert.proto ? `${alert.proto} ` : ''}
                {local ? <SafeText value={local} /> : null}
                {local && remote ? ' → ' : null}
                {remote ? <SafeText value={remote} /> : null}
                {remote ? <HostSourceTag host={alert.remoteHost} source={alert.remoteHostSource} /> : null}
              </dd>
              {alert.country || alert.asn ? (
                <>
                  <dt>Network</dt>
                  <dd>
                    <SafeText value={[alert.country, asText(alert)].filter(Boolean).join(' · ')} />
                  </dd>
                </>
              ) : null}
            </>
          ) : null}
          <dt>When</dt>
          <dd title={`${fullTimeText(alert.createdAt)} … ${fullTimeText(alert.lastAt)}`}>
            {timeText(alert.createdAt)} ({agoText(alert.createdAt)})
            {alert.count > 1 ? `, ${alert.count} times, last ${timeText(alert.lastAt)}` : ''}
          </dd>
        </dl>
      </div>
      <div className="alert-actions">
        {unread ? (
          <button type="button" className="button" disabled={busy} onClick={() => actions.ack(alert)}>
            Acknowledge
          </button>
        ) : (
          <span className="muted">Acknowledged</span>
        )}
        {alert.exe && alert.kind === 'traffic-volume' ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => actions.muteForProgram(alert)}
            title="Add a rule: no more traffic alerts about this program"
          >
            Mute for this program
          </button>
        ) : null}
        {alert.exe && alert.kind !== 'traffic-volume' ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => actions.trust(alert)}
            title="Add a rule: this program raises no new-program alerts"
          >
            Trust program
          </button>
        ) : null}
        {alert.remoteAddress ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => actions.ignore(alert)}
            title="Add a rule: no alerts about this address"
          >
            Ignore address
          </button>
        ) : null}
      </div>
    </li>
  );
}
