import type { HTMLAttributes, ReactNode, TableHTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "./cx";

/** A table in a horizontally scrolling frame: wide tables scroll instead of breaking the page. */
export function Table({ className, children, caption, ...rest }: TableHTMLAttributes<HTMLTableElement> & { caption?: string }) {
  return (
    <div className="table-wrap">
      <table className={cx("table", className)} {...rest}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={className} {...rest} />;
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={className} {...rest} />;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={className} {...rest} />;
}

/** Placeholder rows with the same fixed height as real rows, so nothing jumps when data arrives. */
export function SkeletonRows({ rows = 5, columns, cellClassNames }: { rows?: number; columns: number; cellClassNames?: (string | undefined)[] }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} className="skeleton-row" aria-hidden data-testid="skeleton-row">
          {Array.from({ length: columns }, (_, c) => (
            <td key={c} className={cellClassNames?.[c]}>
              <span className="skeleton" style={{ width: `${40 + ((r * 7 + c * 13) % 45)}%` }} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** A full-width row holding an empty or error state inside a table body. */
export function TableMessageRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr className="table-message-row">
      <td colSpan={columns}>{children}</td>
    </tr>
  );
}
