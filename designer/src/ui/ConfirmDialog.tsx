/**
 * A question asked before something that cannot be undone: a modal in the designer's style, answered
 * by confirming or cancelling. The native <dialog> keeps focus inside it, starts on Cancel (the safe
 * answer) and lets Escape cancel. Render it while asking; unmounting closes it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialog.css';

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: { title: string; children: ReactNode; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: the dialog stays open until the owner stops rendering it.
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="confirm-dialog-body">{children}</div>
      <div className="button-row confirm-dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
