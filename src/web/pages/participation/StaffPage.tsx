/** The staff screen of participation (/delta/personal). */
import { Link } from '../../router.tsx';
import { useSession } from '../auth/session.ts';
import { CommitteeAnswers } from './AnswerForms.tsx';
import { DialogueForm } from './Dialogues.tsx';
import { FollowUp } from './FollowUp.tsx';
import { Codes, Moderation, SupportCodes } from './Moderation.tsx';
import { ProcessAdmin } from './ProcessAdmin.tsx';
import { PtData, useT, withLang } from './shared.tsx';

export function StaffPage() {
  const { t, lang } = useT();
  const session = useSession();
  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <h1>{t('staff')}</h1>
      <PtData state={session}>
        {(me) =>
          me.permissions.includes('participation:moderate') || me.permissions.includes('participation:manage') ? (
            <>
              <Moderation />
              {me.permissions.includes('participation:manage') ? (
                <>
                  <CommitteeAnswers />
                  <DialogueForm />
                </>
              ) : null}
              <Codes />
              {me.permissions.includes('participation:manage') ? <SupportCodes /> : null}
              <ProcessAdmin />
              {me.permissions.includes('participation:manage') ? <FollowUp /> : null}
            </>
          ) : (
            <p>
              <Link href={`/logga-in?next=${encodeURIComponent('/delta/personal')}`}>{t('signInFirst')}</Link>
            </p>
          )
        }
      </PtData>
    </div>
  );
}
