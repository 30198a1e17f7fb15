import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** 1280×1024 at 400% zoom (WCAG 1.4.10's 320 CSS px), and 1280×800 at 200%. */
export const reflowViewports = [
  { name: '320 px (400%)', width: 320, height: 256 },
  { name: '200%', width: 640, height: 400 },
] as const;

/** The page scrolls in one dimension only: nothing is wider than the viewport. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'page wider than the viewport').toBeLessThanOrEqual(innerWidth);
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} has no box (not displayed)`);
  return box;
}

/** Wholly inside the viewport, horizontally and vertically. */
export async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  const box = await boxOf(locator);
  const size = page.viewportSize()!;
  expect(box.x, `${String(locator)} starts left of the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${String(locator)} starts above the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height + 0.5);
}

/** `inner` lies wholly within `outer` (a mark inside its cell, say). */
export async function expectInside(inner: Locator, outer: Locator): Promise<void> {
  const a = await boxOf(inner);
  const b = await boxOf(outer);
  expect(a.x).toBeGreaterThanOrEqual(b.x);
  expect(a.y).toBeGreaterThanOrEqual(b.y);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5);
  expect(a.y + a.height).toBeLessThanOrEqual(b.y + b.height + 0.5);
}

/** No text is cut off: the element's content fits its box. */
export async function expectNotClipped(locator: Locator): Promise<void> {
  const { scrollWidth, clientWidth } = await locator.evaluate((element) => ({
    scrollWidth: element.scrollWidth,
    clientWidth: element.clientWidth,
  }));
  expect(scrollWidth, `${String(locator)} cuts its content off`).toBeLessThanOrEqual(clientWidth);
}

/**
 * Scrolled to the middle of the viewport, the element is what a click at its centre hits: no
 * sticky bar or neighbour covers it.
 */
export async function expectHittable(locator: Locator): Promise<void> {
  const hit = await locator.evaluate((element) => {
    element.scrollIntoView({ block: 'center', inline: 'nearest' });
    const box = element.getBoundingClientRect();
    const target = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return target !== null && element.contains(target);
  });
  expect(hit, `${String(locator)} is covered at its centre`).toBe(true);
}

/**
 * WCAG 1.4.12's text spacing (line height 1.5, letters 0.12em, words 0.16em, paragraphs 2em
 * apart), as a reader's own style sheet would set it. Adopted through the CSSOM, which the
 * page's CSP (style-src 'self') allows, so the page keeps its real CSP.
 */
export async function applyTextSpacing(page: Page): Promise<void> {
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
           word-spacing: 0.16em !important; }
       p { margin-bottom: 2em !important; }`,
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
}

/**
 * WCAG 2.4.11: the focused element is not wholly hidden by `cover` (a sticky bar). Returns the
 * share of the focused element's box that `cover` hides, 0 to 1.
 */
export async function focusedHiddenBy(page: Page, cover: string): Promise<number> {
  return page.evaluate((selector) => {
    const focused = document.activeElement;
    const bar = document.querySelector(selector);
    if (!focused || focused === document.body || !bar || bar.contains(focused)) return 0;
    const a = focused.getBoundingClientRect();
    const b = bar.getBoundingClientRect();
    const x = Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left));
    const y = Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
    return (x * y) / Math.max(1, a.width * a.height);
  }, cover);
}

/**
 * WCAG 2.4.11 held strictly: how many CSS px of the focus indicator's height `cover` (a sticky
 * bar) hides, 0 when none. The indicator is the focused control's box, or its label's where the
 * label draws the ring (a Part One option row), grown by the outline drawn round it; `what`
 * names it for a failure message.
 */
export async function focusRingCoveredBy(
  page: Page,
  cover: string,
): Promise<{ covered: number; what: string }> {
  return page.evaluate((selector) => {
    const focused = document.activeElement;
    const bar = document.querySelector(selector);
    if (!focused || focused === document.body || !bar || bar.contains(focused)) {
      return { covered: 0, what: 'nothing focused' };
    }
    const label = focused.closest('label');
    const shown = label && getComputedStyle(label).outlineStyle !== 'none' ? label : focused;
    const style = getComputedStyle(shown);
    const ring =
      style.outlineStyle === 'none'
        ? 0
        : parseFloat(style.outlineWidth) + Math.max(0, parseFloat(style.outlineOffset));
    const a = shown.getBoundingClientRect();
    const b = bar.getBoundingClientRect();
    const top = a.top - ring;
    const bottom = a.bottom + ring;
    const across = Math.min(a.right + ring, b.right) - Math.max(a.left - ring, b.left);
    const covered = across > 0 ? Math.max(0, Math.min(bottom, b.bottom) - Math.max(top, b.top)) : 0;
    const name = focused.getAttribute('aria-label') ?? shown.textContent?.trim().slice(0, 40);
    return {
      covered,
      what: `${focused.tagName} "${name ?? ''}" (ring ${top}..${bottom}, bar to ${b.bottom})`,
    };
  }, cover);
}
