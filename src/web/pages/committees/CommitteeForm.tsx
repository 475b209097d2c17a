/**
 * Add or change a committee (administrators). The server validates (ids, dates, validity order,
 * text) and its problems are shown at their fields.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { committeesStrings } from '../../i18n/committees.ts';
import { COMMITTEE_KINDS, type CommitteeKind } from '../../../core/committees/schema.ts';
import type { Committee } from '../../../core/contracts/committees.ts';

type Errors = Record<string, string>;
const FIELDS = ['id', 'name', 'nameEn', 'kind', 'validFrom', 'validTo', 'areas'] as const;

function fieldErrors(e: unknown): { fields: Errors; general: string | null } {
  if (!(e instanceof ApiError)) return { fields: {}, general: e instanceof Error ? e.message : String(e) };
  const out: Errors = {};
  const details = Array.isArray(e.details) ? (e.details as { field?: unknown; message?: unknown }[]) : [];
  for (const d of details) {
    const f = typeof d.field === 'string' ? d.field.replace(/^body\.?/, '').split('.')[0]! : '';
    if ((FIELDS as readonly string[]).includes(f) && !out[f])
      out[f] = typeof d.message === 'string' ? d.message : e.message;
  }
  return { fields: out, general: Object.keys(out).length ? null : e.message };
}

export function CommitteeForm({
  existing,
  onDone,
}: {
  existing: Committee | null;
  onDone: (message: string) => void;
}): ReactNode {
  const { t } = useI18n(committeesStrings);
  const uid = useId();
  const [v, setV] = useState({
    id: existing?.id ?? '',
    name: existing?.name ?? '',
    nameEn: existing?.nameEn ?? '',
    kind: (existing?.kind ?? 'facknamnd') as CommitteeKind,
    validFrom: existing?.validFrom ?? '',
    validTo: existing?.validTo ?? '',
    areas: (existing?.areas ?? []).map((a) => `${a.division}:${a.code}`).join('\n'),
  });
  const [errors, setErrors] = useState<{ fields: Errors; general: string | null }>({ fields: {}, general: null });
  const [busy, setBusy] = useState(false);
  const fid = (f: string) => `${uid}-${f}`;
  const described = (f: string) =>
    errors.fields[f] ? ({ 'aria-invalid': true, 'aria-describedby': `${fid(f)}-error` } as const) : {};
  const err = (f: string) =>
    errors.fields[f] ? (
      <p id={`${fid(f)}-error`} className="iv-field-error">
        {errors.fields[f]}
      </p>
    ) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const areas = v.areas
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((k) => ({ division: k.slice(0, k.indexOf(':')), code: k.slice(k.indexOf(':') + 1) }));
    const body = {
      name: v.name,
      nameEn: v.nameEn,
      kind: v.kind,
      validFrom: v.validFrom || null,
      validTo: v.validTo || null,
      areas,
    };
    setBusy(true);
    try {
      if (existing) await sendJson('PATCH', `/committees/${encodeURIComponent(existing.id)}`, body);
      else await sendJson('POST', '/committees', { id: v.id, ...body });
      setErrors({ fields: {}, general: null });
      onDone(existing ? t('saved', { name: v.name }) : t('added', { name: v.name }));
    } catch (x) {
      const r = fieldErrors(x);
      setErrors(r);
      const first = FIELDS.find((f) => r.fields[f]);
      if (first) document.getElementById(fid(first))?.focus();
    } finally {
      setBusy(false);
    }
  };

  const input = (f: 'id' | 'name' | 'nameEn' | 'validFrom' | 'validTo', type = 'text') => (
    <div className="iv-form-field">
      <label htmlFor={fid(f)}>{t(f)}</label>
      <input
        id={fid(f)}
        name={f}
        type={type}
        value={v[f]}
        onChange={(e) => setV({ ...v, [f]: e.target.value })}
        {...described(f)}
      />
      {err(f)}
    </div>
  );

  return (
    <form className="iv-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>{existing ? `${t('edit')}: ${existing.name}` : t('add')}</h3>
      {errors.general ? (
        <div role="alert" className="error">
          <p>{errors.general}</p>
        </div>
      ) : null}
      {existing ? null : input('id')}
      {input('name')}
      {input('nameEn')}
      <div className="iv-form-field">
        <label htmlFor={fid('kind')}>{t('kind')}</label>
        <select
          id={fid('kind')}
          name="kind"
          value={v.kind}
          onChange={(e) => setV({ ...v, kind: e.target.value as CommitteeKind })}
          {...described('kind')}
        >
          {COMMITTEE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind_${k}`)}
            </option>
          ))}
        </select>
        {err('kind')}
      </div>
      {input('validFrom', 'date')}
      {input('validTo', 'date')}
      <div className="iv-form-field">
        <label htmlFor={fid('areas')}>{t('areas')}</label>
        <p id={`${fid('areas')}-hint`} className="iv-detail">
          {t('areasHint')}
        </p>
        <textarea
          id={fid('areas')}
          name="areas"
          rows={3}
          value={v.areas}
          onChange={(e) => setV({ ...v, areas: e.target.value })}
          {...described('areas')}
        />
        {err('areas')}
      </div>
      <button type="submit" disabled={busy}>
        {existing ? t('save') : t('add')}
      </button>
    </form>
  );
}
