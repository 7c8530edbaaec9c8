"use client";
// The bell in the top bar: unread count (refreshed every 10 s) and a panel listing in-app
// notifications (from the notify action) with mark read / mark all read.
import "../manage.css";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { IconBell, IconCheck } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Alert, ErrorState } from "@/components/ui/states";
import { errorInfo } from "@/components/ui/trpc-error";

const REFRESH_MS = 10_000;
const UNREAD_LIMIT = 100;
const PANEL_LIMIT = 20;

export function NotificationsBell() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const titleId = useId();

  const unread = useQuery({
    ...trpc.notifications.list.queryOptions({ unread: true, limit: UNREAD_LIMIT }),
    refetchInterval: REFRESH_MS,
  });
  const list = useQuery({
    ...trpc.notifications.list.queryOptions({ limit: PANEL_LIMIT }),
    refetchInterval: open ? REFRESH_MS : false,
    enabled: open,
  });
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }) }),
  );
  const count = unread.data?.items.length ?? 0;
  const countText = unread.data?.nextCursor ? `${UNREAD_LIMIT - 1}+` : String(count);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    panel.current?.focus();
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div
      className="m-bell"
      ref={wrap}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={cx("m-bell-button", open && "m-bell-button-open")}
        aria-label={count > 0 ? t("notifications.labelUnread", { count: countText }) : t("notifications.label")}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        data-testid="notifications-bell"
      >
        <IconBell />
        {count > 0 && (
          <span className="m-bell-count" data-testid="notifications-count" aria-hidden>
            {countText}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          className="m-popover m-bell-panel"
          role="dialog"
          aria-labelledby={titleId}
          tabIndex={-1}
          data-testid="notifications-panel"
        >
          <div className="m-bell-head">
            <h2 id={titleId} className="m-bell-title">
              {t("notifications.title")}
            </h2>
            <Button
              size="sm"
              variant="ghost"
              icon={<IconCheck />}
              onClick={() => markRead.mutate({ all: true })}
              disabled={count === 0}
              loading={markRead.isPending && "all" in (markRead.variables ?? {})}
              data-testid="notifications-mark-all"
            >
              {t("notifications.markAll")}
            </Button>
          </div>
          {markRead.error ? (
            <div className="m-bell-alert">
              <Alert tone="error" onClose={() => markRead.reset()}>
                {errorInfo(markRead.error).message}
              </Alert>
            </div>
          ) : null}
          <div className="m-bell-body">
            {list.isError && !list.data ? (
              <ErrorState error={list.error} onRetry={() => list.refetch()} />
            ) : !list.data ? (
              <ul className="m-bell-list" aria-busy>
                {Array.from({ length: 4 }, (_, i) => (
                  <li key={i} className="m-bell-item" aria-hidden>
                    <Skeleton width="45%" height={12} />
                    <Skeleton width="90%" height={12} />
                  </li>
                ))}
              </ul>
            ) : list.data.items.length === 0 ? (
              <div className="m-bell-empty" data-testid="notifications-empty">
                <span className="empty-icon" aria-hidden>
                  <IconBell />
                </span>
                <p className="empty-title">{t("notifications.empty")}</p>
                <p className="empty-description">{t("notifications.emptyHint")}</p>
              </div>
            ) : (
              <ul className="m-bell-list">
                {list.data.items.map((n) => {
                  const isUnread = !n.readAt;
                  return (
                    <li key={n.id} className={cx("m-bell-item", isUnread && "m-bell-item-unread")} data-testid="notification-item" data-unread={isUnread || undefined}>
                      <div className="m-bell-item-head">
                        {isUnread && <span className="m-unread-dot" aria-label={t("notifications.unread")} role="img" />}
                        <span className="m-bell-item-title">{n.title}</span>
                        <span className="m-bell-item-time">
                          <RelativeTime iso={n.createdAt} />
                        </span>
                      </div>
                      {n.body && <p className="m-bell-item-body">{n.body}</p>}
                      <div className="m-bell-item-actions">
                        {n.executionId && (
                          <Link
                            href={`/executions/${n.executionId}`}
                            className="link small"
                            onClick={() => {
                              if (isUnread) markRead.mutate({ ids: [n.id] });
                              setOpen(false);
                            }}
                          >
                            {t("notifications.openExecution", { id: n.executionId })}
                          </Link>
                        )}
                        {isUnread && (
                          <button type="button" className="m-link-button small" onClick={() => markRead.mutate({ ids: [n.id] })} data-testid="notification-mark-read">
                            {t("notifications.markRead")}
                          </button>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
