/** axe-core (WCAG 2.x A and AA rules) on a page: its serious and critical violations, each named with where. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * `coloursOnly`: just the rules a theme can change (contrast, links told apart by colour). A second theme
 * changes only colours, so the structural rules (names, roles, ARIA, order) need one pass, not two.
 */
export async function seriousViolations(page: Page, { coloursOnly = false } = {}): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const result = await (coloursOnly ? builder.withRules(['color-contrast', 'link-in-text-block']) : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}
