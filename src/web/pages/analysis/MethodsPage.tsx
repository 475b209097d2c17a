/** Analys › Metoder: docs/methods.md rendered (headings, paragraphs, lists, tables, inline code and emphasis). */
import { useEffect, type ReactNode } from 'react';
import { Link, useSearch } from '../../router.tsx';
import { z } from 'zod';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import { WithData } from '../../shell/Status.tsx';

/** The anchor of a heading: lower case, runs of other characters as one hyphen ("Moran's I" → "moran-s-i"). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const tok = m[0];
    if (tok.startsWith('`')) out.push(<code key={k++}>{tok.slice(1, -1)}</code>);
    else if (tok.startsWith('**')) out.push(<strong key={k++}>{tok.slice(2, -2)}</strong>);
    else out.push(<em key={k++}>{tok.slice(1, -1)}</em>);
    last = m.index + tok.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const cells = (row: string): string[] =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));

/** A small Markdown renderer for the methods document (no HTML passes through). */
export function renderMarkdown(md: string): ReactNode[] {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const out: ReactNode[] = [];
  let i = 0;
  let key = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (!line.trim()) {
      i++;
      continue;
    }
    const h = line.match(/^(#{1,4})\s+(.*)$/);
    if (h) {
      const level = Math.min(4, (h[1] as string).length + 1);
      const text = h[2] as string;
      const Tag = `h${level}` as 'h2';
      out.push(
        <Tag key={key++} id={slug(text)}>
          {inline(text)}
        </Tag>,
      );
      i++;
      continue;
    }
    if (line.trim().startsWith('|')) {
      const rows: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) rows.push(lines[i++] as string);
      const [head, , ...body] = rows;
      out.push(
        <div className="fp-table-wrap" key={key++}>
          <table className="fp-table">
            <thead>
              <tr>
                {cells(head ?? '').map((c, j) => (
                  <th key={j} scope="col">
                    {inline(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((r, ri) => (
                <tr key={ri}>
                  {cells(r).map((c, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {inline(c)}
                      </th>
                    ) : (
                      <td key={j}>{inline(c)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
      continue;
    }
    const listItem = /^(\s*)(-|\d+\.)\s+(.*)$/;
    if (listItem.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim()) {
        const l = lines[i] as string;
        const m = l.match(listItem);
        if (m) items.push(m[3] as string);
        else items[items.length - 1] += ` ${l.trim()}`;
        i++;
      }
      const Tag = ordered ? 'ol' : 'ul';
      out.push(
        <Tag key={key++}>
          {items.map((it, j) => (
            <li key={j}>{inline(it)}</li>
          ))}
        </Tag>,
      );
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() && !/^(#|\||\s*(-|\d+\.)\s)/.test(lines[i] ?? ''))
      para.push((lines[i++] as string).trim());
    out.push(<p key={key++}>{inline(para.join(' '))}</p>);
  }
  return out;
}

/** ?avsnitt=<heading anchor>: the section to scroll to. */
const methodsSearch = z.object({
  avsnitt: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
});

export function MethodsPage(): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const { avsnitt: section } = useSearch(methodsSearch);
  const doc = useApi<{ markdown: string }>('/analysis/methods');
  useEffect(() => {
    if (!doc.data || !section) return;
    const el = document.getElementById(section);
    if (el) {
      el.setAttribute('tabindex', '-1');
      el.scrollIntoView();
      el.focus();
    }
  }, [doc.data, section]);
  return (
    <div className="an-page an-methods">
      <p>
        <Link href="/analys">{t('backToAnalysis')}</Link>
      </p>
      {lang === 'sv' ? <p className="fp-muted">{t('docLanguage')}</p> : null}
      <WithData state={doc}>
        {(d) => <div lang="en">{renderMarkdown(d.markdown.replace(/^# .*\n/, `# ${t('methodsTitle')}\n`))}</div>}
      </WithData>
    </div>
  );
}
