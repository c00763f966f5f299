// Settings: how netwatch samples and alerts, the rules, and where its data lives.
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
              <dd>{bytesText(status.database.sizeBytes)}</dd>
              <dt>Health</dt>
              <dd className={status.database.healthy ? 'form-ok' : 'form-error'}>
                {status.database.healthy ? (
                  'Healthy'
                ) : (
                  <SafeText value={status.database.message ?? 'Unhealthy'} />
                )}
              </dd>
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
            </dl>
          </div>
        ) : null}
      </div>
    </section>
  );
}
