import type { ReactNode } from 'react';
import type { Citation as CitationT } from '../../../core/goals/framework-schema.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { documentKey } from './model.ts';

/** "Källa: <document name> (file), avsnitt «section»". */
export function CitationNote({ citation }: { citation: CitationT }): ReactNode {
  const { t } = useI18n(goalsStrings);
  const key = `docName_${documentKey(citation.document)}` as 'docName_000';
  const name = t(key);
  return (
    <span className="goal-cite">
      {t('source')}: {name.startsWith('docName_') ? citation.document : name} ({citation.document}), {t('section')} ”
      {citation.section}”{citation.quote ? <> – ”{citation.quote}”</> : null}
    </span>
  );
}
