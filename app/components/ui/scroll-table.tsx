// A wide table scrolls inside its own box on a phone instead of pushing the page sideways. The box is
// focusable and named so keyboard users can scroll it too (WCAG 2.1.1, 1.4.10).
import type { ReactNode } from 'react';

export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
