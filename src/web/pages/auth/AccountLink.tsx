/** The header's account link: "Logga in", or the signed-in user's name linking to the account page. */
import { useEffect, useRef } from 'react';
import { Link, useRoute } from '../../router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { authStrings } from '../../i18n/auth.ts';
import { useSession } from './session.ts';

/** A link for the site header: "Logga in", or the signed-in user's name linking to the account page. */
export function AccountLink() {
  const { t } = useI18n(authStrings);
  const me = useSession();
  const { path, query } = useRoute();
  const reload = me.reload;
  const seen = useRef(path);
  // Signing in or out happens on the auth pages: ask again when the page changes.
  useEffect(() => {
    if (seen.current === path) return;
    seen.current = path;
    reload();
  }, [path, reload]);
  const user = me.data?.user;
  if (!user) {
    // back to this page after signing in (the home page, with its to-do summary, when signing in from there)
    const here = `${path}${query.size ? `?${query.toString()}` : ''}`;
    const href = path === '/' || path === '/logga-in' ? '/logga-in' : `/logga-in?next=${encodeURIComponent(here)}`;
    return (
      <Link href={href} className="account-link">
        {t('signIn')}
      </Link>
    );
  }
  return (
    <Link href="/konto" className="account-link">
      {user.displayName || user.username}
    </Link>
  );
}
