/**
 * Languages: every element renders in the language of its own or nearest
 * `lang` (through shadow roots), else the provider's, else the document's;
 * switching `lang` at run time re-renders; Arabic lays out right to left.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/chat/define.js';
import '../../src/components/id-badge/define.js';
import '../../src/components/provider/define.js';
import '../../src/components/tip/define.js';
import type { MaskChat } from '../../src/components/chat/mask-chat.js';
import type { MaskIdBadge } from '../../src/components/id-badge/mask-id-badge.js';
import type { MaskProvider } from '../../src/components/provider/mask-provider.js';
import type { MaskTip } from '../../src/components/tip/mask-tip.js';
import { devKit, openDialog, testEnv, until } from './support.js';

const env = testEnv();
const address = env.deployment.accounts[1].address;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const kit = devKit();

/** The three widgets inside a kit on the dev chain (no public RPC), in a wrapper with `lang`. */
async function widgets(lang: string) {
  const root = await fixture(html`<test-kit-provider .kit=${kit}>
    <div lang=${lang}>
      <mask-id-badge address=${address} loading="eager"></mask-id-badge>
      <mask-tip to=${address}></mask-tip>
      <mask-chat position="right"></mask-chat>
    </div>
  </test-kit-provider>`);
  const badge = root.querySelector<MaskIdBadge>('mask-id-badge')!;
  const tip = root.querySelector<MaskTip>('mask-tip')!;
  const chat = root.querySelector<MaskChat>('mask-chat')!;
  await Promise.all([badge.updateComplete, tip.updateComplete, chat.updateComplete]);
  return { root, badge, tip, chat, wrapper: root.querySelector('div')! };
}

describe('languages', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
    document.documentElement.removeAttribute('dir');
  });

  it('renders every element in Japanese from the first paint when an ancestor says lang="ja"', async () => {
    const { badge, tip, chat } = await widgets('ja');
    expect(part(badge, 'copy-button')!.getAttribute('aria-label')).to.equal('アドレスをコピー');
    expect(text(part(tip, 'button'))).to.contain('チップを送る');
    expect(part(chat, 'launcher')!.getAttribute('aria-label')).to.equal('チャットを開く');
    expect(badge.hasAttribute('dir') || tip.hasAttribute('dir') || chat.hasAttribute('dir')).to.equal(false, 'left-to-right languages set no dir');
    await expect(tip).to.be.accessible();
    await expect(chat).to.be.accessible();
  });

  it('an element’s own lang wins over its ancestors; lazy strings arrive translated too', async () => {
    const { badge, tip } = await widgets('es');
    badge.lang = 'ja';
    await until(() => part(badge, 'copy-button')?.getAttribute('aria-label') === 'アドレスをコピー', 'the badge in Japanese');
    // The tip panel's strings live in its lazy chunk; the catalogue holds them already.
    tip.lang = 'ja';
    await tip.show();
    await until(() => /宛先/.test(text(tip.shadowRoot!.querySelector('dialog'))) && /金額/.test(text(tip.shadowRoot!.querySelector('dialog'))), 'the tip panel in Japanese');
    await expect(tip).to.be.accessible();
    tip.shadowRoot!.querySelector('dialog')?.close();
  });

  it('amounts keep every digit and take the language’s separators', async () => {
    const root = await fixture(html`<test-kit-provider .kit=${kit}><mask-tip lang="es" to=${address} amount="12345.000000000000000001"></mask-tip></test-kit-provider>`);
    const tip = root.querySelector<MaskTip>('mask-tip')!;
    await tip.show();
    await until(() => text(part(tip, 'summary-amount')) === '12.345,000000000000000001 ETH', 'the amount in Spanish notation');
    tip.lang = 'en';
    await until(() => text(part(tip, 'summary-amount')) === '12,345.000000000000000001 ETH', 'the amount in English notation');
    tip.shadowRoot!.querySelector('dialog')?.close();
  });

  it('the shared connect dialog speaks the language of the widget that opened it', async () => {
    const root = await fixture(html`<test-kit-provider .kit=${devKit()}><mask-tip lang="ja" to=${address}></mask-tip></test-kit-provider>`);
    const tip = root.querySelector<MaskTip>('mask-tip')!;
    await until(() => text(part(tip, 'button')).includes('チップを送る'), 'the tip in Japanese');
    part(tip, 'button')!.focus();
    part(tip, 'button')!.click();
    const dialog = await openDialog();
    await until(() => text(dialog.querySelector('h2')) === 'ウォレットを接続', 'the dialog title in Japanese');
    expect(dialog.querySelector('[part~="close-button"]')!.getAttribute('aria-label')).to.equal('閉じる');
    await expect(dialog.host).to.be.accessible();
    dialog.querySelector<HTMLElement>('[part~="close-button"]')!.click();
    await until(() => !dialog.querySelector('dialog[open]'), 'the dialog closed');
  });

  it('switching lang at run time re-renders (element, ancestor, provider, document)', async () => {
    const { tip, chat, wrapper } = await widgets('ja');
    const tipText = () => text(tip.shadowRoot!.querySelector('button'));
    wrapper.lang = 'es';
    await until(() => tipText().includes('Dar propina'), 'Spanish after the ancestor changed');
    expect(part(chat, 'launcher')!.getAttribute('aria-label')).to.equal('Abrir chat');
    wrapper.removeAttribute('lang');
    await until(() => tipText().includes('Tip') && !tipText().includes('propina'), 'English (the document) once no ancestor sets lang');
    document.documentElement.lang = 'zh-CN';
    await until(() => tipText().includes('打赏'), 'Simplified Chinese from the document');
    expect(part(chat, 'launcher')!.getAttribute('aria-label')).to.equal('打开聊天');

    const provider = await fixture<MaskProvider>(html`<mask-provider lang="es"><mask-tip to=${address}></mask-tip></mask-provider>`);
    const inner = provider.querySelector('mask-tip')!;
    const innerText = () => text(inner.shadowRoot!.querySelector('button'));
    await until(() => innerText().includes('Dar propina'), 'Spanish from the provider');
    provider.setAttribute('lang', 'ja');
    await until(() => innerText().includes('チップを送る'), 'Japanese after the provider changed');
    expect(provider.scoped.config.lang).to.equal('ja');
  });

  it('the provider’s configured language wins over the document’s', async () => {
    document.documentElement.lang = 'es';
    const provider = await fixture<MaskProvider>(html`<mask-provider><mask-tip to=${address}></mask-tip></mask-provider>`);
    provider.config = { lang: 'ja' };
    const inner = provider.querySelector('mask-tip')!;
    await until(() => text(inner.shadowRoot!.querySelector('button')).includes('チップを送る'), 'Japanese from the provider configuration');
  });

  it('finds lang across shadow roots', async () => {
    const host = await fixture(html`<div lang="ja"></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<section><mask-tip to="${address}"></mask-tip></section>`;
    const tip = shadow.querySelector('mask-tip')!;
    await until(() => text(tip.shadowRoot?.querySelector('button') ?? null).includes('チップを送る'), 'Japanese through the shadow root');
  });

  it('Arabic lays out right to left: dir on the host, launcher at the inline end, avatar right of the name', async () => {
    document.documentElement.lang = 'ar';
    const { badge, tip, chat } = await widgets('ar');
    for (const el of [badge, tip, chat]) expect(el.getAttribute('dir')).to.equal('rtl');
    expect(part(chat, 'launcher')!.getAttribute('aria-label')).to.equal('فتح الدردشة');
    expect(text(tip.shadowRoot!.querySelector('button'))).to.contain('إكرامية');

    // position="right" means the inline end: on the left in Arabic.
    const launcher = part(chat, 'launcher')!.getBoundingClientRect();
    expect(launcher.right).to.be.below(innerWidth / 2);

    // The badge reads right to left: avatar first (right), then the name or address, then copy.
    const avatar = part(badge, 'avatar')!.getBoundingClientRect();
    const label = (part(badge, 'name') ?? part(badge, 'address'))!.getBoundingClientRect();
    const copy = part(badge, 'copy-button')!.getBoundingClientRect();
    expect(avatar.left).to.be.at.least(label.right - 1);
    expect(copy.right).to.be.at.most(label.left + 1);
    await expect(badge).to.be.accessible();
    await expect(chat).to.be.accessible();
  });

  it('an English widget in a dir="rtl" context lays out right to left too, and a page-set dir is kept', async () => {
    const root = await fixture(html`<test-kit-provider .kit=${kit}><div dir="rtl" lang="en"><mask-chat position="right"></mask-chat></div></test-kit-provider>`);
    const chat = root.querySelector<MaskChat>('mask-chat')!;
    await chat.updateComplete;
    expect(chat.hasAttribute('dir')).to.equal(false);
    expect(part(chat, 'launcher')!.getBoundingClientRect().right).to.be.below(innerWidth / 2);

    const fixed = await fixture<MaskTip>(html`<mask-tip lang="ar" dir="ltr" to=${address}></mask-tip>`);
    await until(() => text(fixed.shadowRoot!.querySelector('button')).includes('إكرامية'), 'Arabic text');
    expect(fixed.getAttribute('dir')).to.equal('ltr', 'the page’s dir is kept');
    fixed.lang = 'en';
    await until(() => text(fixed.shadowRoot!.querySelector('button')).includes('Tip'), 'English again');
    expect(fixed.getAttribute('dir')).to.equal('ltr');
  });

  it('a provider in Arabic leaves the page content it wraps alone; its widgets turn right to left', async () => {
    const provider = await fixture<MaskProvider>(html`<mask-provider lang="ar"><p>page text</p><mask-tip to=${address}></mask-tip></mask-provider>`);
    const inner = provider.querySelector('mask-tip')!;
    await until(() => inner.getAttribute('dir') === 'rtl', 'the tip right to left');
    expect(provider.hasAttribute('dir')).to.equal(false);
    expect(getComputedStyle(provider.querySelector('p')!).direction).to.equal('ltr');
  });

  it('leaving Arabic removes the dir the element set', async () => {
    const tip = await fixture<MaskTip>(html`<mask-tip lang="ar" to=${address}></mask-tip>`);
    await until(() => tip.getAttribute('dir') === 'rtl', 'dir=rtl');
    tip.lang = 'es';
    await until(() => !tip.hasAttribute('dir'), 'no dir after switching to Spanish');
  });
});
