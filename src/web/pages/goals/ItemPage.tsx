/**
 * The page of a goal area, a strategy or a commitment: its content as the latest version holds it, what it
 * contains or links to, its source, its history, and (for those who may change the framework) the form that
 * edits it and the form that adds a strategy or a commitment to it.
 */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { Link, useRoute } from '../../router.tsx';
import { WithData } from '../../shell/Status.tsx';
import { useSession } from '../auth/session.ts';
import type { Versions } from '../../../core/contracts/goals.ts';
import { CitationNote } from './Citation.tsx';
import { CreateItemForm } from './CreateItemForm.tsx';
import { History } from './History.tsx';
import { ItemEditor } from './ItemEditor.tsx';
import { ITEM_KINDS, itemPage, latestItem, type ItemKind, type ItemState } from './items.ts';
import type { GoalsTree } from './model.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { useReason } from './reason.ts';

/** What the item contains or links to, from the goals tree (titles, statuses). */
function Contents({ kind, item, tree }: { kind: ItemKind; item: ItemState; tree: GoalsTree }): ReactNode {
  const { t, lang } = useI18n(goalsStrings);
  const why = useReason();
  const id = item.spec.id;
  const targets = new Map(
    tree.goalAreas.flatMap((g) => [...g.strategies.flatMap((s) => s.targets), ...g.otherTargets]).map((x) => [x.id, x]),
  );
  const link = (k: ItemKind, to: string, title: string) => <Link href={itemPage(k, to)}>{title}</Link>;
  if (kind === 'goal_area') {
    const roadmap = tree.goalAreas.find((g) => g.id === id);
    const reform = tree.reformAreas.find((a) => a.id === id);
    const list = roadmap
      ? roadmap.strategies.map((s) => [s.id, `${s.numeral}. ${s.title[lang]}`] as const)
      : (reform?.commitments ?? []).map((c) => [c.id, c.title[lang]] as const);
    const childKind: ItemKind = roadmap ? 'strategy' : 'commitment';
    return (
      <>
        <h2>{t(roadmap ? 'strategies' : 'commitments')}</h2>
        {list.length ? (
          <ul>
            {list.map(([to, title]) => (
              <li key={to}>{link(childKind, to, title)}</li>
            ))}
          </ul>
        ) : (
          <p>{t('noneYet')}</p>
        )}
      </>
    );
  }
  if (kind === 'strategy') {
    const area = tree.goalAreas.find((g) => g.id === item.goalAreaId);
    return area ? (
      <p>
        {t('goalArea')}: {link('goal_area', area.id, area.title[lang])}
      </p>
    ) : null;
  }
  const summary = tree.reformAreas.flatMap((a) => a.commitments).find((c) => c.id === id);
  return (
    <>
      {summary ? (
        <p>
          <StatusBadge status={summary.status} label={t(`status_${summary.status}` as 'status_met')} />{' '}
          <span className="goal-reason">{why(summary.reason)}</span>
        </p>
      ) : null}
      <h2>{t('targetsTitle')}</h2>
      {item.spec.targetIds?.length ? (
        <ul>
          {item.spec.targetIds.map((to) => (
            <li key={to}>
              <Link href={`/mal/${encodeURIComponent(to)}`}>{targets.get(to)?.title[lang] ?? to}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noneYet')}</p>
      )}
      {item.spec.responsibleCommittee ? (
        <p>
          {t('responsibleCommittee')}: {item.spec.responsibleCommittee}
        </p>
      ) : null}
    </>
  );
}

function Detail({
  kind,
  api,
  versions,
  tree,
  canWrite,
  reload,
}: {
  kind: ItemKind;
  api: string;
  versions: Versions;
  tree: GoalsTree | null;
  canWrite: boolean;
  reload: () => void;
}): ReactNode {
  const { t, lang } = useI18n(goalsStrings);
  const item = latestItem(versions);
  if (!item) return null;
  const s = item.spec;
  const roadmapAreas = (tree?.goalAreas ?? []).map((g) => [g.id, g.title[lang]] as [string, string]);
  return (
    <>
      <h1>
        {t(`kind_${kind}`)}: {s.title[lang]}
      </h1>
      {item.publication === 'draft' ? <p className="goal-draft">{t('draft')}</p> : null}
      {item.retired ? <p className="notice">{t('retiredNotice')}</p> : null}
      {s.description ? <p>{s.description[lang]}</p> : null}
      {s.text ? <p>{s.text}</p> : null}
      {tree ? <Contents kind={kind} item={item} tree={tree} /> : null}
      <p>
        <CitationNote citation={s.citation} />
      </p>
      {canWrite ? (
        <>
          <ItemEditor key={s.id} kind={kind} api={api} item={item} goalAreas={roadmapAreas} onSaved={reload} />
          {kind === 'goal_area' && item.framework === 'roadmap' ? (
            <CreateItemForm kind="strategy" parentId={s.id} />
          ) : null}
          {kind === 'goal_area' && item.framework === 'reform' ? (
            <CreateItemForm
              kind="commitment"
              parentId={s.id}
              defaults={{ linkedGoalAreas: (s.linkedGoalAreas ?? []).join(', ') }}
            />
          ) : null}
        </>
      ) : null}
      <History key={`${item.version}`} path={`/${api}/${encodeURIComponent(s.id)}`} />
    </>
  );
}

export function ItemPage(): ReactNode {
  const { t } = useI18n(goalsStrings);
  const { params } = useRoute();
  const found = ITEM_KINDS[params['kind'] ?? ''];
  const id = params['id'] ?? '';
  const state = useApi<Versions>(found ? `/${found.api}/${encodeURIComponent(id)}/versions` : null);
  const tree = useApi<GoalsTree>('/goals');
  const me = useSession();
  const canWrite = me.data?.permissions.includes('goals:write') ?? false;
  const reload = () => {
    state.reload();
    tree.reload();
  };
  if (!found) return <p>{t('noSuchPage')}</p>;
  const view = (v: Versions) => (
    <Detail
      kind={found.kind}
      api={found.api}
      versions={v}
      tree={tree.data ?? null}
      canWrite={canWrite}
      reload={reload}
    />
  );
  return (
    <section>
      <p>
        <Link href="/mal">← {t('backToGoals')}</Link>
      </p>
      {state.data && !state.error ? view(state.data) : <WithData state={state}>{view}</WithData>}
    </section>
  );
}
