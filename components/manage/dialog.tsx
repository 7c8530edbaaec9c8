"use client";
// A modal built on the native <dialog> (showModal): the browser traps focus inside, Escape closes
// it and focus goes back to the control that opened it.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { IconX } from "@/components/ui/icons";

export function Dialog({
  open, onClose, title, description, children, footer, wide, ...rest
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  "data-testid"?: string;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // Start where the user acts: a marked control, else the first field, else the dialog's default.
      const target = d.querySelector<HTMLElement>("[data-autofocus]") ?? d.querySelector<HTMLElement>(".m-dialog-body :is(input, select, textarea):not([disabled])");
      target?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={cx("m-dialog", wide && "m-dialog-wide")}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onMouseDown={(e) => {
        // A press on the backdrop (the dialog element itself, outside its box) closes it.
        if (e.target === e.currentTarget) {
          const r = e.currentTarget.getBoundingClientRect();
          const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
          if (!inside) onClose();
        }
      }}
      data-testid={rest["data-testid"]}
    >
      {open && (
        <div className="m-dialog-inner">
          <header className="m-dialog-header">
            <div className="m-dialog-heading">
              <h2 id={titleId} className="m-dialog-title">
                {title}
              </h2>
              {description && (
                <p id={descId} className="m-dialog-description">
                  {description}
                </p>
              )}
            </div>
            <button type="button" className="m-icon-btn" onClick={onClose} aria-label={t("manage.close")} data-testid="dialog-close">
              <IconX />
            </button>
          </header>
          <div className="m-dialog-body">{children}</div>
          {footer && <footer className="m-dialog-footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}

/** "Are you sure?" for destructive or irreversible actions. */
export function ConfirmDialog({
  open, onClose, onConfirm, title, body, confirmLabel, busy, danger = true, error,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: ReactNode;
  body?: ReactNode;
  confirmLabel: ReactNode;
  busy?: boolean;
  danger?: boolean;
  error?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      data-testid="confirm-dialog"
      footer={
        <>
          <Button onClick={onClose} data-testid="confirm-cancel" data-autofocus="">
            {t("manage.cancel")}
          </Button>
          <Button variant={danger ? "danger" : "primary"} loading={busy} onClick={onConfirm} data-testid="confirm-ok">
            {confirmLabel}
          </Button>
        </>
      }
    >
      {body && <div className="m-confirm-body">{body}</div>}
      {error}
    </Dialog>
  );
}
