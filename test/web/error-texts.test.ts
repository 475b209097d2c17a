/**
 * Every error the server can send has a text in Swedish and English: each stable id (src/core/errors.ts, listed by
 * the server's status mapping) and each message code the source passes to an AppError (`{ code: '…' }`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { statusOf } from '../../src/server/errors.ts';
import { errorTexts } from '../../src/web/i18n/errors.ts';
import { errorText } from '../../src/web/i18n/index.tsx';
import { repoRoot } from '../helpers/paths.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Message codes given to AppError in src (`code: 'voting_code_used'`). */
function codesInSource(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of sources(join(repoRoot, 'src'))) {
    if (file.includes(`${join('src', 'web')}`)) continue;
    const text = readFileSync(file, 'utf8');
    if (!text.includes('AppError')) continue;
    for (const m of text.matchAll(/\{\s*code:\s*'([a-z0-9_]+)'/g)) out.set(m[1]!, file);
  }
  return out;
}

test('every error id has a Swedish and an English text', () => {
  for (const id of Object.keys(statusOf)) {
    assert.ok((errorTexts.sv as Record<string, string>)[id], `no Swedish text for error id ${id}`);
    assert.ok((errorTexts.en as Record<string, string>)[id], `no English text for error id ${id}`);
  }
});

test('every message code used in the source has a Swedish and an English text', () => {
  const missing = [...codesInSource()].filter(
    ([code]) => !(errorTexts.sv as Record<string, string>)[code] || !(errorTexts.en as Record<string, string>)[code],
  );
  assert.deepEqual(
    missing.map(([code, file]) => `${code} (${file})`),
    [],
  );
});

test('the two languages have the same keys', () => {
  assert.deepEqual(Object.keys(errorTexts.sv).sort(), Object.keys(errorTexts.en).sort());
});

test('an error is shown from its code, else its id, never the server English text', () => {
  const sv = errorText(
    { message: 'you already support this proposal', id: 'conflict', code: 'already_supported' },
    'sv',
  );
  assert.equal(sv, 'Du stöder redan det här förslaget.');
  const byId = errorText({ message: 'Your role (reader) may not edit', id: 'forbidden' }, 'sv');
  assert.equal(byId, 'Du har inte behörighet att göra det här.');
  const plural = errorText(
    { message: 'x', id: 'rate_limited', code: 'rate_limited_retry', params: { seconds: 1 } },
    'sv',
  );
  assert.equal(plural, 'För många försök härifrån. Försök igen om 1 sekund.');
  assert.equal(
    errorText({ message: 'x', id: 'rate_limited', code: 'rate_limited_retry', params: { seconds: 30 } }, 'sv'),
    'För många försök härifrån. Försök igen om 30 sekunder.',
  );
});
