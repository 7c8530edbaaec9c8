import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, "title"> {
  title?: ReactNode;
  /** Right side of the header: buttons, links. */
  actions?: ReactNode;
  description?: ReactNode;
  /** No inner padding (for tables that run to the edges). */
  flush?: boolean;
}

export function Card({ title, actions, description, flush, className, children, ...rest }: CardProps) {
  return (
    <section className={cx("card", className)} {...rest}>
      {(title || actions) && (
        <header className="card-header">
          <div className="card-heading">
            {title && <h2 className="card-title">{title}</h2>}
            {description && <p className="card-description">{description}</p>}
          </div>
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      <div className={cx("card-body", flush && "card-body-flush")}>{children}</div>
    </section>
  );
}
