"use client";
// A stacked bar chart in plain SVG (no chart package): one bar per time slot, one segment per
// series. It measures its container so text stays crisp at any width, shows a tooltip for the
// slot under the pointer, and is usable from the keyboard (focus it, then ← →). A hidden table
// carries the same numbers for screen readers.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { compactNumber, labelIndexes, niceTicks } from "./scale";
import "./charts.css";

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export interface ChartPoint {
  at: string;
  values: Record<string, number>;
}

const M = { top: 10, right: 8, bottom: 26, left: 44 };

function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

export function StackedBarChart({
  data, series, height = 220, formatX, formatTitle, formatValue = (n) => String(n), ariaLabel, totalLabel, emptyLabel, ...rest
}: {
  data: ChartPoint[];
  series: ChartSeries[];
  height?: number;
  /** Axis label of a slot. */
  formatX: (at: string) => string;
  /** Tooltip title of a slot. */
  formatTitle: (at: string) => string;
  formatValue?: (n: number) => string;
  ariaLabel: string;
  totalLabel: string;
  emptyLabel?: string;
  "data-testid"?: string;
}) {
  const [box, width] = useWidth<HTMLDivElement>(720);
  const [active, setActive] = useState<number | null>(null);
  const tableId = useId();
  const innerW = Math.max(10, width - M.left - M.right);
  const innerH = Math.max(10, height - M.top - M.bottom);
  const totals = useMemo(() => data.map((p) => series.reduce((a, s) => a + (p.values[s.key] ?? 0), 0)), [data, series]);
  const ticks = useMemo(() => niceTicks(Math.max(0, ...totals)), [totals]);
  const top = ticks[ticks.length - 1] || 1;
  const band = data.length ? innerW / data.length : innerW;
  const barW = Math.max(1, Math.min(band * 0.72, 28));
  const y = (v: number) => M.top + innerH - (v / top) * innerH;
  const labels = labelIndexes(data.length, Math.max(2, Math.min(8, Math.floor(innerW / 90))));
  const empty = totals.every((t) => t === 0);

  const pick = (clientX: number, svg: SVGSVGElement) => {
    const r = svg.getBoundingClientRect();
    const i = Math.floor((clientX - r.left - M.left) / band);
    setActive(i >= 0 && i < data.length ? i : null);
  };
  const onKey = (e: KeyboardEvent) => {
    if (!data.length) return;
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      const d = e.key === "ArrowRight" ? 1 : -1;
      setActive((a) => (a === null ? (d > 0 ? 0 : data.length - 1) : Math.max(0, Math.min(data.length - 1, a + d))));
    } else if (e.key === "Escape") setActive(null);
  };

  const tip = active !== null ? data[active] : null;
  const tipLeft = active !== null ? M.left + band * (active + 0.5) : 0;

  return (
    <div className="chart" ref={box} data-testid={rest["data-testid"]}>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={ariaLabel}
        aria-describedby={tableId}
        tabIndex={0}
        className="chart-svg"
        onMouseMove={(e) => pick(e.clientX, e.currentTarget)}
        onMouseLeave={() => setActive(null)}
        onKeyDown={onKey}
        onBlur={() => setActive(null)}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={M.left + innerW} y1={y(t)} y2={y(t)} className={t === 0 ? "chart-axis" : "chart-grid"} />
            <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end" className="chart-tick">
              {compactNumber(t)}
            </text>
          </g>
        ))}
        {active !== null && <rect x={M.left + band * active} y={M.top} width={band} height={innerH} className="chart-hover" />}
        {data.map((p, i) => {
          let base = 0;
          const x = M.left + band * i + (band - barW) / 2;
          return (
            <g key={p.at} data-testid="chart-bar">
              {series.map((s) => {
                const v = p.values[s.key] ?? 0;
                if (v <= 0) return null;
                const y1 = y(base + v);
                const h = Math.max(1, y(base) - y1);
                base += v;
                return <rect key={s.key} x={x} y={y1} width={barW} height={h} fill={s.color} rx={barW > 6 ? 1.5 : 0} />;
              })}
            </g>
          );
        })}
        {labels.map((i) => (
          <text key={i} x={M.left + band * (i + 0.5)} y={height - 8} textAnchor="middle" className="chart-tick">
            {formatX(data[i].at)}
          </text>
        ))}
        {empty && emptyLabel && (
          <text x={M.left + innerW / 2} y={M.top + innerH / 2} textAnchor="middle" className="chart-empty">
            {emptyLabel}
          </text>
        )}
      </svg>
      {tip && (
        <div className="chart-tooltip" style={{ left: Math.min(Math.max(tipLeft, 90), width - 90), top: M.top }} role="status" data-testid="chart-tooltip">
          <div className="chart-tooltip-title">{formatTitle(tip.at)}</div>
          {series.map((s) => (
            <div key={s.key} className="chart-tooltip-row">
              <span className="chart-swatch" style={{ background: s.color }} aria-hidden />
              <span>{s.label}</span>
              <span className="chart-tooltip-value">{formatValue(tip.values[s.key] ?? 0)}</span>
            </div>
          ))}
          <div className="chart-tooltip-row chart-tooltip-total">
            <span />
            <span>{totalLabel}</span>
            <span className="chart-tooltip-value">{formatValue(totals[active!])}</span>
          </div>
        </div>
      )}
      <ul className="chart-legend" aria-hidden>
        {series.map((s) => (
          <li key={s.key}>
            <span className="chart-swatch" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      <table id={tableId} className="sr-only">
        <thead>
          <tr>
            <th scope="col">{ariaLabel}</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr key={p.at}>
              <th scope="row">{formatTitle(p.at)}</th>
              {series.map((s) => (
                <td key={s.key}>{p.values[s.key] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
