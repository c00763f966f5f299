// Settings: how netwatch samples and alerts, the rules, where its data lives, and about it.
import { Fragment } from 'react';
import { GEO_DATA_CREDITS } from '../../../../shared/data-credits';
import { useStatus } from '../../store/status-provider';
import { bytesText } from '../../format/numbers';
import { SafeText } from '../../text/safe-text';
import { RulesPanel } from './rules-panel';
import { SettingsForm } from './settings-form';

export function SettingsView() {
  const { status } = useStatus();
  return (
    <section className="view" aria-label="Settings">
      <div className="view-scroll settings-page">
        <SettingsForm />
        <RulesPanel />
        {status ? (
          <div className="panel">
            <h2>Data</h2>
            <dl className="facts">
              <dt>Database</dt>
              <dd className="mono">
                <SafeText value={status.database.path} />
              </dd>
              <dt>Size</dt>
              <dd data-testid="settings-db-size">
                {bytesText(status.database.sizeBytes)} of {bytesText(status.database.limitBytes)} allowed
                {status.database.limitPruning ? (
                  <div className="form-warn" data-testid="settings-db-limit">
                    The size limit is deleting the oldest closed connections: history reaches back less far
                    than the retention says. Raise the limit to keep more.
                  </div>
                ) : null}
              </dd>
              <dt>Health</dt>
              <dd className={status.database.healthy ? 'form-ok' : 'form-error'}>
                {status.database.healthy ? (
                  'Healthy'
                ) : (
                  <SafeText value={status.database.message ?? 'Unhealthy'} />
                )}
              </dd>
              {status.watchedBy ? (
                <>
                  <dt>Recording</dt>
                  <dd data-testid="settings-watched-by">
                    <SafeText value={status.watchedBy.text} />
                  </dd>
                </>
              ) : null}
              <dt>Privileges</dt>
              <dd>
                {status.privileged
                  ? 'Can see every process.'
                  : `Unprivileged: ${status.unattributedSockets} sockets of other users show no program. Run netwatch as root (or with CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH) to see them.`}
              </dd>
              {status.events ? (
                <>
                  <dt>Kernel events</dt>
                  <dd data-testid="settings-events">
                    {status.events.state === 'on' ? (
                      `On: every connection is seen as it happens (${status.events.drops} events dropped so far).`
                    ) : (
                      <SafeText value={`Off, polling alone: ${status.events.reason ?? 'unknown reason'}`} />
                    )}
                  </dd>
                </>
              ) : null}
              {status.events?.askedNames ? (
                <>
                  <dt>Host names</dt>
                  <dd data-testid="settings-asked-names">
                    {status.events.askedNames.state === 'on' ? (
                      'The names programs asked for (getaddrinfo, seen by kernel events); reverse DNS, marked "reverse", where none was seen.'
                    ) : (
                      <SafeText
                        value={`Reverse DNS, marked "reverse": ${status.events.askedNames.reason ?? 'unknown reason'}`}
                      />
                    )}
                  </dd>
                </>
              ) : null}
            </dl>
          </div>
        ) : null}
        <div className="panel" aria-label="About">
          <h2>About</h2>
          <p>Country and AS data, offline, updated with netwatch&apos;s packages:</p>
          <dl className="facts">
            {GEO_DATA_CREDITS.map((c) => (
              <Fragment key={c.source}>
                <dt>{c.what}</dt>
                <dd>
                  {c.source}, <span className="mono">{c.url}</span>, {c.licence}
                </dd>
              </Fragment>
            ))}
          </dl>
        </div>
      </div>
    </section>
  );
}
