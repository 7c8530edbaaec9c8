"use client";
import Link from "next/link";
import { useI18n } from "@/components/i18n/i18n";
import { RelativeTime } from "@/components/ui/relative-time";
import { RuleStatusBadge } from "@/components/ui/status-badge";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import type { ReactNode } from "react";
import { RuleStatusToggle } from "./rule-status-toggle";
import { TriggerSummary } from "./trigger-summary";
import type { RuleItem } from "./types";

const COLUMNS = 8;
// Per column: which ones step aside on narrow screens (see globals.css .hide-md / .hide-sm).
// "Updated" also steps aside up to 1400 px when the bulk checkbox column takes its room.
const CELL = ["col-name", undefined, undefined, "num hide-sm", undefined, "nowrap hide-md", "nowrap hide-lg", "col-actions"];
const CELL_SELECTABLE = ["col-name", undefined, undefined, "num hide-sm", undefined, "nowrap hide-md", "nowrap hide-lg m-hide-xl", "col-actions"];

/** Checkboxes for bulk actions (editor+): which rows are ticked, and how to change that. */
export interface RuleSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  setAll: (ids: string[], on: boolean) => void;
}

export function RulesTable({
  rules, loading, canEdit, empty, onError, skeletonRows = 8, selection,
}: {
  rules: RuleItem[] | undefined;
  loading: boolean;
  canEdit: boolean;
  empty: ReactNode;
  onError: (err: unknown) => void;
  skeletonRows?: number;
  selection?: RuleSelection;
}) {
  const { t } = useI18n();
  const columns = COLUMNS + (selection ? 1 : 0);
  const cell = selection ? CELL_SELECTABLE : CELL;
  const cells = selection ? ["m-col-check", ...cell] : cell;
  const ids = rules?.map((r) => r.id) ?? [];
  const ticked = selection ? ids.filter((id) => selection.selected.has(id)).length : 0;
  return (
    <Table data-testid="rules-table" caption={t("rules.title")} aria-busy={loading}>
      <thead>
        <tr>
          {selection && (
            <Th className="m-col-check">
              <input
                type="checkbox"
                className="m-checkbox"
                aria-label={t("bulk.selectAll")}
                checked={ids.length > 0 && ticked === ids.length}
                ref={(el) => {
                  if (el) el.indeterminate = ticked > 0 && ticked < ids.length;
                }}
                disabled={ids.length === 0}
                onChange={(e) => selection.setAll(ids, e.target.checked)}
                data-testid="rules-select-all"
              />
            </Th>
          )}
          <Th className="col-name">{t("rules.col.name")}</Th>
          <Th>{t("rules.col.trigger")}</Th>
          <Th>{t("rules.col.status")}</Th>
          <Th className={CELL[3]}>{t("rules.col.priority")}</Th>
          <Th>{t("rules.col.lastRun")}</Th>
          <Th className={CELL[5]}>{t("rules.col.nextFire")}</Th>
          <Th className={cell[6]}>{t("rules.col.updated")}</Th>
          <Th className="col-actions">
            <span className="sr-only">{t("common.actions")}</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {loading && !rules ? (
          <SkeletonRows rows={skeletonRows} columns={columns} cellClassNames={cells} />
        ) : !rules || rules.length === 0 ? (
          <TableMessageRow columns={columns}>{empty}</TableMessageRow>
        ) : (
          rules.map((rule) => (
            <tr
              key={rule.id}
              data-testid="rule-row"
              data-rule-id={rule.id}
              data-status={rule.status}
              data-selected={selection?.selected.has(rule.id) || undefined}
            >
              {selection && (
                <Td className="m-col-check">
                  <input
                    type="checkbox"
                    className="m-checkbox"
                    aria-label={t("bulk.select", { name: rule.name })}
                    checked={selection.selected.has(rule.id)}
                    onChange={() => selection.toggle(rule.id)}
                    data-testid="rule-select"
                  />
                </Td>
              )}
              <Td className="col-name">
                <Link href={`/rules/${rule.id}`} className="row-link" data-testid="rule-link">
                  {rule.name}
                </Link>
                {"invalid" in rule && rule.invalid ? (
                  <span className="row-sub text-danger" title={String(rule.invalid)}>
                    {t("rule.invalidStored")}
                  </span>
                ) : rule.description ? (
                  <span className="row-sub" title={rule.description}>
                    {rule.description}
                  </span>
                ) : null}
              </Td>
              <Td>
                <TriggerSummary trigger={rule.trigger as { type?: unknown }} />
              </Td>
              <Td>
                <RuleStatusBadge status={rule.status} />
              </Td>
              <Td className={CELL[3]}>{rule.priority}</Td>
              <Td className="nowrap">
                <RelativeTime iso={rule.lastRunAt} />
              </Td>
              <Td className={CELL[5]}>
                <RelativeTime iso={rule.nextFireAt} />
              </Td>
              <Td className={cell[6]}>
                <RelativeTime iso={rule.updatedAt} />
              </Td>
              <Td className="col-actions">
                {canEdit && <RuleStatusToggle id={rule.id} name={rule.name} status={rule.status} onError={onError} />}
              </Td>
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}
