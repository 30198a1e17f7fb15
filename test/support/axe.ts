import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

function describeNode(node: AxeViolation['nodes'][number]): string {
  const where = `    at ${JSON.stringify(node.target)}`;
  if (!node.failureSummary) return where;
  return `${where}\n      ${node.failureSummary.split('\n').join('\n      ')}`;
}

/**
 * Runs axe-core on the page as it is now, against WCAG 2.0/2.1/2.2 A and AA, and throws a
 * readable list of violations. axe is evaluated through the DevTools protocol, which the page's
 * CSP does not govern, so the page keeps its real CSP.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  })) as AxeViolation[];
  if (violations.length === 0) return;
  const lines = violations.flatMap((v) => [
    `${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.map(describeNode),
  ]);
  throw new Error(
    `axe found ${violations.length} accessibility violation(s) on ${page.url()}:\n${lines.join('\n')}`,
  );
}
