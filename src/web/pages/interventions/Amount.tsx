/**
 * One amount of money on the interventions pages: rounded mnkr (at most two decimals) with the exact
 * kronor in its tooltip; an unknown amount as "–" that says "unknown" to a screen reader (never 0);
 * a sum over years where some year is unknown says that it is a partial sum.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { interventionsStrings } from '../../i18n/interventions.ts';
import { kronorExact, mnkrShort } from './model.ts';

export function Amount({
  kronor,
  known = true,
  partial = false,
  unit = false,
}: {
  kronor: string | null | undefined;
  /** false: no source gives the amount (unknown, not zero) */
  known?: boolean;
  /** a sum over lines some of which do not give the amount */
  partial?: boolean;
  /** write the unit after the figure */
  unit?: boolean;
}): ReactNode {
  const { t, lang } = useI18n(interventionsStrings);
  if (!known || kronor === null || kronor === undefined)
    return (
      <span data-amount="unknown" title={t('amountUnknown')}>
        <span aria-hidden="true">–</span>
        <span className="fp-visually-hidden">{t('amountUnknown')}</span>
      </span>
    );
  const exact = t('amountExact', { amount: kronorExact(kronor, lang) });
  return (
    <span data-amount={partial ? 'partial' : 'known'} title={partial ? `${exact}; ${t('amountPartial')}` : exact}>
      {mnkrShort(kronor, lang, unit)}
      {partial ? <small className="iv-partial"> ({t('amountPartialShort')})</small> : null}
    </span>
  );
}
