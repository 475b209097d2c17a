/** Pages of the 'auth' feature: sign-in, the account page, user administration and the audit log. */
import type { PageRoute } from '../../router.tsx';
import { SignInPage } from './SignIn.tsx';
import { AccountPage } from './Account.tsx';
import { UsersPage } from './Users.tsx';
import { AuditPage } from './Audit.tsx';

export const routes: PageRoute[] = [
  { pattern: '/logga-in', component: SignInPage },
  { pattern: '/konto', component: AccountPage },
  { pattern: '/admin/anvandare', component: UsersPage },
  { pattern: '/admin/andringslogg', component: AuditPage },
];

export { AccountLink } from './AccountLink.tsx';
