/** Observed values, the path to the target and the projection, with Observable Plot. */
import { useEffect, useRef, type ReactNode } from 'react';
import * as Plot from '@observablehq/plot';
import { formatNumber, type Lang } from '../../components/format.ts';
import { CATEGORICAL } from '../../components/palette.ts';
import type { YearValue } from './model.ts';

export interface TargetChartProps {
  series: readonly YearValue[];
  path: readonly YearValue[];
  projection: readonly YearValue[];
  target: YearValue | null;
  labels: { observed: string; path: string; projection: string };
  unit: string;
  lang: Lang;
  title: string;
}

const OBSERVED = CATEGORICAL[0];
const PROJECTION = CATEGORICAL[5];
const PATH = '#4a4a4a';

export function TargetChart(props: TargetChartProps): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const { series, path, projection, target, labels, unit, lang, title } = props;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fmt = (v: number) => formatNumber(v, lang, Number.isInteger(v) ? 0 : 1);
    const end = (arr: readonly YearValue[]) => (arr.length ? [arr[arr.length - 1] as YearValue] : []);
    const plot = Plot.plot({
      width: 720,
      height: 340,
      marginRight: 150,
      ariaLabel: title,
      style: { fontSize: '13px' },
      x: { label: null, tickFormat: 'd' },
      y: { label: unit, grid: true, tickFormat: fmt, zero: true },
      marks: [
        Plot.line(path, {
          x: 'year',
          y: 'value',
          stroke: PATH,
          strokeWidth: 2,
          strokeDasharray: '6,4',
          ariaHidden: 'true',
        }),
        Plot.text(end(path), {
          x: 'year',
          y: 'value',
          text: () => labels.path,
          dx: 8,
          textAnchor: 'start',
          fill: PATH,
        }),
        Plot.line(projection, {
          x: 'year',
          y: 'value',
          stroke: PROJECTION,
          strokeWidth: 2,
          strokeDasharray: '2,3',
          ariaHidden: 'true',
        }),
        Plot.text(end(projection), {
          x: 'year',
          y: 'value',
          text: (d: YearValue) => `${labels.projection} ${fmt(d.value)}`,
          dx: 8,
          textAnchor: 'start',
          fill: '#8a3a00',
        }),
        Plot.line(series, { x: 'year', y: 'value', stroke: OBSERVED, strokeWidth: 2.5, ariaHidden: 'true' }),
        Plot.dot(series, {
          x: 'year',
          y: 'value',
          stroke: OBSERVED,
          fill: 'white',
          r: 5,
          title: (d: YearValue) => `${labels.observed} ${d.year}: ${fmt(d.value)}`,
        }),
        Plot.text(end(series), {
          x: 'year',
          y: 'value',
          text: (d: YearValue) => `${labels.observed} ${fmt(d.value)}`,
          dx: 8,
          dy: -10,
          textAnchor: 'start',
          fill: '#1a1a1a',
        }),
        Plot.dot(target ? [target] : [], {
          x: 'year',
          y: 'value',
          symbol: 'star',
          r: 7,
          fill: PATH,
          ariaHidden: 'true',
        }),
      ],
    });
    el.replaceChildren(plot);
    return () => plot.remove();
  }, [series, path, projection, target, labels, unit, lang, title]);
  return <div className="fp-plot" ref={ref} data-chart="target" />;
}
