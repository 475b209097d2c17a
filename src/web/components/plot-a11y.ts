/**
 * Observable Plot puts aria-label on inner <g> elements, which have no role that allows a name
 * (axe: aria-prohibited-attr). The chart is one image named by its title; its data is in the
 * table twin and the text summary, so inner labels are removed and the root becomes role="img".
 */
export function accessiblePlot(root: Element, title: string): void {
  const svg = root.tagName.toLowerCase() === 'svg' ? root : root.querySelector('svg');
  for (const el of Array.from(root.querySelectorAll('[aria-label], [aria-description]'))) {
    if (el === svg) continue;
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  if (svg) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', title);
  }
}
