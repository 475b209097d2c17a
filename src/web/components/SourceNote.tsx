/** Names the source and period of the numbers shown ("Källa: SCB, …, 2022"). */
import type { ReactNode } from 'react';
import type { Lang } from './format.ts';
import { strings } from './strings.ts';

export interface SourceRef {
  source: string;
  period?: string | null;
  url?: string | null;
}

/** Unique sources (same text and period once), in first-seen order. */
export function uniqueSources(refs: readonly (SourceRef | null | undefined)[]): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const r of refs) {
    if (!r || !r.source) continue;
    const key = `${r.source}\u0000${r.period ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

export function SourceNote({
  lang,
  sources,
  inline,
}: {
  lang: Lang;
  sources: readonly (SourceRef | null | undefined)[];
  inline?: boolean;
}): ReactNode {
  const t = strings(lang);
  const list = uniqueSources(sources);
  if (list.length === 0) return null;
  const item = (s: SourceRef) => {
    const text =
      s.period && !s.source.includes(s.period) ? `${s.source} (${t.period.toLowerCase()} ${s.period})` : s.source;
    return s.url ? <a href={s.url}>{text}</a> : text;
  };
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className="fp-source">
      {list.length === 1 ? t.source : t.sources}:{' '}
      {list.map((s, i) => (
        <span key={`${s.source}-${s.period ?? ''}`}>
          {i > 0 ? '; ' : ''}
          {item(s)}
        </span>
      ))}
    </Tag>
  );
}
