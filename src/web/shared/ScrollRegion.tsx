import { type ReactNode, useEffect, useRef } from 'react';

/** The scrolling boxes of antd's tables (a wide table scrolls sideways, a fixed header's body downwards). */
const SCROLLERS = '.ant-table-content, .ant-table-body';

/**
 * Wraps a table that may scroll inside its box: while a box scrolls, it takes the keyboard focus (Tab, then the
 * arrow keys scroll it) and is a region named `label` — a box only a mouse can scroll hides columns from keyboard
 * users (axe: scrollable-region-focusable). A box that does not scroll (a wide screen) stays out of the Tab order.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const mark = () => {
      for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (scrolls && el.tabIndex !== 0) {
          el.tabIndex = 0;
          el.setAttribute('role', 'region');
          el.setAttribute('aria-label', label);
        } else if (!scrolls && el.hasAttribute('tabindex')) {
          el.removeAttribute('tabindex');
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      }
    };
    mark();
    // The box scrolls or not as the window, the sider and the rows change.
    const resized = new ResizeObserver(mark);
    resized.observe(root);
    const changed = new MutationObserver(mark);
    changed.observe(root, { childList: true, subtree: true });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, [label]);
  return <div ref={ref}>{children}</div>;
}
