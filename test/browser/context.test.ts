/**
 * The shared context against the real dev chain and dev wallets: one
 * connection for every widget, account and chain changes reaching all of
 * them, EIP-6963 discovery, rejection with a retry, chain switching.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { announceDevWallet, createDevWallet, type DevWallet } from '../../dev/wallet/dev-wallet.js';
import '../../src/components/chat/define.js';
import '../../src/components/id-badge/define.js';
import '../../src/components/tip/define.js';
import type { Kit } from '../../src/context/kit.js';
import type { MaskErrorEvent } from '../../src/events/mask-error.js';
import { devKit, openDialog, testEnv, until } from './support.js';

const env = testEnv();
const account = (i: number) => env.deployment.accounts[i].address;
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

let cleanups: Array<() => void> = [];
function wallet(options: { name?: string; rdns?: string; account?: `0x${string}`; chainId?: number } = {}): DevWallet {
  const w = createDevWallet({
    chains: { [env.chainId]: env.rpcUrl, [env.chainId2]: env.rpcUrl2 },
    chainId: options.chainId ?? env.chainId,
    account: options.account ?? account(1),
    name: options.name,
    rdns: options.rdns,
  });
  cleanups.push(announceDevWallet(w));
  return w;
}

async function page(kit: Kit) {
  const root = await fixture(html`<test-kit-provider .kit=${kit}>
    <mask-id-badge></mask-id-badge>
    <mask-tip to=${account(2)}></mask-tip>
    <mask-chat mode="inline"></mask-chat>
  </test-kit-provider>`);
  return {
    badge: root.querySelector('mask-id-badge')!,
    tip: root.querySelector('mask-tip')!,
    chat: root.querySelector('mask-chat')!,
  };
}

const tipButton = (tip: Element) => tip.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!;

afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
  document.querySelector('mask-connect-dialog')?.shadowRoot?.querySelector('dialog')?.close();
});

describe('shared wallet context', () => {
  it('two widgets share one connection: connect in one, all show the account', async () => {
    const w = wallet();
    const kit = devKit();
    const { badge, tip, chat } = await page(kit);
    expect(text(badge)).to.contain('Not connected');
    tipButton(tip).click();
    await until(() => kit.wallet.status === 'connected', 'connection');
    await badge.updateComplete;
    expect(text(badge)).to.contain(short(account(1)));
    expect(text(tip)).to.contain(`Connected as ${short(account(1))}`);
    expect(text(chat)).to.contain(`Connected as ${short(account(1))}`);
    expect(w.calls.filter((c) => c.method === 'eth_requestAccounts')).to.have.length(1, 'one prompt for the whole page');
    expect(badge.matches(':state(connected)')).to.equal(true);
    expect(tip.matches(':state(connected)')).to.equal(true);
  });

  it('account and chain changes reach every widget', async () => {
    const w = wallet();
    const kit = devKit();
    const { badge, tip } = await page(kit);
    tipButton(tip).click();
    await until(() => kit.wallet.status === 'connected', 'connection');
    w.setAccount(account(3));
    await until(() => text(badge).includes(short(account(3))) && text(tip).includes(short(account(3))), 'account change in both');
    w.setChain(env.chainId2);
    await until(() => kit.wallet.chainId === env.chainId2, 'chain change');
    w.disconnect();
    await until(() => text(badge).includes('Not connected') && !text(tip).includes('Connected as'), 'disconnect in both');
  });

  it('offers every EIP-6963 wallet with its name and icon, and connects the chosen one', async () => {
    wallet({ name: 'First Wallet', rdns: 'dev.first', account: account(1) });
    const second = wallet({ name: 'Second Wallet', rdns: 'dev.second', account: account(2) });
    const kit = devKit();
    expect(kit.connector).to.equal(null, 'no flow handed to this kit: the element opens the connect dialog');
    const { tip, badge } = await page(kit);
    tipButton(tip).click();
    const dialog = await openDialog();
    const buttons = [...dialog.querySelectorAll<HTMLButtonElement>('[part~="wallet"]')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(['First Wallet', 'Second Wallet']);
    expect(buttons.every((b) => b.querySelector('img')!.getAttribute('src')!.startsWith('data:image/'))).to.equal(true);
    await expect(dialog.host).to.be.accessible();
    buttons[1].click();
    await until(() => kit.wallet.status === 'connected', 'connection');
    expect(kit.wallet.current?.info.name).to.equal('Second Wallet');
    expect(second.calls.some((c) => c.method === 'eth_requestAccounts')).to.equal(true);
    await until(() => text(badge).includes(short(account(2))), 'badge shows the second wallet account');
  });

  it('a wallet that rejects: clear sentence, mask-error user-rejected on the widget, retry connects', async () => {
    const w = wallet();
    w.rejectNext('eth_requestAccounts');
    const kit = devKit();
    const { tip } = await page(kit);
    const codes: string[] = [];
    tip.addEventListener('mask-error', (e) => codes.push((e as MaskErrorEvent).code));
    tipButton(tip).click();
    const dialog = await openDialog();
    const error = await until(() => dialog.querySelector('[part~="error"]'), 'error sentence');
    expect(error.textContent).to.contain('The request was cancelled in your wallet');
    expect(codes).to.deep.equal(['user-rejected']);
    await expect(dialog.host).to.be.accessible();
    dialog.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await until(() => kit.wallet.status === 'connected', 'connection after retry');
    expect(dialog.querySelector('dialog')!.open).to.equal(false);
  });

  it('closing the dialog after a rejection leaves the error on the widget, and fixing it recovers', async () => {
    const w = wallet();
    w.rejectNext('eth_requestAccounts');
    const kit = devKit();
    const { tip } = await page(kit);
    tipButton(tip).click();
    const dialog = await openDialog();
    await until(() => dialog.querySelector('[part~="error"]'), 'error');
    dialog.querySelector('dialog')!.close();
    await until(() => tip.shadowRoot!.querySelector('[part~="error"]'), 'error on the widget');
    expect(tip.matches(':state(error)')).to.equal(true);
    tipButton(tip).click();
    await until(() => kit.wallet.status === 'connected', 'connection');
    await tip.updateComplete;
    expect(tip.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
    expect(tip.matches(':state(error)')).to.equal(false);
  });

  it('a connect flow handed to the kit replaces the dialog', async () => {
    wallet();
    const kit = devKit();
    const asked: Kit[] = [];
    kit.useConnector(async (k) => {
      asked.push(k);
      return k.wallet.connect(k.wallet.wallets[0]);
    });
    const { tip } = await page(kit);
    tipButton(tip).click();
    await until(() => kit.wallet.status === 'connected', 'connection through the handed flow');
    expect(asked).to.deep.equal([kit]);
    expect(document.querySelector('mask-connect-dialog')?.shadowRoot?.querySelector('dialog[open]') ?? null).to.equal(null, 'no dialog');
  });

  it('no wallet installed: the dialog says so and the widget emits no-wallet', async () => {
    const kit = devKit();
    const { tip } = await page(kit);
    const codes: string[] = [];
    tip.addEventListener('mask-error', (e) => codes.push((e as MaskErrorEvent).code));
    tipButton(tip).click();
    const dialog = await openDialog();
    expect((await until(() => dialog.querySelector('[part~="error"]'), 'error')).textContent).to.contain('No wallet found');
    expect(codes).to.deep.equal(['no-wallet']);
  });

  it('a wallet on an unsupported chain: the dialog offers to switch, and switching works', async () => {
    const w = wallet({ chainId: env.chainId2 });
    const kit = devKit();
    kit.configure({ chains: [kit.config.chains[0]] }); // only the first dev chain is supported
    const { tip } = await page(kit);
    const codes: string[] = [];
    tip.addEventListener('mask-error', (e) => codes.push((e as MaskErrorEvent).code));
    tipButton(tip).click();
    const dialog = await openDialog();
    const error = await until(() => dialog.querySelector('[part~="error"]'), 'unsupported chain sentence');
    expect(error.textContent).to.contain(`chain ${env.chainId2}`);
    expect(codes).to.deep.equal(['unsupported-chain']);
    expect(kit.wrongChain).to.equal(true);
    dialog.querySelector<HTMLButtonElement>('[part~="switch-button"]')!.click();
    await until(() => kit.wallet.chainId === env.chainId, 'switched chain');
    expect(kit.wrongChain).to.equal(false);
    expect(w.chainId).to.equal(env.chainId);
  });

  it('switchChain adds a chain the wallet does not know (4902), then switches', async () => {
    const w = createDevWallet({ chains: { [env.chainId]: env.rpcUrl }, chainId: env.chainId, account: account(1) });
    cleanups.push(announceDevWallet(w));
    const kit = devKit();
    await page(kit);
    await kit.wallet.connect(kit.wallet.wallets[0]);
    await kit.wallet.switchChain(kit.chain(env.chainId2)!);
    expect(kit.wallet.chainId).to.equal(env.chainId2);
    const methods = w.calls.map((c) => c.method);
    expect(methods).to.include('wallet_addEthereumChain');
    expect(methods.lastIndexOf('wallet_switchEthereumChain')).to.be.greaterThan(methods.indexOf('wallet_addEthereumChain'));
  });

  it('a failing chain switch gives chain-switch-failed with a sentence', async () => {
    const w = wallet();
    const kit = devKit();
    await page(kit);
    await kit.wallet.connect(kit.wallet.wallets[0]);
    w.failChainSwitch(true);
    let caught: { code?: string; message?: string } = {};
    try {
      await kit.wallet.switchChain(kit.chain(env.chainId2)!);
    } catch (e) {
      caught = e as typeof caught;
    }
    expect(caught.code).to.equal('chain-switch-failed');
    expect(caught.message).to.contain('could not switch to Mask Dev Chain 2');
    expect(kit.wallet.chainId).to.equal(env.chainId);
  });

  it('adopts a host-provided wallet that is already connected without a prompt', async () => {
    const w = createDevWallet({ chains: { [env.chainId]: env.rpcUrl }, chainId: env.chainId, account: account(5) });
    await w.request({ method: 'eth_requestAccounts' }); // the host connected it earlier
    const kit = devKit();
    const { badge } = await page(kit);
    kit.configure({ provider: w, providerInfo: { name: 'Host wallet' } });
    await until(() => kit.wallet.status === 'connected', 'adopted');
    await until(() => text(badge).includes(short(account(5))), 'badge shows the host account');
    expect(w.calls.filter((c) => c.method === 'eth_requestAccounts')).to.have.length(1, 'no second prompt');
  });
});
