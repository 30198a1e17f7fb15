import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './browser-harness.js';

/** The shape of a stored essay document, as far as the tests read it. */
export interface DocNode {
  type?: string;
  text?: string;
  marks?: { type: string }[];
  content?: DocNode[];
}

/** A document's text, one line per paragraph or heading, as the candidate would read it. */
export function textOf(doc: DocNode | null | undefined): string {
  const lines: string[] = [];
  const walk = (node: DocNode) => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      lines.push((node.content ?? []).map((child) => child.text ?? '').join(''));
      return;
    }
    for (const child of node.content ?? []) walk(child);
  };
  if (doc) walk(doc);
  return lines.join('\n');
}

/** Every text node of a document, in order. */
export function textNodes(node: DocNode | null | undefined): DocNode[] {
  if (!node) return [];
  if (node.type === 'text') return [node];
  return (node.content ?? []).flatMap(textNodes);
}

export { signIn } from './browser-harness.js';

/** The focused element's tag and text, e.g. `H2 Part One is closed`. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element ? `${element.tagName} ${element.textContent?.trim() ?? ''}` : '';
  });

/**
 * Starts and submits Part One at once, checks the Part Two lobby, and starts Part Two. Each step
 * replaces the button pressed; focus goes to the new view's heading, not to the page body.
 */
export async function reachPartTwo(page: Page): Promise<void> {
  await page.goto('/exam');
  await page.getByRole('button', { name: 'Start Part One' }).click();
  await page.getByRole('button', { name: 'Review and submit' }).click();
  await page.getByRole('button', { name: 'Submit Part One…' }).click();
  await page.getByRole('button', { name: 'Yes, submit Part One' }).click();
  await page.getByRole('button', { name: 'Start Part Two' }).waitFor();
  await expect.poll(() => focused(page)).toBe('H2 Part One is closed');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Start Part Two' }).click();
  await page.getByRole('tablist', { name: 'Vignettes' }).waitFor();
  await expect.poll(() => focused(page)).toMatch(/^H2 Part Two: /);
}

export const editor = (page: Page, vignette: number) =>
  page.getByRole('textbox', { name: `Your response to vignette ${vignette}` });

export const indicator = (page: Page) => page.getByTestId('save-indicator');

export async function openVignette(page: Page, vignette: number): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^Vignette ${vignette}\\b`) }).click();
  await editor(page, vignette).waitFor();
}

/** Types at the end of a vignette's response; each newline is an Enter (a new paragraph). */
export async function typeInto(page: Page, vignette: number, text: string): Promise<void> {
  await openVignette(page, vignette);
  await editor(page, vignette).click();
  await page.keyboard.press('Control+End');
  for (const [index, line] of text.split('\n').entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    if (line) await page.keyboard.type(line);
  }
}

export async function setChosen(page: Page, vignette: number, chosen: boolean): Promise<void> {
  await openVignette(page, vignette);
  await page.getByRole('tabpanel').getByLabel('Answer this vignette').setChecked(chosen);
}

/** Pastes into a vignette's response as a browser would, with plain text and optional HTML. */
export async function pasteInto(
  page: Page,
  vignette: number,
  data: { text: string; html?: string },
): Promise<void> {
  await editor(page, vignette).evaluate((element, { text, html }) => {
    const transfer = new DataTransfer();
    if (html) transfer.setData('text/html', html);
    transfer.setData('text/plain', text);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, data);
}

/** The drafts this device's outbox holds (not yet acknowledged), read straight from IndexedDB. */
export async function outboxTexts(page: Page): Promise<Record<number, string>> {
  const records = await page.evaluate(
    () =>
      new Promise<{ vignette: number; doc: unknown }[]>((resolve, reject) => {
        const request = indexedDB.open('exam-outbox');
        request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction('drafts').objectStore('drafts').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as { vignette: number; doc: unknown }[]);
          };
        };
      }),
  );
  return Object.fromEntries(
    records.filter((r) => r.doc !== null).map((r) => [r.vignette, textOf(r.doc as DocNode)]),
  );
}
