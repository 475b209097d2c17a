/** The named area groups and their member areas. */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { committeesStrings } from '../../i18n/committees.ts';
import { Link } from '../../router.tsx';
import { WithData } from '../../shell/Status.tsx';
import type { AreaGroupList } from '../../../core/contracts/committees.ts';

export function AreaGroupsPage(): ReactNode {
  const { t, lang } = useI18n(committeesStrings);
  const state = useApi<AreaGroupList>('/area-groups');
  return (
    <>
      <h1>{t('groupsTitle')}</h1>
      <p className="lead">{t('groupsIntro')}</p>
      <WithData state={state}>
        {(d) => (
          <dl className="cm-groups">
            {d.items.map((g) => (
              <div key={g.id} data-id={g.id}>
                <dt>
                  <Link href={`/insatser?area=${encodeURIComponent(`group:${g.id}`)}`}>
                    {lang === 'en' && g.nameEn ? g.nameEn : g.name}
                  </Link>
                </dt>
                <dd>
                  {t('members')}: {g.members.map((m) => m.name ?? `${m.division}:${m.code}`).join(', ')}
                </dd>
                {g.note ? (
                  <dd className="source-note">
                    {t('note')}: {g.note}
                  </dd>
                ) : null}
              </div>
            ))}
          </dl>
        )}
      </WithData>
    </>
  );
}
