/**
 * The city report's state (fastställd by whom and when, or preliminary with the moment of the figures) and,
 * for an approver, *Fastställ stadens rapport* with a confirmation that names the reports still missing.
 */
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { sendJson } from '../../api.ts';
import { useErrorText } from '../../shell/Status.tsx';
import type { CityApproveResponse, CityReport } from '../../../core/contracts/reports.ts';
import { formatDateTime } from '../../../core/time.ts';
import { useReportI18n } from './common.tsx';

export function CityApproval(props: { report: CityReport; reload: () => void }) {
  const { t, lang } = useReportI18n();
  const errorText = useErrorText();
  const c = props.report;
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ text: string; error: boolean } | null>(null);
  const stateRef = useRef<HTMLParagraphElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (confirming) noteRef.current?.focus();
  }, [confirming]);

  async function approve() {
    setBusy(true);
    setMsg(null);
    try {
      await sendJson<z.infer<typeof CityApproveResponse>>(
        'POST',
        `/reports/city/${encodeURIComponent(c.period.id)}/approve`,
        note.trim() ? { note: note.trim() } : {},
      );
      setConfirming(false);
      setMsg({ text: t('cityApprovedDone'), error: false });
      props.reload();
      stateRef.current?.focus();
    } catch (err) {
      setMsg({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="report-state" ref={stateRef} tabIndex={-1}>
        {c.approved
          ? t('cityApproved', { at: formatDateTime(c.approved.at, lang), by: c.approved.by ?? '–' })
          : t('cityPreliminary', { at: formatDateTime(c.figuresAt, lang) })}
      </p>
      {c.approved?.note ? <p>{t('cityApprovedNote', { note: c.approved.note })}</p> : null}
      {c.allowed.approve && !confirming && (
        <p>
          <button type="button" onClick={() => setConfirming(true)}>
            {t('cityApprove')}
          </button>
        </p>
      )}
      {c.allowed.approve && confirming && (
        <fieldset className="city-approve">
          <legend>{t('cityConfirmTitle')}</legend>
          <p>{t('cityConfirmText')}</p>
          {c.missing.length > 0 && (
            <p>
              {t('cityConfirmMissing', { n: c.missing.length })} ({c.missing.map((m) => m.name).join(', ')})
            </p>
          )}
          <label htmlFor="city-approve-note">{t('cityNote')}</label>
          <textarea
            id="city-approve-note"
            ref={noteRef}
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <p>
            <button type="button" disabled={busy} onClick={() => void approve()}>
              {t('cityConfirmYes')}
            </button>{' '}
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('cityCancel')}
            </button>
          </p>
        </fieldset>
      )}
      <p role="status" className={msg?.error ? 'notice' : undefined}>
        {msg?.text}
      </p>
    </>
  );
}
