/**
 * Keyboard-only paths, with real key presses (web-test-runner's sendKeys):
 * for each element, reach it with Tab, open it, operate it, close it with
 * Esc, and find focus back where it started.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { announceDevWallet, createDevWallet } from '../../dev/wallet/dev-wallet.js';
import '../../src/components/chat/define.js';
import type { MaskChat } from '../../src/components/chat/mask-chat.js';
import '../../src/components/id-badge/define.js';
import type { MaskIdBadge } from '../../src/components/id-badge/mask-id-badge.js';
import '../../src/components/tip/define.js';
import type { MaskTip } from '../../src/components/tip/mask-tip.js';
import { fixtureKit } from '../support/chat-fixture.js';
import { devKit, testEnv, until, withKit } from './support.js';

const env = testEnv();
const account = (i: number) => env.deployment.accounts[i].address;
/** Local services for identity lookups; port 9 (refused at once) when one is not running. */
const localUrls = { lens: (env as { lensUrl?: string }).lensUrl ?? 'http://127.0.0.1:9/', xmtp: env.xmtpUrl ?? 'http://127.0.0.1:9' };

/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
const part = <T extends Element = HTMLElement>(host: Element, name: string) => host.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

/** Presses Tab until the focused element matches `wanted` (at most `max` presses). */
async function tabTo(wanted: (el: Element) => boolean, what: string, max = 25): Promise<Element> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const el = deepActive();
    if (el && wanted(el)) return el;
  }
  throw new Error(`Tab never reached ${what} (focus is on ${deepActive()?.outerHTML.slice(0, 120)})`);
}

/** A button before the element, focused: where a keyboard user comes from. */
function startBefore(el: Element): HTMLButtonElement {
  const before = document.createElement('button');
  before.textContent = 'Before';
  el.before(before);
  before.focus();
  return before;
}

let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

describe('keyboard only: <mask-id-badge>', () => {
  it('Tab opens the card, Tab reaches its controls, Enter copies, Esc closes and focus returns to the badge', async () => {
    const kit = devKit();
    kit.configure({ lensApiUrl: localUrls.lens, web3bioApiUrl: false, xmtp: { env: 'local', apiUrl: localUrls.xmtp } });
    const host = await fixture(html`<test-kit-provider .kit=${kit}><mask-id-badge address=${account(1)} loading="eager"></mask-id-badge></test-kit-provider>`);
    const badge = host.querySelector<MaskIdBadge>('mask-id-badge')!;
    await until(() => badge.matches(':state(resolved), :state(error)'), 'the lookup');
    const copied: string[] = [];
    const original = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (t: string) => void copied.push(t);
    cleanups.push(() => (navigator.clipboard.writeText = original));
    startBefore(badge);

    const trigger = await tabTo((el) => el === part(badge, 'trigger'), 'the trigger');
    await until(() => badge.matches(':state(open)'), 'the card to open on focus');
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    // The card's controls follow the trigger in tab order.
    await tabTo((el) => el === part(badge, 'copy-button'), 'the copy button');
    expect(badge.matches(':state(open)'), 'the card stays open while focus is in it').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => copied.length, 'the copy');
    expect(copied).to.deep.equal([account(1)]);
    await until(() => /copied/i.test(badge.shadowRoot!.textContent ?? ''), 'the announcement');
    await sendKeys({ press: 'Escape' });
    await until(() => !badge.matches(':state(open)'), 'Esc to close the card');
    expect(part(badge, 'card')!.matches(':popover-open')).to.equal(false);
    expect(deepActive()).to.equal(trigger, 'focus is back on the badge');
  });
});

describe('keyboard only: <mask-tip>', () => {
  it('Enter opens the panel with focus inside, presets and the amount are operated by keys, Esc closes and focus returns to the button', async () => {
    const w = createDevWallet({ chains: { [env.chainId]: env.rpcUrl }, chainId: env.chainId, account: account(6) });
    cleanups.push(announceDevWallet(w));
    const kit = devKit();
    kit.configure({ lensApiUrl: localUrls.lens, web3bioApiUrl: false, xmtp: { env: 'local', apiUrl: localUrls.xmtp } });
    const host = await fixture(html`<test-kit-provider .kit=${kit}><mask-tip to=${account(7)} presets="1,5"></mask-tip></test-kit-provider>`);
    const tip = host.querySelector<MaskTip>('mask-tip')!;
    await until(() => kit.wallet.wallets.length, 'the dev wallet to be discovered');
    await kit.wallet.connect(kit.wallet.wallets[0]);
    startBefore(tip);

    const button = await tabTo((el) => el === part(tip, 'button'), 'the tip button');
    await sendKeys({ press: 'Enter' });
    await until(() => part(tip, 'panel')?.matches(':popover-open'), 'the panel to open');
    await until(() => part(tip, 'panel')!.contains(deepActive()), 'focus inside the panel');
    await until(() => part<HTMLButtonElement>(tip, 'preset'), 'the presets');

    // Operate: pick the second preset with Space, then type a custom amount.
    const presets = [...tip.shadowRoot!.querySelectorAll('[part~="preset"]')];
    await tabTo((el) => el === presets[1], 'the "5" preset');
    await sendKeys({ press: 'Space' });
    await until(() => presets[1].getAttribute('aria-pressed') === 'true', 'the preset to be chosen');
    const input = (await tabTo((el) => el === part(tip, 'amount-input'), 'the amount field')) as HTMLInputElement;
    await sendKeys({ press: 'Control+a' });
    await sendKeys({ type: '0.25' });
    expect(input.value).to.equal('0.25');
    await until(() => presets.every((p) => p.getAttribute('aria-pressed') !== 'true'), 'the custom amount to replace the preset');
    // The send button is reachable by keyboard too.
    await tabTo((el) => el === part(tip, 'send-button'), 'the send button');

    await sendKeys({ press: 'Escape' });
    await until(() => !part(tip, 'panel')!.matches(':popover-open'), 'Esc to close the panel');
    expect(tip.matches(':state(open)')).to.equal(false);
    expect(deepActive()).to.equal(button, 'focus is back on the tip button');
  });
});

describe('keyboard only: <mask-chat>', () => {
  it('Enter on the bubble opens the chat, Enter sends a typed message, Esc closes and focus returns to the bubble', async () => {
    const { kit } = fixtureKit({ items: [] });
    const host = await fixture(withKit(kit, html`<mask-chat peer="0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"></mask-chat>`));
    const chat = host.querySelector<MaskChat>('mask-chat')!;
    await chat.updateComplete;
    startBefore(chat);

    const launcher = await tabTo((el) => el === part(chat, 'launcher'), 'the chat bubble');
    await sendKeys({ press: 'Enter' });
    await until(() => chat.open && chat.matches(':state(open)'), 'the chat to open');
    const textarea = (await until(() => chat.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="composer"] textarea:not([disabled])'), 'the composer', 15_000)) as HTMLTextAreaElement;
    if (deepActive() !== textarea) await tabTo((el) => el === textarea, 'the message field');
    await sendKeys({ type: 'Hello from the keyboard' });
    await sendKeys({ press: 'Enter' });
    await until(() => [...chat.shadowRoot!.querySelectorAll('[part~="text"]')].some((t) => t.textContent?.includes('Hello from the keyboard')), 'the sent message in the list');
    expect(textarea.value).to.equal('', 'the field is empty for the next message');
    await sendKeys({ type: 'and a second one' });
    await sendKeys({ press: 'Enter' });
    await until(() => [...chat.shadowRoot!.querySelectorAll('[part~="text"]')].some((t) => t.textContent === 'and a second one'), 'the second message, on its own');
    expect(textarea.value).to.equal('');

    await sendKeys({ press: 'Escape' });
    await until(() => !chat.open, 'Esc to close the chat');
    expect(part(chat, 'panel')!.hidden).to.equal(true);
    await until(() => deepActive() === launcher, 'focus back on the bubble');
  });
});
