import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";
import { Skeleton } from "@/components/ui/skeleton";

/** One number with its label and a hint line; optionally a link to the list behind it. */
export function StatCard({
  label, value, hint, tone = "plain", href, loading, testId, aside,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: "plain" | "green" | "red" | "amber" | "blue";
  href?: string;
  loading?: boolean;
  testId: string;
  aside?: ReactNode;
}) {
  const body = (
    <>
      <div className="mon-stat-text">
        <span className="mon-stat-label">{label}</span>
        <span className="mon-stat-value" data-testid={`${testId}-value`}>
          {loading ? <Skeleton width={64} height={24} /> : value}
        </span>
        <span className="mon-stat-hint">{loading ? <Skeleton width={110} height={12} /> : hint}</span>
      </div>
      {aside}
    </>
  );
  const cls = cx("mon-stat", `mon-stat-${tone}`, href && "mon-stat-link");
  return href ? (
    <Link href={href} className={cls} data-testid={testId}>
      {body}
    </Link>
  ) : (
    <div className={cls} data-testid={testId}>
      {body}
    </div>
  );
}
