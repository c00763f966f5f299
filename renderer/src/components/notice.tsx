// Empty, loading and error states: always a sentence saying what is going on and what to do.
import type { ReactNode } from 'react';

interface NoticeProps {
  kind?: 'empty' | 'error' | 'loading' | 'info';
  title: string;
  children?: ReactNode;
  action?: { label: string; run(): void };
}

export function Notice({ kind = 'empty', title, children, action }: NoticeProps) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="notice-title">{title}</div>
      {children ? <div className="notice-body">{children}</div> : null}
      {action ? (
        <button type="button" className="button" onClick={action.run}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
}
