/**
 * Editing a goal area, a strategy or a commitment: its texts, where it belongs and what it links to, its
 * publication and retirement, with the decision the change rests on. Only changed fields are sent; the
 * server checks the item whole and its errors are shown at their fields.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import type { ChangeResult } from '../../../core/contracts/goals.ts';
import { Field, FieldError, fieldErrors, idList, invalid, type FieldErrors } from './forms.tsx';
import type { ItemKind, ItemState } from './items.ts';

type Change = Record<string, unknown>;

const same = (a: readonly string[], b: readonly string[]): boolean => a.join(',') === b.join(',');

/** The change the form's values make to the item (nothing for unchanged fields). */
function changeOf(kind: ItemKind, item: ItemState, v: Record<string, string>): Change {
  const s = item.spec;
  const change: Change = {};
  if (v['titleSv'] !== s.title.sv || v['titleEn'] !== s.title.en)
    change['title'] = { sv: v['titleSv'] ?? '', en: v['titleEn'] ?? '' };
  if (kind === 'goal_area' && item.framework === 'roadmap') {
    const d = s.description ?? { sv: '', en: '' };
    if (v['descriptionSv'] !== d.sv || v['descriptionEn'] !== d.en)
      change['description'] = { sv: v['descriptionSv'] ?? '', en: v['descriptionEn'] ?? '' };
  }
  if (kind === 'strategy' && v['goalAreaId'] !== item.goalAreaId) change['goalAreaId'] = v['goalAreaId'];
  if (kind === 'commitment') {
    if (v['text'] !== s.text) change['text'] = v['text'];
    for (const key of ['targetIds', 'linkedStrategies', 'linkedGoalAreas'] as const) {
      const ids = idList(v[key] ?? '');
      if (!same(ids, s[key] ?? [])) change[key] = ids;
    }
    const committee = (v['responsibleCommittee'] ?? '').trim();
    if (committee !== (s.responsibleCommittee ?? '')) change['responsibleCommittee'] = committee || null;
  }
  return change;
}

export function ItemEditor({
  kind,
  api,
  item,
  goalAreas,
  onSaved,
}: {
  kind: ItemKind;
  api: string;
  item: ItemState;
  /** the roadmap's goal areas a strategy may move to: [id, title] */
  goalAreas: readonly [string, string][];
  onSaved: () => void;
}): ReactNode {
  const { t } = useI18n(goalsStrings);
  const s = item.spec;
  const [v, setV] = useState<Record<string, string>>({
    titleSv: s.title.sv,
    titleEn: s.title.en,
    descriptionSv: s.description?.sv ?? '',
    descriptionEn: s.description?.en ?? '',
    goalAreaId: item.goalAreaId ?? '',
    text: s.text ?? '',
    targetIds: (s.targetIds ?? []).join(', '),
    linkedStrategies: (s.linkedStrategies ?? []).join(', '),
    linkedGoalAreas: (s.linkedGoalAreas ?? []).join(', '),
    responsibleCommittee: s.responsibleCommittee ?? '',
  });
  const [publication, setPublication] = useState(item.publication);
  const [retired, setRetired] = useState(item.retired);
  const [decisionRef, setDecisionRef] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const set = (key: string) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const field = (key: string, label: string, multiline = false) => (
    <Field
      id={`ie-${key}`}
      label={label}
      value={v[key] ?? ''}
      onChange={set(key)}
      error={errors[key]}
      multiline={multiline}
    />
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const change: Change = { ...changeOf(kind, item, v) };
    if (publication !== item.publication) change['publication'] = publication;
    if (retired !== item.retired) change['retired'] = retired;
    if (decisionRef.trim()) change['decisionRef'] = decisionRef.trim();
    try {
      const r = await sendJson<ChangeResult>('PATCH', `/${api}/${encodeURIComponent(s.id)}`, change);
      setErrors({});
      setDecisionRef('');
      setStatus(t('saved', { version: r.version }));
      onSaved();
    } catch (err) {
      const { fields, message } = fieldErrors(err);
      setErrors(fields);
      setStatus(t('formError', { message }));
    }
  };

  return (
    <section aria-labelledby="item-edit" className="goal-edit">
      <h2 id="item-edit">{t(`editItem_${kind}`)}</h2>
      <p>{t('editIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
        {field('titleSv', t('titleSv'))}
        {field('titleEn', t('titleEn'))}
        <FieldError id="ie-title-error" error={errors['title']} />
        {kind === 'goal_area' && item.framework === 'roadmap' ? (
          <>
            {field('descriptionSv', t('descriptionSv'), true)}
            {field('descriptionEn', t('descriptionEn'), true)}
            <FieldError id="ie-description-error" error={errors['description']} />
          </>
        ) : null}
        {kind === 'strategy' ? (
          <>
            <label htmlFor="ie-goalAreaId">{t('goalArea')}</label>
            <select
              id="ie-goalAreaId"
              value={v['goalAreaId']}
              onChange={(e) => set('goalAreaId')(e.target.value)}
              {...invalid('ie-goalAreaId-error', errors['goalAreaId'])}
            >
              {goalAreas.map(([id, title]) => (
                <option key={id} value={id}>
                  {title}
                </option>
              ))}
            </select>
            <FieldError id="ie-goalAreaId-error" error={errors['goalAreaId']} />
          </>
        ) : null}
        {kind === 'commitment' ? (
          <>
            {field('text', t('commitmentText'), true)}
            {field('targetIds', t('targetIds'))}
            {field('linkedStrategies', t('linkedStrategies'))}
            {field('linkedGoalAreas', t('linkedGoalAreas'))}
            {field('responsibleCommittee', t('responsibleCommittee'))}
          </>
        ) : null}
        <label htmlFor="ie-publication">{t('publication')}</label>
        <select
          id="ie-publication"
          value={publication}
          onChange={(e) => setPublication(e.target.value as 'draft' | 'published')}
        >
          <option value="published">{t('publication_published')}</option>
          <option value="draft">{t('publication_draft')}</option>
        </select>
        <p>
          <input id="ie-retired" type="checkbox" checked={retired} onChange={(e) => setRetired(e.target.checked)} />{' '}
          <label htmlFor="ie-retired">{t('retire')}</label>
        </p>
        <Field
          id="ie-decisionRef"
          label={t('decisionRef')}
          value={decisionRef}
          onChange={setDecisionRef}
          error={errors['decisionRef']}
        />
        <button type="submit">{t('save')}</button>
      </form>
      <p role="status" aria-live="polite" data-testid="item-edit-status">
        {status}
      </p>
    </section>
  );
}
