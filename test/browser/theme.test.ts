/**
 * Themes in Chromium: `theme="auto"` follows a host page's `color-scheme` and
 * the visitor's `prefers-color-scheme` (emulated); `light`/`dark` force one;
 * the kit's text/background token pairs keep a 4.5:1 contrast in both
 * schemes; `prefers-reduced-motion: reduce` stops animations and transitions.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { html as litHtml, type TemplateResult } from 'lit';
import '../../src/components/id-badge/define.js';
import '../../src/components/tip/define.js';
import type { MaskIdBadge } from '../../src/components/id-badge/mask-id-badge.js';
import { Kit } from '../../src/context/kit.js';
import type { IdentityService } from '../../src/identity/types.js';
import { MaskElement } from '../../src/components/base/mask-element.js';
import { until } from './support.js';

/** The kit's token pairs, each drawn as text on its background. */
const PAIRS = [
  ['text', 'var(--mask-color-text, light-dark(#1b1d22, #eceef2))', 'var(--_surface)'],
  ['muted', 'var(--_muted)', 'var(--_surface)'],
  ['accent', 'var(--_accent)', 'var(--_surface)'],
  ['danger', 'var(--_danger)', 'var(--_surface)'],
  ['on-accent', 'var(--_on-accent)', 'var(--_accent)'],
] as const;

class ThemeProbe extends MaskElement {
  override render(): TemplateResult {
    return litHtml`${PAIRS.map(([name, fg, bg]) => litHtml`<p data-pair=${name} style="color: ${fg}; background: ${bg}">${name}</p>`)}`;
  }
}
customElements.define('theme-probe', ThemeProbe);

const LIGHT_TEXT = 'rgb(27, 29, 34)';
const DARK_TEXT = 'rgb(236, 238, 242)';
const textColor = (el: Element) => getComputedStyle(el).color;

async function probe(template: TemplateResult): Promise<ThemeProbe> {
  const root = await fixture<HTMLElement>(template);
  const el = (root.localName === 'theme-probe' ? root : root.querySelector('theme-probe')) as ThemeProbe;
  await el.updateComplete;
  return el;
}

function luminance(rgb: string): number {
  const [r, g, b] = rgb.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('theme', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('auto with no color-scheme on the page follows prefers-color-scheme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(textColor(await probe(html`<theme-probe></theme-probe>`))).to.equal(DARK_TEXT);
    await emulateMedia({ colorScheme: 'light' });
    expect(textColor(await probe(html`<theme-probe theme="auto"></theme-probe>`))).to.equal(LIGHT_TEXT);
  });

  it('auto follows an ancestor that declares color-scheme: dark, whatever the system says', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await probe(html`<section style="color-scheme: dark"><div><theme-probe theme="auto"></theme-probe></div></section>`);
    expect(textColor(el)).to.equal(DARK_TEXT);
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
  });

  it('auto follows an ancestor that declares color-scheme: light on a dark system', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(textColor(await probe(html`<div style="color-scheme: light"><theme-probe></theme-probe></div>`))).to.equal(LIGHT_TEXT);
  });

  it('auto under color-scheme: light dark on the page follows the system, and a later switch of the page scheme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await probe(html`<div style="color-scheme: light dark"><theme-probe></theme-probe></div>`);
    expect(textColor(el)).to.equal(DARK_TEXT);
    await emulateMedia({ colorScheme: 'light' });
    expect(textColor(el)).to.equal(LIGHT_TEXT);
    // A site's dark-mode switch that changes the declared scheme later is followed too.
    el.parentElement!.style.colorScheme = 'dark';
    expect(textColor(el)).to.equal(DARK_TEXT);
  });

  it(':root { color-scheme: dark } on the host page reaches a real element', async () => {
    document.documentElement.style.colorScheme = 'dark';
    try {
      await emulateMedia({ colorScheme: 'light' });
      const tip = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(html`<mask-tip to="0x70997970C51812dc3A010C7d01b50e0d17dc79C8"></mask-tip>`);
      await tip.updateComplete;
      expect(textColor(tip)).to.equal(DARK_TEXT);
    } finally {
      document.documentElement.style.colorScheme = '';
    }
  });

  it('light and dark are forced, inside a page of the other scheme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(textColor(await probe(html`<div style="color-scheme: dark"><theme-probe theme="light"></theme-probe></div>`))).to.equal(LIGHT_TEXT);
    await emulateMedia({ colorScheme: 'light' });
    expect(textColor(await probe(html`<div style="color-scheme: light"><theme-probe theme="dark"></theme-probe></div>`))).to.equal(DARK_TEXT);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`every text/background token pair has a contrast of at least 4.5:1 (${theme})`, async () => {
      const el = await probe(html`<theme-probe theme=${theme}></theme-probe>`);
      const ratios = Object.fromEntries(
        [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-pair]')].map((p) => {
          const style = getComputedStyle(p);
          return [p.dataset.pair, Math.round(contrast(style.color, style.backgroundColor) * 100) / 100];
        }),
      );
      expect(Object.keys(ratios)).to.have.length(PAIRS.length);
      for (const [pair, ratio] of Object.entries(ratios)) expect(ratio, `${theme} ${pair}: ${ratio}:1`).to.be.at.least(4.5);
    });
  }
});

/** A kit whose identity lookups never answer: the badge stays in its loading state (a pulsing skeleton). */
class PendingKit extends Kit {
  override identity(): Promise<IdentityService> {
    return new Promise(() => {});
  }
}

describe('prefers-reduced-motion', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  async function loadingBadge(): Promise<MaskIdBadge> {
    const root = await fixture<HTMLElement & { kit: Kit }>(
      html`<test-kit-provider .kit=${new PendingKit({ config: { lang: 'en' } })}><mask-id-badge address="0x70997970C51812dc3A010C7d01b50e0d17dc79C8" loading="eager"></mask-id-badge></test-kit-provider>`,
    );
    const badge = root.querySelector<MaskIdBadge>('mask-id-badge')!;
    await until(() => badge.shadowRoot?.querySelector('.skeleton'), 'the loading skeleton');
    return badge;
  }
  const running = (el: Element) => el.shadowRoot!.getAnimations().filter((a) => a.playState === 'running').length;

  it('the loading skeleton pulses by default', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(running(await loadingBadge())).to.be.greaterThan(0);
  });

  it('no animation and no transition runs when the visitor asks for reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const badge = await loadingBadge();
    expect(running(badge)).to.equal(0);
    for (const el of [badge, ...badge.shadowRoot!.querySelectorAll('*')]) {
      const style = getComputedStyle(el);
      expect(style.animationName, el.localName).to.equal('none');
      expect(style.transitionDuration.split(',').every((d) => parseFloat(d) === 0), `${el.localName} transition ${style.transitionDuration}`).to.equal(true);
    }
  });
});
