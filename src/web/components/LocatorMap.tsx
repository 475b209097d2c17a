/** A small map that locates one area among its neighbours (or the city outline). */
import { useMemo, type ReactNode } from 'react';
import type { Geometry } from 'geojson';
import type { Lang } from './format.ts';
import { fitPath } from './geo.ts';
import { strings } from './strings.ts';

export interface LocatorMapProps {
  /** Context shapes (e.g. all areas of a division). */
  context: readonly { code: string; geometry: Geometry | null }[];
  /** The area to locate (its geometry; may also be one of the context shapes). */
  target: { code: string; name: string; geometry: Geometry | null };
  lang: Lang;
  width?: number;
  height?: number;
}

export function LocatorMap({ context, target, lang, width = 220, height = 200 }: LocatorMapProps): ReactNode {
  const t = strings(lang);
  const fitted = useMemo(
    () => fitPath([...context.map((c) => c.geometry), target.geometry], width, height, 6),
    [context, target.geometry, width, height],
  );
  const label = `${t.locator}: ${target.name}`;
  return (
    <svg
      className="fp-locator"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {context.map((c) => (
        <path key={c.code} d={fitted.path(c.geometry)} fill="#e8e8e8" stroke="#8c8c8c" strokeWidth={0.5} />
      ))}
      <path
        d={fitted.path(target.geometry)}
        fill="#0b5394"
        stroke="#000000"
        strokeWidth={1.5}
        data-code={target.code}
      />
    </svg>
  );
}
