// Keyboard-only helpers: the homeowner in these tests never touches a mouse.
import type { Page } from 'playwright-core';

/**
 * Describes the element that really has focus, looking through open shadow roots:
 * `firstcall-widget>button.open`, `#fc-name`, `a`... Good enough to follow the Tab order.
 */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    const path: string[] = [];
    while (el?.shadowRoot?.activeElement) {
      path.push(el.localName);
      el = el.shadowRoot.activeElement;
    }
    if (!el) return '';
    const id = el.id ? `#${el.id}` : '';
    const cls = !id && el.classList.length ? `.${[...el.classList].join('.')}` : '';
    const value =
      el instanceof HTMLInputElement && el.type === 'radio' ? `[value=${el.value}]` : '';
    path.push(`${id ? '' : el.localName}${id}${cls}${value}`);
    return path.join('>');
  });
}

/** Presses Tab (or Shift+Tab) until `target` has focus; returns every stop on the way. */
export async function tabTo(
  page: Page,
  target: string,
  options: { back?: boolean; max?: number } = {},
): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < (options.max ?? 25); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    stops.push(now);
    if (now === target) return stops;
  }
  throw new Error(`Tab never reached ${target}; stops: ${stops.join(' | ')}`);
}

/** Erases what is in the focused text field, one Backspace per character. */
export async function clearFocusedField(page: Page): Promise<void> {
  const length = await page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
      ? el.value.length
      : 0;
  });
  await page.keyboard.press('End');
  for (let i = 0; i < length; i++) await page.keyboard.press('Backspace');
}

/**
 * Types at a person's pace, about eight keys a second. The worker quietly files a form sent
 * less than 1.5 s after it opened as spam (no alerts, no text), so a test that expects the CSR
 * to be alerted types the name like this: 13 or more characters take longer than that alone.
 */
export function typeLikeAPerson(page: Page, text: string): Promise<void> {
  return page.keyboard.type(text, { delay: 120 });
}
