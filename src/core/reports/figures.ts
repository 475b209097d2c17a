/**
 * How many decimals a report figure is written with: its indicator's (the catalogue's `decimals`),
 * or, without an indicator, none for whole numbers and one otherwise.
 */
export const figureDecimals = (v: number | null, decimals: number | null): number =>
  decimals ?? (v === null || Number.isInteger(v) ? 0 : 1);
