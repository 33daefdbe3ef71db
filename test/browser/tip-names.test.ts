/**
 * `<mask-tip>` with names: ENS names resolved on the dev chain (the stand-in
 * UniversalResolver), verified and spoofed reverse names, Lens handles (the
 * local Lens stand-in), and the fresh resolution just before signing, which
 * aborts the tip when the name moved to another address in the meantime.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LOOKALIKE_NAMES } from '../../dev/chain/seed-data.js';
import { announceDevWallet, createDevWallet, type DevWallet } from '../../dev/wallet/dev-wallet.js';
import '../../src/components/id-badge/define.js';
import '../../src/components/tip/define.js';
import type { MaskIdBadge } from '../../src/components/id-badge/mask-id-badge.js';
import type { MaskTip } from '../../src/components/tip/mask-tip.js';
import type { Kit } from '../../src/context/kit.js';
import type { MaskErrorEvent } from '../../src/events/mask-error.js';
import type { MaskTipRequestEvent } from '../../src/events/mask-tip-request.js';
import { toChecksumAddress, type Address } from '../../src/internal/address.js';
import { keccak256 } from '../../src/internal/keccak.js';
import { devKit, testEnv, until } from './support.js';

const env = testEnv();
const account = (i: number) => env.deployment.accounts[i].address;
const resolver = env.deployment.contracts.ensUniversalResolver;
const localUrls = {
  lens: (env as { lensUrl?: string }).lensUrl ?? 'http://127.0.0.1:9/',
  xmtp: env.xmtpUrl ?? 'http://127.0.0.1:9',
};

async function rpc<T>(method: string, params: unknown[]): Promise<T> {
  const res = await fetch(env.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result as T;
}
const nativeBalance = async (a: string) => BigInt(await rpc<string>('eth_getBalance', [a, 'latest']));
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
function randomAddress(): Address {
  return toChecksumAddress(`0x${hex(crypto.getRandomValues(new Uint8Array(20)))}`) as Address;
}

/** ENS namehash (labels already normalised: the test uses lower-case ASCII names). */
function namehash(name: string): string {
  let node: Uint8Array = new Uint8Array(32);
  for (const label of name.split('.').reverse()) {
    const joined = new Uint8Array(64);
    joined.set(node, 0);
    joined.set(keccak256(new TextEncoder().encode(label)), 32);
    node = keccak256(joined);
  }
  return hex(node);
}

/** Sets `name`'s forward address on the stand-in resolver, as its owner (anvil account 0, unlocked). */
async function setAddr(name: string, address: string): Promise<void> {
  const selector = hex(keccak256(new TextEncoder().encode('setAddr(bytes32,address)'))).slice(0, 8);
  const data = `0x${selector}${namehash(name)}${address.slice(2).toLowerCase().padStart(64, '0')}`;
  const hash = await rpc<string>('eth_sendTransaction', [{ from: account(0), to: resolver, data }]);
  for (let i = 0; i < 100; i++) {
    const receipt = await rpc<{ status: string } | null>('eth_getTransactionReceipt', [hash]);
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error(`setAddr(${name}) reverted`);
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`setAddr(${name}) not mined`);
}

const part = <T extends Element = HTMLElement>(tip: Element, name: string) => tip.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const sends = (w: DevWallet) => w.calls.filter((c) => c.method === 'eth_sendTransaction').length;

let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

/** A page with a `<mask-tip>` (and, first, badges for `shown` names, each settled), the panel open and ready. */
async function setup(attrs: Record<string, string>, from = 9, shown: string[] = []) {
  const w = createDevWallet({ chains: { [env.chainId]: env.rpcUrl }, chainId: env.chainId, account: account(from) });
  cleanups.push(announceDevWallet(w));
  const kit: Kit = devKit();
  kit.configure({ lensApiUrl: localUrls.lens, web3bioApiUrl: false, xmtp: { env: 'local', apiUrl: localUrls.xmtp } });
  const host = await fixture(html`<test-kit-provider .kit=${kit}></test-kit-provider>`);
  for (const name of shown) {
    const badge = document.createElement('mask-id-badge') as MaskIdBadge;
    badge.setAttribute('name', name);
    badge.setAttribute('loading', 'eager');
    host.append(badge);
    await until(() => badge.matches(':state(verified)'), `the badge for ${name}`, 20_000);
  }
  const tip = document.createElement('mask-tip') as MaskTip;
  for (const [name, value] of Object.entries(attrs)) tip.setAttribute(name, value);
  host.append(tip);
  const events: Event[] = [];
  for (const type of ['mask-tip-request', 'mask-tip-sent', 'mask-tip-confirmed', 'mask-error']) tip.addEventListener(type, (e) => events.push(e));
  await until(() => kit.wallet.wallets.length, 'the dev wallet');
  await kit.wallet.connect(kit.wallet.wallets[0]);
  // Record every name resolution the tip asks for, in order with the wallet's requests.
  const timeline: string[] = [];
  const identity = await kit.identity();
  const resolveName = identity.resolveName.bind(identity);
  identity.resolveName = (name, options) => {
    timeline.push(`resolve ${name}${options?.fresh ? ' fresh' : ''}`);
    return resolveName(name, options);
  };
  const request = w.request.bind(w);
  (w as { request: DevWallet['request'] }).request = ((args: { method: string }) => {
    if (args.method === 'eth_sendTransaction') timeline.push('wallet eth_sendTransaction');
    return request(args as never);
  }) as DevWallet['request'];
  await tip.show();
  await until(() => !/Reading/.test(text(part(tip, 'status'))), 'the panel to be ready');
  await tip.updateComplete;
  const codes = () => events.filter((e) => e.type === 'mask-error').map((e) => (e as MaskErrorEvent).code);
  return { tip, kit, w, events, codes, timeline };
}

/** Presses the panel's main button and waits for an outcome: a final state, the warning, or a refusal (idle + mask-error). */
async function send(tip: MaskTip, events: Event[]): Promise<void> {
  const seen = events.length;
  await tip.updateComplete;
  part<HTMLButtonElement>(tip, 'send-button')!.click();
  const refused = () => events.length > seen && events.at(-1)!.type === 'mask-error' && tip.matches(':state(idle)');
  await until(() => ['confirmed', 'failed', 'rejected', 'warning'].some((s) => tip.matches(`:state(${s})`)) || refused(), `an outcome (now ${tip.tipState})`, 20_000);
  await tip.updateComplete;
}

describe('<mask-tip> with names', () => {
  // Until the identity service lands, `kit.identity()` is a placeholder that resolves nothing:
  // these tests then report as skipped rather than failing, and run as soon as it is real.
  before(async function () {
    const identity = await devKit().identity();
    const ready = await identity.resolveName('bob.eth').then(
      () => true,
      (error: Error) => !/not available in this build/.test(error.message),
    );
    if (!ready) this.skip();
  });

  it('an ENS name resolves, is shown with its source, is resolved again just before signing, and gets the tip', async () => {
    const bob = account(2);
    const before = await nativeBalance(bob);
    const { tip, events, timeline } = await setup({ to: 'bob.eth', amount: '0.015' });
    expect(text(part(tip, 'recipient-address'))).to.equal(bob);
    expect(text(part(tip, 'recipient'))).to.contain('Resolved from bob.eth (ENS)');
    await expect(tip).to.be.accessible();
    await send(tip, events);
    expect(tip.tipState).to.equal('confirmed', text(part(tip, 'error')));
    expect((await nativeBalance(bob)) - before).to.equal(15n * 10n ** 15n);
    const request = events[0] as MaskTipRequestEvent;
    expect(request.detail).to.deep.include({ to: bob, name: 'bob.eth' });
    const fresh = timeline.lastIndexOf('resolve bob.eth fresh');
    expect(fresh).to.be.greaterThan(-1, 'resolved again with fresh: true');
    expect(fresh).to.be.lessThan(timeline.indexOf('wallet eth_sendTransaction'), 'before the wallet was asked');
  });

  it('a name that moves to another address between opening and sending aborts the tip', async () => {
    const name = `tip-${hex(crypto.getRandomValues(new Uint8Array(4)))}.eth`;
    const first = randomAddress();
    const second = randomAddress();
    await setAddr(name, first);
    const { tip, w, codes, events } = await setup({ to: name, amount: '0.01' });
    expect(text(part(tip, 'recipient-address'))).to.equal(first);
    await setAddr(name, second); // the record changes while the visitor looks at the panel
    await send(tip, events);
    expect(codes()).to.deep.equal(['invalid-recipient']);
    expect(text(part(tip, 'error'))).to.equal(
      `${name} now points to ${second}, not to the address you checked. Nothing was sent: review the new address, then send again.`,
    );
    expect(sends(w)).to.equal(0);
    expect(await nativeBalance(first)).to.equal(0n);
    expect(await nativeBalance(second)).to.equal(0n);
    await until(() => text(part(tip, 'recipient-address')) === second, 'the new address is shown');
    await expect(tip).to.be.accessible();
    // Reviewed: sending again goes to the new address.
    await send(tip, events);
    expect(tip.tipState).to.equal('confirmed', text(part(tip, 'error')));
    expect(await nativeBalance(second)).to.equal(10n ** 16n);
  });

  it('an address with a verified primary name says so; a spoofed reverse name is flagged and never picks the address', async () => {
    const alice = await setup({ to: account(1) });
    await until(() => /Verified: alice\.eth points to this address\./.test(text(part(alice.tip, 'recipient'))), 'the verified name');

    const spoof = env.deployment.spoof!;
    const { tip } = await setup({ to: spoof.address, amount: '0.001' });
    const warning = await until(() => part(tip, 'recipient-warning'), 'the spoof warning');
    expect(text(warning)).to.equal(`This address claims the name “${spoof.claimedName}”, but that name does not point to it. Do not trust the claim.`);
    expect(text(part(tip, 'recipient-address'))).to.equal(spoof.address, 'the address given is the address used');
    await expect(tip).to.be.accessible();
  });

  it('a recipient that reads like a name shown on the page (a1ice.eth after a badge showed alice.eth) is warned about; sending stays possible', async () => {
    const lookalike = LOOKALIKE_NAMES[0];
    const { tip, events } = await setup({ to: lookalike.name, amount: '0.001' }, 9, ['alice.eth']);
    expect(text(part(tip, 'recipient-address'))).to.equal(lookalike.address);
    // The check runs while the panel reads its recipient: once it is ready, the warning is there.
    const warning = part(tip, 'lookalike-warning');
    expect(text(warning)).to.equal(
      `a1ice.eth looks like alice.eth (${account(1).slice(0, 6)}…${account(1).slice(-4)}), a different address shown on this page. Check the address before you send.`,
    );
    expect(warning!.matches('[part~="recipient-warning"]')).to.equal(true);
    expect(tip.matches(':state(lookalike)')).to.equal(true);
    expect(part(tip, 'send-button')!.getAttribute('aria-describedby')).to.equal(warning!.id, 'the send button is described by the warning');
    await expect(tip).to.be.accessible();
    const before = await nativeBalance(lookalike.address);
    await send(tip, events);
    expect(tip.tipState).to.equal('confirmed', text(part(tip, 'error')));
    expect((await nativeBalance(lookalike.address)) - before).to.equal(10n ** 15n);
  });

  it('no warning for a recipient that reads like nothing on the page (bob.eth beside alice.eth), nor for the same name', async () => {
    for (const to of ['bob.eth', 'alice.eth', account(1)]) {
      const { tip } = await setup({ to, amount: '0.001' }, 9, ['alice.eth']);
      expect(part(tip, 'lookalike-warning'), to).to.equal(null);
      expect(tip.matches(':state(lookalike)'), to).to.equal(false);
    }
    // The same page with a look-alike does warn by the same point (so the absence above is an answer).
    const { tip } = await setup({ to: 'alice.eth', amount: '0.001' }, 9, [LOOKALIKE_NAMES[0].name]);
    expect(text(part(tip, 'lookalike-warning'))).to.match(/^alice\.eth looks like a1ice\.eth/);
    // An accent (normalised by ENSIP-15 before it resolves) reads alike too.
    const accented = await setup({ to: LOOKALIKE_NAMES[1].name, amount: '0.001' }, 9, ['alice.eth']);
    expect(text(part(accented.tip, 'recipient-address'))).to.equal(LOOKALIKE_NAMES[1].address);
    expect(text(part(accented.tip, 'lookalike-warning'))).to.match(/^alíce\.eth looks like alice\.eth/);
  });

  it('a name with no address: invalid-recipient with a sentence, nothing to send', async () => {
    const { tip, codes, w, events } = await setup({ to: 'nobody-at-all.eth', amount: '1' });
    await until(() => codes().length, 'an error');
    expect(codes()).to.deep.equal(['invalid-recipient']);
    expect(text(part(tip, 'error'))).to.match(/^No address found for nobody-at-all\.eth: .+/);
    await send(tip, events);
    expect(sends(w)).to.equal(0);
  });

  it('a badge card’s "Tip" action opens the page’s <mask-tip> for that address', async () => {
    const { tip } = await setup({ to: randomAddress() });
    tip.close();
    const badge = document.createElement('mask-id-badge');
    badge.setAttribute('address', account(3));
    tip.parentElement!.append(badge);
    await badge.updateComplete;
    // The card API arrives with the badge issue; typed loosely so this file compiles before it does.
    await (badge as unknown as { show(): Promise<void> }).show();
    const button = await until(() => badge.shadowRoot!.querySelector<HTMLButtonElement>('[part~="tip-button"]'), 'the card’s Tip button');
    button.click();
    await until(() => part(tip, 'panel')?.matches(':popover-open') && text(part(tip, 'recipient-address')) === account(3), 'the tip panel for carol');
    expect(badge.shadowRoot!.textContent).not.to.contain('There is no tip button on this page.');
  });

  it('a Lens handle resolves through the Lens API and gets the tip', async function () {
    if (!(env as { lensUrl?: string }).lensUrl) this.skip();
    const kitless = await setup({ to: 'lens/stani', amount: '0.002' });
    const { tip } = kitless;
    const resolved = await (await kitless.kit.identity()).resolveName('lens/stani');
    expect(text(part(tip, 'recipient-address'))).to.equal(resolved.address);
    expect(text(part(tip, 'recipient'))).to.match(/Resolved from .*stani.* \(LENS\)/);
    const before = await nativeBalance(resolved.address);
    await send(tip, kitless.events);
    if (tip.matches(':state(warning)')) await send(tip, kitless.events); // a Lens account may be a contract
    expect(tip.tipState).to.equal('confirmed', text(part(tip, 'error')));
    expect((await nativeBalance(resolved.address)) - before).to.equal(2n * 10n ** 15n);
  });
});
