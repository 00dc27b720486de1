// Accessibility checks with axe-core, shared by every spec: the WCAG 2.0/2.1/2.2 A and AA rules, and no
// serious or critical violation allowed. The minor and moderate ones are attached to the report.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe's serious and critical violations on the page, one readable line per rule and element. */
export async function seriousViolations(page: Page, name: string): Promise<string[]> {
  // only the violations in full: by default axe also returns every element that passed each rule, which the
  // checks never read. `options()` replaces every option, so it comes before `withTags()`, which adds to them.
  // Legacy mode: axe runs in the page itself (frames of the same origin included, and the portal's CSP allows
  // no other), instead of gathering results per frame and finishing them in a new blank page with a second copy
  // of axe. The blank page was a renderer process per check: the a11y spec took 25.5 s of CPU, now 20.6 s.
  // a11y.spec.ts checks that faults in the page and in a frame are still found (ADR 0027).
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(TAGS)
    .setLegacyMode()
    .analyze();
  // the rules that ran are those of the WCAG tags, not all of axe's
  expect(results.toolOptions.runOnly).toMatchObject({ type: 'tag', values: TAGS });
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.violations.filter((v) => !serious.includes(v));
  await test.info().attach(`axe-${name}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  if (minor.length) {
    test.info().annotations.push({
      type: `axe (${name}) minor/moderate`,
      description: minor.map((v) => `${v.id} ×${v.nodes.length}`).join(', '),
    });
  }
  return serious.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n')}`,
  );
}

export async function expectNoSeriousViolations(page: Page, name: string) {
  expect(await seriousViolations(page, name), `axe on ${name} (${page.url()})`).toEqual([]);
}
