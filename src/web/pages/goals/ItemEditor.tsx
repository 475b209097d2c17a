/**
 * Editing a goal area, a strategy or a commitment: its texts, where it belongs and what it links to, its
 * publication and retirement, with the decision the change rests on. Only changed fields are sent; the
 * server checks the item whole and its errors are shown at their fields.
 */
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import {
  commitmentChangeBody,
  goalAreaChangeBody,
  strategyChangeBody,
  type ChangeResult,
} from '../../../core/contracts/goals.ts';
import { FieldError, FormField, changeReport, idList, invalid } from './forms.tsx';
import type { ItemKind, ItemState } from './items.ts';
import { useSay } from './say.ts';

type Change = Record<string, unknown>;

const same = (a: readonly string[], b: readonly string[]): boolean => a.join(',') === b.join(',');

interface Values {
  titleSv: string;
  titleEn: string;
  descriptionSv: string;
  descriptionEn: string;
  goalAreaId: string;
  text: string;
  targetIds: string;
  linkedStrategies: string;
  linkedGoalAreas: string;
  responsibleCommittee: string;
  publication: 'draft' | 'published';
  retired: boolean;
  decisionRef: string;
}

const SCHEMA = { goal_area: goalAreaChangeBody, strategy: strategyChangeBody, commitment: commitmentChangeBody };
const SAME_NAME = new Set([
  'goalAreaId',
  'text',
  'targetIds',
  'linkedStrategies',
  'linkedGoalAreas',
  'responsibleCommittee',
  'publication',
  'retired',
  'decisionRef',
]);

/** The form field of a problem at `path` of the change. */
const fieldOf: FieldOf<Values> = (path) => {
  const [head, sub] = path.map(String);
  if (head === 'title') return sub === 'en' ? 'titleEn' : 'titleSv';
  if (head === 'description') return sub === 'en' ? 'descriptionEn' : 'descriptionSv';
  return head && SAME_NAME.has(head) ? (head as keyof Values) : null;
};

/** The change the form's values make to the item (nothing for unchanged fields). */
function changeOf(kind: ItemKind, item: ItemState, v: Values): Change {
  const s = item.spec;
  const change: Change = {};
  if (v.titleSv !== s.title.sv || v.titleEn !== s.title.en) change['title'] = { sv: v.titleSv, en: v.titleEn };
  if (kind === 'goal_area' && item.framework === 'roadmap') {
    const d = s.description ?? { sv: '', en: '' };
    if (v.descriptionSv !== d.sv || v.descriptionEn !== d.en)
      change['description'] = { sv: v.descriptionSv, en: v.descriptionEn };
  }
  if (kind === 'strategy' && v.goalAreaId !== item.goalAreaId) change['goalAreaId'] = v.goalAreaId;
  if (kind === 'commitment') {
    if (v.text !== s.text) change['text'] = v.text;
    for (const key of ['targetIds', 'linkedStrategies', 'linkedGoalAreas'] as const) {
      const ids = idList(v[key]);
      if (!same(ids, s[key] ?? [])) change[key] = ids;
    }
    const committee = v.responsibleCommittee.trim();
    if (committee !== (s.responsibleCommittee ?? '')) change['responsibleCommittee'] = committee || null;
  }
  if (v.publication !== item.publication) change['publication'] = v.publication;
  if (v.retired !== item.retired) change['retired'] = v.retired;
  if (v.decisionRef.trim()) change['decisionRef'] = v.decisionRef.trim();
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
  const say = useSay();
  const s = item.spec;
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: {
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
      publication: item.publication,
      retired: item.retired,
      decisionRef: '',
    },
    // the item the form compares with is the latest one (it changes after each save)
    resolver: (values, context, options) =>
      contractResolver(SCHEMA[kind], (v: Values) => changeOf(kind, item, v), fieldOf, say)(values, context, options),
  });
  const errors = form.formState.errors;
  const field = (key: keyof Values, label: string, multiline = false) => (
    <FormField
      id={`ie-${key}`}
      label={label}
      reg={form.register(key)}
      error={errors[key]?.message}
      multiline={multiline}
    />
  );

  const submit = submitWith(
    form,
    fieldOf,
    (v) => sendJson<ChangeResult>('PATCH', `/${api}/${encodeURIComponent(s.id)}`, changeOf(kind, item, v)),
    changeReport(t, setStatus, () => form.setValue('decisionRef', ''), onSaved),
  );

  return (
    <section aria-labelledby="item-edit" className="goal-edit">
      <h2 id="item-edit">{t(`editItem_${kind}`)}</h2>
      <p>{t('editIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
        {field('titleSv', t('titleSv'))}
        {field('titleEn', t('titleEn'))}
        {kind === 'goal_area' && item.framework === 'roadmap' ? (
          <>
            {field('descriptionSv', t('descriptionSv'), true)}
            {field('descriptionEn', t('descriptionEn'), true)}
          </>
        ) : null}
        {kind === 'strategy' ? (
          <>
            <label htmlFor="ie-goalAreaId">{t('goalArea')}</label>
            <select
              id="ie-goalAreaId"
              {...form.register('goalAreaId')}
              {...invalid('ie-goalAreaId-error', errors.goalAreaId?.message)}
            >
              {goalAreas.map(([id, title]) => (
                <option key={id} value={id}>
                  {title}
                </option>
              ))}
            </select>
            <FieldError id="ie-goalAreaId-error" error={errors.goalAreaId?.message} />
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
        <select id="ie-publication" {...form.register('publication')}>
          <option value="published">{t('publication_published')}</option>
          <option value="draft">{t('publication_draft')}</option>
        </select>
        <p>
          <input id="ie-retired" type="checkbox" {...form.register('retired')} />{' '}
          <label htmlFor="ie-retired">{t('retire')}</label>
        </p>
        {field('decisionRef', t('decisionRef'))}
        <FieldError id="ie-root-error" error={errors.root?.message} />
        <button type="submit">{t('save')}</button>
      </form>
      <p role="status" aria-live="polite" data-testid="item-edit-status">
        {status}
      </p>
    </section>
  );
}
