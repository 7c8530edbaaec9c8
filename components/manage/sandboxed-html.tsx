"use client";
// Email HTML written by rule authors and filled from payloads: never inserted into the app's DOM.
// It renders in an iframe with an empty sandbox (no scripts, no same-origin, no forms, no popups,
// no top navigation) and a CSP that also blocks remote resources except images.
import { useMemo } from "react";
import { cx } from "@/components/ui/cx";

const CSP = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; font-src data:";

export function sandboxDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><style>body{margin:0;padding:16px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#18181b;word-wrap:break-word}img{max-width:100%}</style></head><body>${html}</body></html>`;
}

export function SandboxedHtml({
  html, title, height = 360, className, ...rest
}: {
  html: string;
  /** Names the frame for screen readers. */
  title: string;
  height?: number;
  className?: string;
  "data-testid"?: string;
}) {
  const doc = useMemo(() => sandboxDocument(html), [html]);
  return (
    <iframe
      sandbox=""
      srcDoc={doc}
      title={title}
      className={cx("m-html-frame", className)}
      style={{ height }}
      referrerPolicy="no-referrer"
      data-testid={rest["data-testid"] ?? "html-frame"}
    />
  );
}
