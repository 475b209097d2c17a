/**
 * Time-series chart with Observable Plot: one line per series (area), each labelled at its end
 * and marked with a distinct symbol, the city as a dashed black reference line.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import * as Plot from '@observablehq/plot';
import { formatNumber, type Lang } from './format.ts';
import { useContainerWidth } from './useWidth.ts';
import { accessiblePlot } from './plot-a11y.ts';
import { CATEGORICAL, REFERENCE } from './palette.ts';

export interface LinePoint {
  series: string;
  period: string;
  value: number | null;
}

export interface LineChartProps {
  data: readonly LinePoint[];
  /** The reference series (e.g. the city), drawn dashed. */
  reference?: readonly LinePoint[];
  unit?: string | null;
  lang: Lang;
  decimals?: number;
  title: string;
  width?: number;
  height?: number;
}

const SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross', 'wye', 'times'] as const;

export function LineChart(props: LineChartProps): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const { data, reference = [], unit, lang, decimals = 1, title, width: wanted = 720, height = 320 } = props;
  // Drawn at the width it gets, so the text keeps its size on a phone.
  const measured = useContainerWidth(ref);
  const width = Math.max(240, Math.min(wanted, measured ?? wanted));
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const pts = data.filter((d): d is LinePoint & { value: number } => typeof d.value === 'number');
    const refPts = reference.filter((d): d is LinePoint & { value: number } => typeof d.value === 'number');
    const periods = [...new Set([...data, ...reference].map((d) => d.period))].sort();
    const series = [...new Set(data.map((d) => d.series))];
    const fmt = (v: number) => formatNumber(v, lang, decimals);
    const last = (arr: (LinePoint & { value: number })[]) => {
      const m = new Map<string, LinePoint & { value: number }>();
      for (const p of [...arr].sort((a, b) => a.period.localeCompare(b.period))) m.set(p.series, p);
      return [...m.values()];
    };
    const plot = Plot.plot({
      width,
      height,
      marginRight: 140,
      ariaLabel: title,
      style: { fontSize: '13px' },
      x: { type: 'point', domain: periods, label: null },
      y: { label: unit ?? null, grid: true, tickFormat: fmt },
      color: { domain: series, range: CATEGORICAL.slice(0, Math.max(1, series.length)) as string[] },
      symbol: { domain: series, range: SYMBOLS.slice(0, Math.max(1, series.length)) as unknown as string[] },
      marks: [
        Plot.line(refPts, {
          x: 'period',
          y: 'value',
          z: 'series',
          stroke: REFERENCE,
          strokeWidth: 2,
          strokeDasharray: '6,3',
        }),
        Plot.dot(refPts, { x: 'period', y: 'value', fill: REFERENCE, r: 3 }),
        Plot.text(last(refPts), {
          x: 'period',
          y: 'value',
          text: (d: LinePoint) => `${d.series} ${fmt(d.value!)}`,
          dx: 8,
          textAnchor: 'start',
          fill: REFERENCE,
          stroke: 'white',
          strokeWidth: 4,
          paintOrder: 'stroke',
        }),
        Plot.line(pts, { x: 'period', y: 'value', z: 'series', stroke: 'series', strokeWidth: 2 }),
        Plot.dot(pts, {
          x: 'period',
          y: 'value',
          stroke: 'series',
          symbol: 'series',
          fill: 'white',
          r: 4,
          title: (d: LinePoint) => `${d.series} ${d.period}: ${fmt(d.value!)}`,
        }),
        Plot.text(last(pts), {
          x: 'period',
          y: 'value',
          text: (d: LinePoint) => `${d.series} ${fmt(d.value!)}`,
          dx: 8,
          textAnchor: 'start',
          fill: '#1a1a1a',
          stroke: 'white',
          strokeWidth: 4,
          paintOrder: 'stroke',
        }),
      ],
    });
    accessiblePlot(plot, title);
    el.replaceChildren(plot);
    return () => plot.remove();
  }, [data, reference, unit, lang, decimals, title, width, height]);
  return <div className="fp-plot" ref={ref} data-chart="line" />;
}
