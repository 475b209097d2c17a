/**
 * Horizontal (grouped) bar chart with Observable Plot: one bar per area, optional groups
 * (e.g. one group per indicator, faceted so each keeps its own rows), a dashed reference line
 * for the city value in each group, and the value printed at the end of every bar, so nothing
 * relies on colour.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import * as Plot from '@observablehq/plot';
import { formatNumber, type Lang } from './format.ts';
import { accessiblePlot } from './plot-a11y.ts';
import { REFERENCE } from './palette.ts';
import { useContainerWidth } from './useWidth.ts';

export interface BarDatum {
  label: string;
  value: number | null;
  group?: string;
}

export interface ReferenceDatum {
  value: number;
  label: string;
  group?: string;
}

export interface BarChartProps {
  data: readonly BarDatum[];
  references?: readonly ReferenceDatum[];
  unit?: string | null;
  lang: Lang;
  decimals?: number;
  title: string;
  width?: number;
  /** Fill of the bars; default Okabe–Ito blue (3:1 against white). */
  color?: string;
}

export function BarChart(props: BarChartProps): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const { data, references = [], unit, lang, decimals = 1, title, width: wanted = 720, color = '#0072B2' } = props;
  // Drawn at the width it gets (a phone's 360 px too), so the text keeps its size instead of shrinking.
  const measured = useContainerWidth(ref);
  const width = Math.max(240, Math.min(wanted, measured ?? wanted));
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const valued = data.filter((d): d is BarDatum & { value: number } => typeof d.value === 'number');
    const grouped = data.some((d) => d.group !== undefined);
    const labels = [...new Set(data.map((d) => d.label))];
    const groups = [...new Set(data.map((d) => d.group ?? ''))];
    const rowH = width < 480 ? 34 : 26;
    const height = Math.max(120, groups.length * (labels.length * rowH + 36) + 40);
    const maxLabel = Math.max(...labels.map((l) => l.length), 4);
    const fmt = (v: number) => formatNumber(v, lang, decimals);
    // Room for the area names: up to 45 % of the width; longer names wrap onto two lines instead of being cut.
    const marginLeft = Math.round(Math.min(220, width * 0.45, 12 + maxLabel * 7.5));
    const plot = Plot.plot({
      width,
      height,
      marginLeft,
      marginTop: grouped ? 28 : 20,
      marginRight: 60,
      ariaLabel: title,
      style: { fontSize: '13px' },
      x: { label: unit ?? null, grid: true, tickFormat: fmt },
      y: { label: null, domain: labels, axis: null },
      // Group names are written above each group (the fy axis on the right would cut long names).
      fy: grouped ? { label: null, domain: groups, axis: null, padding: 0.3 } : undefined,
      marks: [
        grouped
          ? Plot.text(groups, {
              fy: (g: string) => g,
              text: (g: string) => g,
              frameAnchor: 'top-left',
              dy: -16,
              dx: 4 - marginLeft,
              textAnchor: 'start',
              fontWeight: 'bold',
              fill: '#1a1a1a',
              fontSize: 14,
            })
          : null,
        Plot.axisY({ label: null, lineWidth: Math.max(4, (marginLeft - 12) / 7.5), tickSize: 0, fontSize: 13 }),
        Plot.barX(valued, {
          y: 'label',
          x: 'value',
          fy: grouped ? 'group' : undefined,
          fill: color,
          title: (d: BarDatum) => `${d.label}: ${fmt(d.value!)}`,
        }),
        Plot.text(valued, {
          y: 'label',
          x: 'value',
          fy: grouped ? 'group' : undefined,
          text: (d: BarDatum) => fmt(d.value!),
          dx: 4,
          textAnchor: 'start',
          fill: '#1a1a1a',
        }),
        Plot.ruleX(references, {
          x: 'value',
          fy: grouped ? 'group' : undefined,
          stroke: REFERENCE,
          strokeWidth: 2,
          strokeDasharray: '6,3',
        }),
        Plot.text(references, {
          x: 'value',
          fy: grouped ? 'group' : undefined,
          frameAnchor: 'top',
          text: (d: ReferenceDatum) => `${d.label} ${fmt(d.value)}`,
          dy: -2,
          dx: 4,
          textAnchor: 'start',
          fill: REFERENCE,
          fontWeight: 'bold',
          // A white halo keeps the label readable where it crosses a bar.
          stroke: 'white',
          strokeWidth: 4,
          paintOrder: 'stroke',
        }),
        Plot.ruleX([0]),
      ],
    });
    accessiblePlot(plot, title);
    el.replaceChildren(plot);
    return () => plot.remove();
  }, [data, references, unit, lang, decimals, title, width, color]);
  return <div className="fp-plot" ref={ref} data-chart="bar" />;
}
