/**
 * Colours for maps and charts. Chosen to be colour-blind safe and to pass WCAG 2.1 contrast:
 * text colours ≥ 4.5:1 on white, graphical marks ≥ 3:1 where they carry meaning alone
 * (and they never do alone: every colour has a text, icon or pattern twin).
 */

/**
 * Sequential 5-class scale for choropleths: viridis (perceptually uniform, readable with every
 * common colour-vision deficiency and in greyscale), light = low, dark = high.
 */
export const SEQUENTIAL: Record<number, readonly string[]> = {
  1: ['#21918c'],
  2: ['#fde725', '#3b528b'],
  3: ['#fde725', '#21918c', '#440154'],
  4: ['#fde725', '#35b779', '#31688e', '#440154'],
  5: ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'],
  6: ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154'],
  7: ['#fde725', '#8fd744', '#35b779', '#21918c', '#31688e', '#443983', '#440154'],
};

export function sequential(classes: number): readonly string[] {
  const k = Math.max(1, Math.min(7, classes));
  return SEQUENTIAL[k]!;
}

/** Assessment colours (blue = better, orange = worse; the Okabe–Ito safe pair), text-safe on white. */
export const ASSESSMENT_TEXT = {
  better: '#0b5394',
  worse: '#a63c00',
  same: '#4d4d4d',
  neutral: '#4d4d4d',
  unknown: '#4d4d4d',
} as const;

/** Background tints for assessment badges (text in ASSESSMENT_TEXT stays ≥ 4.5:1 on them). */
export const ASSESSMENT_BG = {
  better: '#deebf7',
  worse: '#fde0cc',
  same: '#eeeeee',
  neutral: '#eeeeee',
  unknown: '#ffffff',
} as const;

/** Okabe–Ito categorical palette (colour-blind safe), for series such as compared areas. */
export const CATEGORICAL = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#000000',
  '#F0E442',
] as const;

/** Reference line (city value). */
export const REFERENCE = '#222222';

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((x) => channel(parseInt(x, 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Black or white, whichever contrasts more with the background. */
export function textOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}
