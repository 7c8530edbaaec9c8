import type { ReactNode } from "react";

/** Title row of every page: breadcrumb/eyebrow, title, description and actions on the right. */
export function PageHeader({
  title, description, actions, eyebrow, meta,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  eyebrow?: ReactNode;
  meta?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div className="page-heading">
        {eyebrow && <div className="page-eyebrow">{eyebrow}</div>}
        <div className="page-title-row">
          <h1 className="page-title" data-testid="page-title">{title}</h1>
          {meta}
        </div>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
