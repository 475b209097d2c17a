/** Who takes part: per area and per need type, against the population. */
import { useApi } from '../../api.ts';
import { Link } from '../../router.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import type {
  TakingPart as TakingPartResponse,
  TakingPartByType,
  TakingPartItem as TakingPart,
} from '../../../core/contracts/participation.ts';
import { PtData, useT, withLang } from './shared.tsx';

export function TakingPartPage() {
  const { t, lang } = useT();
  const typeName = (type: string | null): string =>
    type ? ((analysisStrings[lang] as Record<string, string>)[`type_${type}`] ?? type) : t('noData');
  const state = useApi<TakingPartResponse>('/participation/taking-part');
  const perThousand = (n: number, population: number | null): string =>
    population
      ? ((n * 1000) / population).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 })
      : t('noData');
  const num = (header: string, key: string, value: (r: TakingPart) => number | null): Column<TakingPart> => ({
    key,
    header,
    value,
    align: 'right',
  });
  const areaColumns: Column<TakingPart>[] = [
    { key: 'area', header: t('area'), value: (r) => r.areaName ?? r.area, rowHeader: true },
    num(t('ballots'), 'ballots', (r) => r.ballots),
    num(t('participants'), 'participants', (r) => r.dialogueParticipants),
    num(t('proposals'), 'proposals', (r) => r.proposals),
    {
      key: 'population',
      header: t('population'),
      value: (r) => r.population,
      render: (r) => r.population ?? t('noData'),
      align: 'right',
    },
    {
      key: 'perThousand',
      header: t('perThousand'),
      value: (r) => (r.population ? (r.ballots * 1000) / r.population : null),
      render: (r) => perThousand(r.ballots, r.population),
      align: 'right',
    },
    { key: 'needType', header: t('needType'), value: (r) => typeName(r.needType) },
  ];
  const typeColumns: Column<TakingPartByType>[] = [
    { key: 'type', header: t('needType'), value: (g) => typeName(g.type), rowHeader: true },
    { key: 'areas', header: t('areasCount'), value: (g) => g.areas, align: 'right' },
    { key: 'population', header: t('population'), value: (g) => g.population, align: 'right' },
    { key: 'ballots', header: t('ballots'), value: (g) => g.ballots, align: 'right' },
    { key: 'participants', header: t('participants'), value: (g) => g.dialogueParticipants, align: 'right' },
    {
      key: 'perThousand',
      header: t('perThousand'),
      value: (g) => (g.population ? (g.ballots * 1000) / g.population : null),
      render: (g) => perThousand(g.ballots, g.population),
      align: 'right',
    },
  ];
  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <h1>{t('takingPart')}</h1>
      <p>{t('takingPartIntro')}</p>
      <PtData state={state}>
        {(d) => (
          <>
            <DataTable
              caption={t('takingPart')}
              captionHidden
              id="pt-taking-part"
              lang={lang}
              rows={d.items}
              rowKey={(r) => r.area}
              columns={areaColumns}
            />
            {d.byNeedType.length ? (
              <>
                <h2>{t('byNeedType')}</h2>
                <p>{t('byNeedTypeIntro')}</p>
                <DataTable
                  caption={t('byNeedType')}
                  captionHidden
                  id="pt-taking-part-by-type"
                  lang={lang}
                  rows={d.byNeedType}
                  rowKey={(g) => g.type}
                  columns={typeColumns}
                />
              </>
            ) : null}
          </>
        )}
      </PtData>
    </div>
  );
}

// ------------------------------------------------------------------------------------ staff
