import { useI18n } from '../i18n/index.tsx';

export function ComingSoon({ titleKey }: { titleKey?: string }) {
  const { t } = useI18n();
  return (
    <section>
      {titleKey ? <h1>{t(titleKey as 'appName')}</h1> : null}
      <p>{t('comingSoon')}</p>
    </section>
  );
}
