/**
 * Property-based: random strings for `to`, `amount`, `token` and `chain` on
 * the real element, opened and sent with a connected dev wallet. No uncaught
 * exception, no unhandled rejection, and every run ends in a lifecycle state
 * with a sentence (the node-side test runs the same machine thousands of
 * times; this one goes through the DOM, the panel and the chain).
 */
import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import { announceDevWallet, createDevWallet } from '../../dev/wallet/dev-wallet.js';
import '../../src/components/tip/define.js';
import type { MaskTip } from '../../src/components/tip/mask-tip.js';
import { TIP_STATES } from '../../src/components/tip/mask-tip.types.js';
import { devKit, testEnv, until } from './support.js';

const env = testEnv();
const { usdc, pausedToken, donationBox } = env.deployment.contracts;
const account = (i: number) => env.deployment.accounts[i].address;
const part = (tip: Element, name: string) => tip.shadowRoot!.querySelector(`[part~="${name}"]`);
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<mask-tip> under random input', () => {
  it('random to / amount / token / chain: never an uncaught exception, always a state with a sentence', async function () {
    this.timeout(240_000);
    const uncaught: string[] = [];
    const onError = (e: ErrorEvent) => uncaught.push(String(e.error ?? e.message));
    const onRejection = (e: PromiseRejectionEvent) => uncaught.push(String(e.reason));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const w = createDevWallet({ chains: { [env.chainId]: env.rpcUrl, [env.chainId2]: env.rpcUrl2 }, chainId: env.chainId, account: account(8) });
    const stop = announceDevWallet(w);
    try {
      const kit = devKit();
      kit.configure({ lensApiUrl: (env as { lensUrl?: string }).lensUrl ?? 'http://127.0.0.1:9/', web3bioApiUrl: false, xmtp: { env: 'local', apiUrl: env.xmtpUrl ?? 'http://127.0.0.1:9' } });
      const host = await fixture(html`<test-kit-provider .kit=${kit}></test-kit-provider>`);
      await until(() => kit.wallet.wallets.length, 'the dev wallet');
      await kit.wallet.connect(kit.wallet.wallets[0]);

      const hex40 = fc.stringMatching(/^0x[0-9a-f]{40}$/);
      const to = fc.oneof(
        fc.string({ maxLength: 48 }),
        fc.string({ unit: 'grapheme', maxLength: 16 }),
        hex40,
        fc.stringMatching(/^0x[0-9a-fA-F]{40}$/),
        fc.constantFrom('alice.eth', 'nobody.eth', 'lens/stani', '0x0000000000000000000000000000000000000000', account(8), donationBox, '', ' '),
      );
      const amount = fc.oneof(
        fc.string({ maxLength: 24 }),
        fc.stringMatching(/^[-+]?[0-9.,eEx _]{0,14}$/),
        fc.constantFrom('0.0001', '1e3', '0x10', '1,5', '-1', '0', '', '99999999999', '0.0000000000000000001'),
      );
      const token = fc.oneof(fc.string({ maxLength: 16 }), hex40, fc.constantFrom('native', 'USDC', 'usdc', 'ETH', '', usdc, pausedToken, donationBox));
      const chain = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'dev', 'dev2', String(env.chainId), '0x7a69', 'base', '1'));

      let runs = 0;
      await fc.assert(
        fc.asyncProperty(to, amount, token, chain, async (to, amount, token, chain) => {
          runs++;
          const tip = document.createElement('mask-tip') as MaskTip;
          Object.entries({ to, amount, token, chain }).forEach(([k, v]) => tip.setAttribute(k, v));
          const events: string[] = [];
          for (const type of ['mask-error', 'mask-tip-confirmed']) tip.addEventListener(type, () => events.push(type));
          host.append(tip);
          try {
            await tip.show();
            await until(() => !/Reading/.test(text(part(tip, 'status'))), 'the panel to read its inputs');
            const before = events.length;
            await tip.updateComplete;
            (part(tip, 'send-button') as HTMLButtonElement | null)?.click();
            await until(
              () => events.length > before || ['warning', 'confirmed', 'failed', 'rejected'].some((s) => tip.matches(`:state(${s})`)),
              `an outcome for ${JSON.stringify({ to, amount, token, chain })} (now ${tip.tipState})`,
              15_000,
            );
            await until(() => !['connecting', 'switching', 'checking', 'confirming', 'pending'].includes(tip.tipState), 'a settled state', 15_000);
            await tip.updateComplete;
            const state = tip.tipState;
            expect(TIP_STATES as readonly string[]).to.include(state);
            expect(tip.matches(`:state(${state})`)).to.equal(true);
            expect(text(part(tip, 'status')).length, 'a status sentence').to.be.greaterThan(3);
            if (tip.matches(':state(error)')) expect(text(part(tip, 'error')).length, 'an error sentence').to.be.greaterThan(3);
          } finally {
            tip.remove();
          }
        }),
        { numRuns: 500, seed: Number(new URLSearchParams(location.search).get('seed') ?? Date.now() % 2 ** 31) },
      );
      expect(runs).to.equal(500);
      expect(uncaught).to.deep.equal([]);
    } finally {
      stop();
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});
