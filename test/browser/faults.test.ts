/**
 * The fault matrix for `<mask-tip>` and `<mask-id-badge>` (issue 15): the kit
 * talks to the real dev chain and the Lens stand-in through
 * `test/support/fault-proxy.ts`, which fails the way providers do. Each fault
 * must be reported as the network failure it is (never as a fact about the
 * token or the recipient), with `rpc-error`; the same tip panel must recover
 * and send once the fault clears, losing nothing typed; and a source that
 * holds its answer must not hold a badge whose other sources answered.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { announceDevWallet, createDevWallet } from '../../dev/wallet/dev-wallet.js';
import '../../src/components/tip/define.js';
import type { MaskTip } from '../../src/components/tip/mask-tip.js';
import type { MaskErrorEvent } from '../../src/events/mask-error.js';
import { toChecksumAddress, type Address } from '../../src/internal/address.js';
import { Kit } from '../../src/context/kit.js';
import '../../src/components/id-badge/define.js';
import { devChains, devKit, testEnv, until } from './support.js';

const env = testEnv();
const { usdc } = env.deployment.contracts;

async function setFault(fault: string): Promise<void> {
  const res = await fetch(env.faultControlUrl!, { method: 'POST', body: fault });
  if (!res.ok) throw new Error(await res.text());
}

async function tokenBalance(token: string, owner: string): Promise<bigint> {
  const data = `0x70a08231${owner.slice(2).toLowerCase().padStart(64, '0')}`;
  const res = await fetch(env.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_call', params: [{ to: token, data }, 'latest'] }) });
  return BigInt(((await res.json()) as { result: string }).result);
}

const randomAddress = (): Address => toChecksumAddress(`0x${[...crypto.getRandomValues(new Uint8Array(20))].map((b) => b.toString(16).padStart(2, '0')).join('')}`) as Address;
const part = (tip: Element, name: string) => tip.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

let cleanups: Array<() => void> = [];
afterEach(async () => {
  cleanups.forEach((c) => c());
  cleanups = [];
  await setFault('pass');
});

describe('<mask-tip> when the chain RPC fails', () => {
  before(function () {
    if (!env.faultControlUrl) this.skip();
  });

  /** A connected tip panel whose kit reads the dev chain through the fault proxy. */
  async function open(attrs: Record<string, string>) {
    // Account 4: no other browser test sends from it (files run two at a time, on one chain).
    const w = createDevWallet({ chains: { [env.chainId]: env.rpcUrl }, chainId: env.chainId, account: env.deployment.accounts[4].address });
    cleanups.push(announceDevWallet(w));
    const kit = devKit();
    kit.configure({ rpc: { [env.chainId]: env.faultRpcUrl! }, lensApiUrl: env.lensUrl ?? 'http://127.0.0.1:9/', web3bioApiUrl: false, xmtp: { env: 'local', apiUrl: env.xmtpUrl ?? 'http://127.0.0.1:9' } });
    const host = await fixture(html`<test-kit-provider .kit=${kit}></test-kit-provider>`);
    const tip = document.createElement('mask-tip') as MaskTip;
    Object.entries(attrs).forEach(([k, v]) => tip.setAttribute(k, v));
    const codes: string[] = [];
    // The tip's own errors (its recipient badge reports its lookup through the same faulty RPC, separately).
    tip.addEventListener('mask-error', (e) => e.composedPath()[0] === tip && codes.push((e as MaskErrorEvent).code));
    host.append(tip);
    await until(() => kit.wallet.wallets.length, 'the dev wallet');
    await kit.wallet.connect(kit.wallet.wallets[0]);
    await tip.show();
    return { tip, codes };
  }

  async function confirmed(tip: MaskTip, what: string): Promise<void> {
    part(tip, 'send-button')!.click();
    await until(() => tip.matches(':state(confirmed)') || tip.matches(':state(failed)'), `${what} (${text(part(tip, 'status'))} ${text(part(tip, 'error'))})`, 20_000);
    expect(tip.matches(':state(confirmed)')).to.equal(true);
  }

  for (const fault of ['down', 'http-500', 'garbage', 'rate-limited']) {
    it(`${fault}: says the chain did not answer (not that USDC is no token), then sends once it answers`, async () => {
      await setFault(fault);
      const to = randomAddress();
      const { tip, codes } = await open({ to, token: usdc, amount: '0.5' });
      await until(() => codes.length, `an error while ${fault}`, 20_000);
      const sentence = await until(() => text(part(tip, 'error')), 'the error sentence');
      expect(codes).to.deep.equal(['rpc-error']);
      expect(sentence).to.match(/^Mask Dev Chain did not answer \(.+\)\. Try again in a moment\.$/);
      expect(sentence).not.to.match(/ERC-20|token/i);
      expect(await tokenBalance(usdc, to)).to.equal(0n);

      await setFault('pass');
      await confirmed(tip, `the tip to confirm after ${fault} cleared`);
      expect(await tokenBalance(usdc, to)).to.equal(500_000n);
      expect(codes).to.deep.equal(['rpc-error']);
    });
  }

  it('down while a name is resolved: the name service did not answer (not "no address for bob.eth"); it resolves once the chain answers', async () => {
    await setFault('down');
    const { tip, codes } = await open({ to: 'bob.eth', amount: '0.001' });
    await until(() => codes.length, 'an error', 20_000);
    const sentence = await until(() => text(part(tip, 'error')), 'the error sentence');
    expect(codes).to.deep.equal(['rpc-error']);
    expect(sentence).to.equal('Could not look up bob.eth: the name service did not answer. Try again in a moment.');
    await setFault('pass');
    await confirmed(tip, 'the tip to bob.eth to confirm once the chain answers');
  });

  it('the control: with the RPC healthy, a contract without decimals() and an address without code are "not an ERC-20 token"', async () => {
    for (const token of [env.deployment.contracts.donationBox, randomAddress()]) {
      const { tip, codes } = await open({ to: randomAddress(), token, amount: '1' });
      await until(() => codes.length, `an error for ${token}`, 20_000);
      expect(codes).to.deep.equal(['invalid-token']);
      expect(await until(() => text(part(tip, 'error')), 'the error sentence')).to.match(/is not an ERC-20 token on Mask Dev Chain\.$/);
    }
  });
});

describe('<mask-id-badge> when a source fails', () => {
  before(function () {
    if (!env.faultControlUrl || !env.faultLensControlUrl) this.skip();
  });
  afterEach(async () => {
    await fetch(env.faultLensControlUrl!, { method: 'POST', body: 'pass' });
  });

  const lensStats = async () => (await (await fetch(env.faultLensControlUrl!.replace('/__fault', '/__stats'))).json()) as { held: number; aborted: number };

  /** A badge on a kit that reads the dev chain and the Lens stand-in through their fault proxies. */
  async function badge(address: string) {
    const kit = new Kit({ config: { chains: devChains(env).map((c) => (c.id === env.chainId ? { ...c, rpcUrls: [env.faultRpcUrl!] } : c)), defaultChain: env.chainId, ensChain: env.chainId, lensApiUrl: env.faultLensUrl, web3bioApiUrl: false, lang: 'en' } });
    const host = await fixture(html`<test-kit-provider .kit=${kit}></test-kit-provider>`);
    const codes: string[] = [];
    host.addEventListener('mask-error', (e) => codes.push((e as MaskErrorEvent).code));
    host.innerHTML = `<mask-id-badge address="${address}" loading="eager"></mask-id-badge>`;
    return { el: host.querySelector('mask-id-badge')!, codes };
  }

  it('a Lens API that holds its answer does not hold the badge: the ENS name shows while the Lens request is still open', async () => {
    await fetch(env.faultLensControlUrl!, { method: 'POST', body: 'hang' });
    const before = await lensStats();
    const alice = env.deployment.accounts[1].address;
    const { el } = await badge(alice);
    await until(() => text(part(el, 'name')) === 'alice.eth', 'the ENS name while Lens hangs', 20_000);
    const after = await lensStats();
    expect(after.held).to.be.greaterThan(before.held, 'the Lens request reached the (held) API');
    expect(after.aborted).to.equal(before.aborted, 'the badge did not wait for the Lens client to give up');
  });

  for (const fault of ['down', 'http-500', 'garbage', 'rate-limited']) {
    it(`chain RPC ${fault}: rpc-error, and the address stays shown`, async () => {
      await setFault(fault);
      const bob = env.deployment.accounts[2].address;
      const { el, codes } = await badge(bob);
      await until(() => codes.length, `an error while ${fault}`, 20_000);
      expect(codes).to.include('rpc-error');
      expect(codes).not.to.include('invalid-address');
      expect(text(part(el, 'address'))).to.equal(`${bob.slice(0, 6)}…${bob.slice(-4)}`);
    });
  }
});
