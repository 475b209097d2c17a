/** The width of an element's box, kept up to date (ResizeObserver), so charts are drawn at the width they get. */
import { useEffect, useState, type RefObject } from 'react';

export function useContainerWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = (): void => {
      const w = Math.floor(el.getBoundingClientRect().width);
      // Round to 8 px so a scrollbar appearing does not redraw the chart again and again.
      setWidth((old) => (w > 0 && (old === null || Math.abs(old - w) >= 8) ? w : old));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
