/**
 * The tip panel closes like every other popover on the page (issue 15): a
 * click outside it closes it (light dismiss), a click inside does not, and
 * Esc keeps working after "Send" became "Done" (the focused button left the
 * DOM). Real mouse clicks and key presses (web-test-runner's sendMouse /
 * sendKeys) against the dev chain and the dev wallet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { announceDevWallet, createDevWallet } from '../../dev/wallet/dev-wallet.js';
import '../../src/components/tip/define.js';
import type { MaskTip } from '../../src/components/tip/mask-tip.js';
import { devKit, testEnv, until } from './support.js';

const env = testEnv();
const account = (i: number) => env.deployment.accounts[i].address;
const localUrls = { lens: (env as { lensUrl?: string }).lensUrl ?? 'http://127.0.0.1:9/', xmtp: env.xmtpUrl ?? 'http://127.0.0.1:9' };
const part = <T extends Element = HTMLElement>(host: Element, name: string) => host.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const isOpen = (tip: MaskTip) => !!part(tip, 'panel')?.matches(':popover-open');

/** A real click at the middle of `el`. */
async function click(el: Element): Promise<void> {
  const r = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

async function setup(): Promise<{ tip: MaskTip; outside: HTMLElement }> {
  const w = createDevWallet({ chains: { [env.chainId]: env.rpcUrl }, chainId: env.chainId, account: account(6) });
  cleanups.push(announceDevWallet(w));
  const kit = devKit();
  kit.configure({ lensApiUrl: localUrls.lens, web3bioApiUrl: false, xmtp: { env: 'local', apiUrl: localUrls.xmtp } });
  const host = await fixture(html`<div>
    <p id="outside" style="margin: 0 0 400px; padding: 8px">Text of the page, away from the panel</p>
    <test-kit-provider .kit=${kit}><mask-tip to=${account(7)} amount="0.001"></mask-tip></test-kit-provider>
  </div>`);
  const tip = host.querySelector<MaskTip>('mask-tip')!;
  await until(() => kit.wallet.wallets.length, 'the dev wallet to be discovered');
  await kit.wallet.connect(kit.wallet.wallets[0]);
  await tip.updateComplete;
  return { tip, outside: host.querySelector<HTMLElement>('#outside')! };
}

describe('<mask-tip> dismissal', () => {
  it('a click outside closes the panel (light dismiss); a click inside does not', async () => {
    const { tip, outside } = await setup();
    await click(part(tip, 'button')!);
    await until(() => isOpen(tip), 'the panel to open on a click');
    await click(part(tip, 'panel')!.querySelector('h2')!);
    await tip.updateComplete;
    expect(isOpen(tip), 'a click inside keeps it open').to.equal(true);
    await click(outside);
    await until(() => !isOpen(tip), 'a click outside to close the panel');
    expect(tip.matches(':state(open)')).to.equal(false);
  });

  it('Esc closes the panel after the tip went through ("Send" became "Done")', async () => {
    const { tip } = await setup();
    await click(part(tip, 'button')!);
    await until(() => isOpen(tip) && part(tip, 'send-button') && !part<HTMLButtonElement>(tip, 'send-button')!.disabled, 'the panel, ready to send');
    await click(part(tip, 'send-button')!);
    await until(() => tip.matches(':state(confirmed)') && part(tip, 'secondary-button'), `the tip to be confirmed and Done shown (now ${tip.tipState}: ${part(tip, "status")?.textContent})`, 20_000);
    await sendKeys({ press: 'Escape' });
    await until(() => !isOpen(tip), 'Esc to close the panel');
  });
});
