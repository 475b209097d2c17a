/** Analys › Segregation: the columns of the screen's tables (trend, areas' shares, spread over the years). */
import type { Lang, useI18n } from '../../i18n/index.tsx';
import type { analysisStrings } from '../../i18n/analysis.ts';
import type { Column } from '../../components/DataTable.tsx';
import { formatNumber, formatSigned } from '../../components/format.ts';
import { pct } from './shared.tsx';
import { MEASURES, type SegregationData, type Spread } from './segregation.ts';

type T = ReturnType<typeof useI18n<typeof analysisStrings>>['t'];
type TrendRow = SegregationData['trend'][number];
type AreaRow = SegregationData['areas'][number];

/** The trend table: a period per row, each two-group measure and the group's share. */
export function trendColumns(t: T, lang: Lang): Column<TrendRow>[] {
  return [
    { key: 'period', header: t('period'), value: (r) => r.period, rowHeader: true },
    ...MEASURES.map((m) => ({
      key: m,
      header: t(m),
      value: (r: TrendRow) => r[m],
      render: (r: TrendRow) => formatNumber(r[m], lang, 3),
      align: 'right' as const,
    })),
    {
      key: 'share',
      header: t('share'),
      value: (r) => 100 * r.share,
      render: (r) => pct(r.share, lang),
      align: 'right',
    },
  ];
}

/** The areas' table: the group's count, the total, the share and its difference from the city's. */
export function areaColumns(t: T, lang: Lang): Column<AreaRow>[] {
  return [
    { key: 'name', header: t('area'), value: (r) => r.name, rowHeader: true },
    {
      key: 'group',
      header: t('groupCount'),
      value: (r) => r.group,
      render: (r) => formatNumber(r.group, lang),
      align: 'right',
    },
    {
      key: 'total',
      header: t('totalCount'),
      value: (r) => r.total,
      render: (r) => formatNumber(r.total, lang),
      align: 'right',
    },
    {
      key: 'share',
      header: t('share'),
      value: (r) => (r.share === null ? null : 100 * r.share),
      render: (r) => pct(r.share, lang),
      align: 'right',
    },
    {
      key: 'diff',
      header: t('diff'),
      value: (r) => (r.difference === null ? null : 100 * r.difference),
      render: (r) => (r.difference === null ? '–' : formatSigned(100 * r.difference, lang, 1)),
      align: 'right',
    },
  ];
}

/** The divides' table: the spread of the share between areas, a period per row. */
export function spreadColumns(t: T, lang: Lang): Column<Spread>[] {
  return [
    { key: 'period', header: t('period'), value: (r) => r.period, rowHeader: true },
    {
      key: 'mm',
      header: t('maxMin'),
      value: (r) => r.maxMinRatio,
      render: (r) => formatNumber(r.maxMinRatio, lang, 1),
      align: 'right',
    },
    {
      key: 'ff',
      header: t('fifths'),
      value: (r) => r.fifthsRatio,
      render: (r) => formatNumber(r.fifthsRatio, lang, 1),
      align: 'right',
    },
    { key: 'cv', header: t('cv'), value: (r) => r.cv, render: (r) => formatNumber(r.cv, lang, 2), align: 'right' },
    {
      key: 'wcv',
      header: t('wcv'),
      value: (r) => r.weightedCv,
      render: (r) => formatNumber(r.weightedCv, lang, 2),
      align: 'right',
    },
  ];
}
