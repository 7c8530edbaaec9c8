"use client";
import { useCallback, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "./button";

/**
 * Keyset paging with Back: a stack of the cursors of the pages visited. The stack resets when
 * `resetKey` (the filters) changes.
 */
export function useCursorPager(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[] }>({ key: resetKey, stack: [undefined] });
  let stack = state.stack;
  if (state.key !== resetKey) {
    stack = [undefined];
    setState({ key: resetKey, stack });
  }
  const cursor = stack[stack.length - 1];
  const next = useCallback((c: string | null | undefined) => {
    if (c) setState((s) => ({ ...s, stack: [...s.stack, c] }));
  }, []);
  const prev = useCallback(() => setState((s) => ({ ...s, stack: s.stack.length > 1 ? s.stack.slice(0, -1) : s.stack })), []);
  const first = useCallback(() => setState((s) => ({ ...s, stack: [undefined] })), []);
  return { cursor, page: stack.length, hasPrev: stack.length > 1, next, prev, first };
}

export function Pagination({
  page, hasPrev, nextCursor, onPrev, onNext, busy, count,
}: {
  page: number;
  hasPrev: boolean;
  nextCursor: string | null | undefined;
  onPrev: () => void;
  onNext: (cursor: string) => void;
  busy?: boolean;
  /** Rows on this page, shown beside the page number. */
  count?: number;
}) {
  const { t } = useI18n();
  return (
    <nav className="pagination" aria-label={t("pager.label")} data-testid="pagination">
      <span className="pagination-info" data-testid="pagination-page">
        {t("pager.page", { page })}
        {count !== undefined && <span className="muted"> · {t("pager.rows", { count })}</span>}
      </span>
      <div className="pagination-buttons">
        <Button size="sm" onClick={onPrev} disabled={!hasPrev || busy} data-testid="pagination-prev">
          ← {t("pager.prev")}
        </Button>
        <Button size="sm" onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor || busy} data-testid="pagination-next">
          {t("pager.next")} →
        </Button>
      </div>
    </nav>
  );
}
