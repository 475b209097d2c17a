import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderToStaticMarkup } from 'react-dom/server';
import { Amount } from '../../src/web/pages/interventions/Amount.tsx';
import { TotalsList } from '../../src/web/pages/interventions/ListPage.tsx';
import { partialSum } from '../../src/web/pages/interventions/DetailPage.tsx';
import { isAmountProblem } from '../../src/web/pages/interventions/BudgetLineForm.tsx';
import { mnkrShort } from '../../src/web/pages/interventions/model.ts';
import { budgetLineFrom } from '../../src/core/interventions/edit.ts';
import { serverErrors } from '../../src/web/forms.ts';
import { ApiError } from '../../src/web/api.ts';
import { interventionsStrings } from '../../src/web/i18n/interventions.ts';
import { formatMessage } from '../../src/web/i18n/index.tsx';

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('amounts on the interventions pages', () => {
  it('shows an unknown amount as a dash that says "unknown", never as 0', () => {
    const html = renderToStaticMarkup(<Amount kronor="0" known={false} />);
    assert.match(html, /aria-hidden="true">–</);
    assert.match(html, /Okänt belopp/);
    assert.doesNotMatch(text(html), /0/);
    assert.match(renderToStaticMarkup(<Amount kronor={null} />), /Okänt belopp/);
  });

  it('shows unknown totals in the totals list as unknown', () => {
    const html = renderToStaticMarkup(
      <TotalsList
        totals={{ planned: '4500000', decided: '0', spent: '0' }}
        known={{ planned: true, decided: false, spent: false }}
        label="Summa"
      />,
    );
    assert.match(text(html), /4,5\u00a0mnkr/);
    assert.equal((html.match(/data-amount="unknown"/g) ?? []).length, 2);
  });

  it('rounds mnkr to at most two decimals and keeps the exact kronor in the tooltip', () => {
    assert.equal(mnkrShort('14845678', 'sv', false), '14,85');
    assert.equal(mnkrShort('4500000', 'sv', false), '4,5');
    assert.equal(mnkrShort('16000000', 'en', false), '16');
    const html = renderToStaticMarkup(<Amount kronor="14845678" />);
    assert.match(html, /title="Exakt: 14\u00a0845\u00a0678\u00a0kr"/);
    assert.equal(text(html), '14,85');
  });

  it('says when a sum leaves out years with an unknown amount', () => {
    const d = {
      known: { planned: true, decided: false, spent: false },
      budget: [
        { year: 2024, area: null, planned: '1000000', decided: null, spent: null },
        { year: 2025, area: null, planned: null, decided: null, spent: null },
      ],
    };
    assert.equal(partialSum(d, 'planned'), true);
    assert.equal(partialSum(d, 'decided'), false);
    assert.match(text(renderToStaticMarkup(<Amount kronor="1000000" partial />)), /delsumma/);
  });
});

describe('the money form in the page’s language', () => {
  const iv = { areas: [], startDate: null, endDate: null, budget: [] };

  it('gives a refused amount a stable code', () => {
    const r = budgetLineFrom(2025, null, { planned: '1 500 000,50', decided: 'x', spent: null }, iv);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => p.code),
      ['amount_too_precise', 'amount_syntax'],
    );
    assert.ok(r.problems.every((p) => p.code && isAmountProblem(p.code)));
  });

  it('says the problem in Swedish on a Swedish page, not in the server’s English', () => {
    const set: Record<string, string> = {};
    const err = new ApiError(400, 'validation_failed', 'Invalid planned', [
      {
        field: 'body.planned',
        message: '"1 500 000,50" is more precise than a krona',
        code: 'amount_too_precise',
        params: { text: '1 500 000,50' },
      },
    ]);
    serverErrors(
      err,
      (f, e) => {
        set[String(f)] = e.message ?? '';
      },
      (path) => (path[0] === 'planned' ? 'planned' : null),
      (p) => (p.code ? formatMessage(interventionsStrings.sv.amount_too_precise, 'sv', p.params) : undefined),
    );
    assert.equal(set.planned, '"1 500 000,50" är mer exakt än en krona. Ange beloppet i hela kronor.');
  });
});

describe('the project page in English', () => {
  it('says "not stated" in the page’s language for a funding source the register does not give', async () => {
    const { fundingText } = await import('../../src/web/pages/interventions/DetailPage.tsx');
    assert.equal(fundingText('Ej angiven', interventionsStrings.en.notStated), 'Not stated');
    assert.equal(fundingText('Stadens budget', interventionsStrings.en.notStated), 'Stadens budget');
  });
});
