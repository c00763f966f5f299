// A modal dialog: drawn over the page (into <body>), the rest of the page inert while it is open so
// neither the pointer, Tab nor a screen reader reaches it, Tab cycling inside, focus returned to
// where it was on close. Esc asks the owner to close; the owner says whether it may (closable).
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface ModalDialogProps {
  title: string;
  /** Whether Esc closes it now (false while work is under way that the dialog must show the end of). */
  closable: boolean;
  onClose(): void;
  className?: string;
  testId?: string;
  children: ReactNode;
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

export function ModalDialog({ title, closable, onClose, className, testId, children }: ModalDialogProps) {
  const titleId = useId();
  const backdrop = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const own = backdrop.current;
    const madeInert: Element[] = [];
    for (const el of document.body.children) {
      if (el === own || el.hasAttribute('inert')) continue;
      el.setAttribute('inert', '');
      madeInert.push(el);
    }
    if (dialog.current) (focusables(dialog.current)[0] ?? dialog.current).focus();
    return () => {
      for (const el of madeInert) el.removeAttribute('inert');
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The page's own shortcuts (Alt+digit changes view) must not act behind a modal.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      if (closable) onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = focusables(dialog.current);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === dialog.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="modal-backdrop" ref={backdrop}>
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={className ? `modal ${className}` : 'modal'}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
