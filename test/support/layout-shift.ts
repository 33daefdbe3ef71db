/**
 * Layout shift of a page while the kit loads, measured in Chromium the way
 * web-vitals count CLS (used by `npm run bench:layout` and `layout-shift.e2e.ts`).
 */
import type { Browser } from 'playwright-core';

export interface Shift {
  value: number;
  time: number;
  sources: string[];
}

/** Installed before the page's own scripts: every layout shift, with what moved. */
const OBSERVE = `(() => {
  const shifts = (window.__shifts = []);
  const name = (n) => !n ? '?' : n.nodeType !== 1 ? (n.parentElement ? name(n.parentElement) + ' text' : 'text') : n.localName + (n.id ? '#' + n.id : n.classList.length ? '.' + n.classList[0] : '');
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      shifts.push({ value: e.value, time: e.startTime, sources: (e.sources || []).map((s) => name(s.node) + ' ' + Math.round(s.previousRect.y) + '→' + Math.round(s.currentRect.y) + ' h' + Math.round(s.previousRect.height) + '→' + Math.round(s.currentRect.height)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

/** web-vitals' CLS: the largest session window (gaps under 1 s, at most 5 s long). */
export function cls(shifts: Shift[]): number {
  let best = 0;
  let current = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of [...shifts].sort((a, b) => a.time - b.time)) {
    if (s.time - last < 1000 && s.time - first < 5000) current += s.value;
    else {
      current = s.value;
      first = s.time;
    }
    last = s.time;
    best = Math.max(best, current);
  }
  return best;
}

/**
 * Opens `url` at `viewport` with a `layout-shift` observer installed before anything loads; waits until every
 * kit element has upgraded, every badge on screen has settled and nothing has moved for 1.5 s.
 */
export async function measureLayoutShift(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<{ cls: number; shifts: Shift[] }> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      () => {
        const kit = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('mask-'));
        // Badges look up when they come near the viewport: the ones on screen must have settled.
        const badges = kit.filter((el) => el.localName === 'mask-id-badge' && el.hasAttribute('address') && el.getBoundingClientRect().top < innerHeight);
        return kit.length > 0 && kit.every((el) => customElements.get(el.localName) && el.shadowRoot) && badges.every((el) => el.matches(':state(resolved), :state(error)'));
      },
      null,
      { timeout: 30_000 },
    );
    // Quiet for 1.5 s: no shift since.
    for (let i = 0; i < 40; i++) {
      const lastShift = await page.evaluate(() => {
        const shifts = (window as unknown as { __shifts: Shift[] }).__shifts;
        return performance.now() - (shifts.at(-1)?.time ?? 0);
      });
      if (lastShift > 1500) break;
      await page.waitForTimeout(250);
    }
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
    return { cls: cls(shifts), shifts };
  } finally {
    await context.close();
  }
}

