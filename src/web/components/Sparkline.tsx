/** A small trend line (SVG) with its values announced in words. */
import type { ReactNode } from 'react';
import { formatNumber, type Lang } from './format.ts';
import { strings } from './strings.ts';

export interface SparkPoint {
  period: string;
  value: number | null;
}

export function sparklinePoints(
  points: readonly SparkPoint[],
  width: number,
  height: number,
  pad = 2,
): [number, number][] {
  const vals = points.map((p) => p.value).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (vals.length === 0) return [];
  const min = Math.min(...vals);
  const max = Math.max(...vals);
  const n = points.length;
  const out: [number, number][] = [];
  points.forEach((p, i) => {
    if (typeof p.value !== 'number' || !Number.isFinite(p.value)) return;
    const x = n === 1 ? width / 2 : pad + ((width - 2 * pad) * i) / (n - 1);
    const y = max === min ? height / 2 : pad + (height - 2 * pad) * (1 - (p.value - min) / (max - min));
    out.push([Math.round(x * 10) / 10, Math.round(y * 10) / 10]);
  });
  return out;
}

export function Sparkline({
  points,
  lang,
  decimals = 1,
  width = 80,
  height = 22,
}: {
  points: readonly SparkPoint[];
  lang: Lang;
  decimals?: number;
  width?: number;
  height?: number;
}): ReactNode {
  const t = strings(lang);
  const xy = sparklinePoints(points, width, height);
  const valued = points.filter((p) => p.value !== null);
  const label =
    valued.length === 0
      ? `${t.trend}: ${t.missing}`
      : `${t.trend} ${valued[0]!.period}–${valued[valued.length - 1]!.period}: ` +
        valued.map((p) => formatNumber(p.value, lang, decimals)).join(', ');
  const last = xy[xy.length - 1];
  return (
    <svg
      className="fp-spark"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {xy.length > 1 ? (
        <polyline points={xy.map((p) => p.join(',')).join(' ')} fill="none" stroke="currentColor" strokeWidth={1.5} />
      ) : null}
      {last ? <circle cx={last[0]} cy={last[1]} r={2.5} fill="currentColor" /> : null}
    </svg>
  );
}
