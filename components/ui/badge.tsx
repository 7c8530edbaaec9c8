import type { HTMLAttributes } from "react";
import { cx } from "./cx";

export type BadgeTone = "neutral" | "green" | "red" | "blue" | "amber" | "grey" | "slate" | "indigo" | "strike";

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
  /** A small coloured dot before the label. */
  dot?: boolean;
}

export function Badge({ tone = "neutral", dot, className, children, ...rest }: BadgeProps) {
  return (
    <span className={cx("badge", `badge-${tone}`, className)} {...rest}>
      {dot && <span className="badge-dot" aria-hidden />}
      {children}
    </span>
  );
}
