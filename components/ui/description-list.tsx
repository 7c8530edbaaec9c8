import type { ReactNode } from "react";

/** Label/value pairs in a responsive grid (rule and execution headers). */
export function DescriptionList({ items }: { items: { label: ReactNode; value: ReactNode; testId?: string; wide?: boolean }[] }) {
  return (
    <dl className="dl">
      {items.map((it, i) => (
        <div key={i} className={it.wide ? "dl-item dl-wide" : "dl-item"} data-testid={it.testId}>
          <dt>{it.label}</dt>
          <dd>{it.value}</dd>
        </div>
      ))}
    </dl>
  );
}
