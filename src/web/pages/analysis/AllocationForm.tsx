/** Analys › Fördelning: the editor's form — division, sum, bounds, type weights and an optional transition. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import { AREA_TYPES, divisionName, type Options } from './shared.tsx';
import type { Form } from './allocation.ts';

/** One labelled text input. */
function field(
  id: string,
  label: string,
  value: string,
  onChange: (v: string) => void,
  extra: { inputMode?: 'decimal' | 'numeric' } = { inputMode: 'decimal' },
): ReactNode {
  return (
    <div className="fp-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} inputMode={extra.inputMode} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export function AllocationForm({
  options,
  form,
  set,
  scenarios,
  busy,
  onCompute,
}: {
  options: Options;
  form: Form;
  set: (patch: Partial<Form>) => void;
  /** Saved scenarios a transition may start from. */
  scenarios: { id: number; name: string }[];
  busy: boolean;
  onCompute: () => void;
}): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  return (
    <form
      className="an-alloc-form"
      onSubmit={(e) => {
        e.preventDefault();
        onCompute();
      }}
    >
      <div className="fp-controls">
        <div className="fp-field">
          <label htmlFor="an-alloc-div">{t('division')}</label>
          <select id="an-alloc-div" value={form.division} onChange={(e) => set({ division: e.target.value })}>
            {options.divisions
              .filter((d) => d.level > 0 && d.level < 9)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {divisionName(d, lang)}
                </option>
              ))}
          </select>
        </div>
        {field('an-sum', t('sumMnkr'), form.sum, (v) => set({ sum: v }))}
        {field('an-year', t('year'), form.year, (v) => set({ year: v }), { inputMode: 'numeric' })}
        {field('an-floor', t('floorMnkr'), form.floor, (v) => set({ floor: v }))}
        {field('an-cap', t('capMnkr'), form.cap, (v) => set({ cap: v }))}
      </div>
      <fieldset>
        <legend>{t('typeWeights')}</legend>
        <div className="fp-controls">
          {AREA_TYPES.map((ty) =>
            field(`an-tw-${ty}`, t(`type_${ty}` as 'type_mixed'), form.weights[ty], (v) =>
              set({ weights: { ...form.weights, [ty]: v } }),
            ),
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('transition')}</legend>
        <div className="an-check">
          <input
            id="an-tr"
            type="checkbox"
            checked={form.transition}
            onChange={(e) => set({ transition: e.target.checked })}
          />
          <label htmlFor="an-tr">{t('transition')}</label>
        </div>
        {form.transition ? (
          <div className="fp-controls">
            {field('an-fp', t('formulaPercent'), form.formulaPercent, (v) => set({ formulaPercent: v }))}
            <div className="fp-field">
              <label htmlFor="an-base">{t('baseFrom')}</label>
              <select id="an-base" value={form.baseScenario} onChange={(e) => set({ baseScenario: e.target.value })}>
                <option value="">{t('basePlanned')}</option>
                {scenarios.map((sc) => (
                  <option key={sc.id} value={String(sc.id)}>
                    {t('baseScenario', { name: sc.name })}
                  </option>
                ))}
              </select>
            </div>
            {form.baseScenario
              ? null
              : field('an-by', t('baseYear'), form.baseYear, (v) => set({ baseYear: v }), { inputMode: 'numeric' })}
          </div>
        ) : (
          <p className="fp-muted">{t('transitionNone')}</p>
        )}
      </fieldset>
      <button type="submit" disabled={busy}>
        {t('compute')}
      </button>
    </form>
  );
}
